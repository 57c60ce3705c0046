"""Forms of the members pages. They parse input; the rules live in `members.py`."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from hub.admin import members

ROLE_LABELS = {
    "member": _l("Member"),
    "expert": _l("Expert (team)"),
    "moderator": _l("Moderator"),
    "admin": _l("Admin"),
}

STATE_LABELS = {
    "suspended": _l("Suspended"),
    "silenced": _l("Silenced (read-only)"),
    "unconfirmed": _l("E-mail not confirmed"),
}


class RoleForm(FlaskForm):
    role = SelectField(
        _l("New role"), choices=[SelectChoice(code, label) for code, label in ROLE_LABELS.items()]
    )
    reason = TextAreaField(
        _l("Reason (kept in the audit log)"), validators=[Length(max=members.REASON_MAX)]
    )
