"""Site settings for moderation, changed by admins in the hub (no restart, no environment).

Each setting has a default here; a row in `site_settings` overrides it. The defaults follow the
issue: new members (younger than a day) may start 1 topic per 2 minutes and post 10 replies per
10 minutes, with at most 2 links per post; older members get looser limits.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from hub import permissions
from hub.core.columns import utcnow
from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.moderation.models import SiteSetting


@dataclass(frozen=True)
class Spec:
    key: str
    default: bool | int
    label: object  # a lazy string
    minimum: int = 0
    maximum: int = 1_000_000


SPECS = [
    Spec(
        "approve_first_post",
        False,
        _l("A new member's first post waits for a moderator's approval"),
    ),
    Spec("auto_hide_reporters", 3, _l("Reports (by distinct members) that hide a post"), 1, 100),
    Spec("new_member_hours", 24, _l("A member counts as new for this many hours"), 0, 24 * 365),
    Spec("new_member_links", 2, _l("Links per post for new members"), 0, 100),
    Spec("new_topic_limit", 1, _l("Topics a new member may start per window"), 1),
    Spec("new_topic_window", 120, _l("… window in seconds"), 1, 86_400),
    Spec("new_reply_limit", 10, _l("Replies a new member may post per window"), 1),
    Spec("new_reply_window", 600, _l("… window in seconds"), 1, 86_400),
    Spec("topic_limit", 10, _l("Topics any member may start per window"), 1),
    Spec("topic_window", 3600, _l("… window in seconds"), 1, 86_400),
    Spec("reply_limit", 60, _l("Replies any member may post per window"), 1),
    Spec("reply_window", 3600, _l("… window in seconds"), 1, 86_400),
    Spec("duplicate_window", 300, _l("Seconds in which the same text is refused twice"), 0, 86_400),
    Spec("registrations_per_ip", 3, _l("Registrations per IP address and day"), 1, 10_000),
]
BY_KEY = {spec.key: spec for spec in SPECS}


def current() -> dict[str, bool | int]:
    """Every setting's value: the stored one, or its default (one query)."""
    stored = {
        key: value for key, value in db.session.execute(select(SiteSetting.key, SiteSetting.value))
    }
    return {spec.key: stored.get(spec.key, spec.default) for spec in SPECS}


def get(key: str) -> bool | int:
    row = db.session.get(SiteSetting, key)
    return row.value if row is not None else BY_KEY[key].default


def _check(spec: Spec, value) -> bool | int:
    """Raises: Invalid."""
    if isinstance(spec.default, bool):
        if not isinstance(value, bool):
            raise Invalid(_("Please correct the marked fields."), {spec.key: _("Yes or no.")})
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("Please correct the marked fields."), {spec.key: _("A whole number.")})
    if not spec.minimum <= value <= spec.maximum:
        message = _("Between %(low)d and %(high)d.", low=spec.minimum, high=spec.maximum)
        raise Invalid(_("Please correct the marked fields."), {spec.key: message})
    return value


def change_settings(actor, values: dict) -> dict[str, bool | int]:
    """Store new values for some settings. Raises: Forbidden, Invalid (unknown key, bad value)."""
    permissions.require(permissions.can_change_site_settings(actor))
    unknown = set(values) - set(BY_KEY)
    if unknown:
        raise Invalid(_("Unknown setting."), {key: _("Unknown setting.") for key in unknown})
    checked = {key: _check(BY_KEY[key], value) for key, value in values.items()}
    now = utcnow()
    for key, value in checked.items():
        row = db.session.get(SiteSetting, key)
        if row is None:
            row = SiteSetting(key=key, value=value, updated_at=now, updated_by_id=actor.id)
            db.session.add(row)
        else:
            row.value, row.updated_at, row.updated_by_id = value, now, actor.id
    db.session.commit()
    return current()


def store(**values) -> None:
    """Store settings without an actor or a permission check (tests, the command line)."""
    for key, value in values.items():
        _check(BY_KEY[key], value)
        row = db.session.get(SiteSetting, key)
        if row is None:
            db.session.add(SiteSetting(key=key, value=value))
        else:
            row.value = value
    db.session.commit()
