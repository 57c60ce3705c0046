"""Notification forms: the e-mail choices, and buttons that only carry the CSRF token."""

from flask_wtf import FlaskForm
from wtforms import BooleanField

from hub.notifications.models import STAFF_KINDS, Kind
from hub.notifications.texts import KIND_LABELS


class EmailChoicesForm(FlaskForm):
    """One checkbox per kind: checked means "also send me an e-mail"."""

    reply = BooleanField(KIND_LABELS[Kind.REPLY])
    mention = BooleanField(KIND_LABELS[Kind.MENTION])
    accepted = BooleanField(KIND_LABELS[Kind.ACCEPTED])
    official = BooleanField(KIND_LABELS[Kind.OFFICIAL])
    expert_answer = BooleanField(KIND_LABELS[Kind.EXPERT_ANSWER])
    new_question = BooleanField(KIND_LABELS[Kind.NEW_QUESTION])
    chat_reply = BooleanField(KIND_LABELS[Kind.CHAT_REPLY])
    moderation = BooleanField(KIND_LABELS[Kind.MODERATION])
    spoke_reconnect = BooleanField(KIND_LABELS[Kind.SPOKE_RECONNECT])

    def __init__(self, *args, staff: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind in Kind if staff or kind not in STAFF_KINDS]

    def choices(self) -> dict[str, bool]:
        return {kind.value: bool(getattr(self, kind.value).data) for kind in self.kinds}

    def kind_fields(self):
        return [getattr(self, kind.value) for kind in self.kinds]


class ButtonForm(FlaskForm):
    """Mark read, mark all read, unsubscribe: a button and the CSRF token."""
