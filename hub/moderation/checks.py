"""What every moderation decision checks the same way: the moderator's private note, the
public reason the community reads, and the `Invalid` error a refused field raises."""

from flask_babel import gettext as _

from hub.core.errors import Invalid
from hub.moderation import reasons

NOTE_MAX = 1000
REASON_MAX = 500


def invalid(field: str, message: str) -> Invalid:
    """The error for one refused form field, as every moderation form shows it."""
    return Invalid(_("Please correct the marked fields."), {field: message})


def checked_note(note: str) -> str:
    """The private note, trimmed. Raises: Invalid (too long)."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise invalid("note", _("At most %(n)d characters.", n=NOTE_MAX))
    return note


def checked_public_reason(
    choices: dict, code: str, written: str, field="public_reason"
) -> tuple[str, str]:
    """(reason code, public text) from a listed reason or a written one.

    Raises: Invalid when no reason is given or it is too long."""
    code, text = reasons.public_reason(choices, code or "", written or "")
    if not text:
        raise invalid(field, _("Choose a reason or write one: the community will read it."))
    if len(text) > REASON_MAX:
        raise invalid(field, _("At most %(n)d characters.", n=REASON_MAX))
    return code, text
