"""Moderation forms. They parse input; the rules live in the service."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from hub.moderation import reasons, settings

WRITTEN = SelectChoice("other", _l("Another reason (write it below)"))

# How long a suspension or silence lasts; "" means until a moderator lifts it.
DURATIONS = [
    SelectChoice("1", _l("1 day")),
    SelectChoice("3", _l("3 days")),
    SelectChoice("7", _l("7 days")),
    SelectChoice("30", _l("30 days")),
    SelectChoice("365", _l("1 year")),
    SelectChoice("", _l("Until lifted")),
]


def _choices(mapping: dict) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in mapping.items()]


class ReportForm(FlaskForm):
    reason = RadioField(
        _l("What is wrong?"), choices=_choices(reasons.REPORT_REASONS), validators=[DataRequired()]
    )
    note = TextAreaField(
        _l("Anything the moderators should know (optional)"),
        validators=[Optional(), Length(max=1000)],
    )


class NoteForm(FlaskForm):
    """Dismiss, restore, approve, lift, mark as spammer: a private note at most."""

    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])
    next = HiddenField()


class HideForm(FlaskForm):
    reason_code = SelectField(
        _l("Public reason"), choices=[*_choices(reasons.HIDE_REASONS), WRITTEN], default="spam"
    )
    public_reason = StringField(
        _l("Written reason (shown to everyone)"), validators=[Length(max=500)]
    )
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])
    next = HiddenField()


class EditForm(FlaskForm):
    body = TextAreaField(_l("Text"), validators=[DataRequired()])
    reason = StringField(
        _l("Why (recorded with the revision)"), validators=[DataRequired(), Length(max=200)]
    )
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


class DeleteForm(FlaskForm):
    reason_code = SelectField(_l("Legal reason"), choices=_choices(reasons.DELETE_REASONS))
    detail = StringField(_l("Public detail (optional)"), validators=[Length(max=500)])
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


class SuspendForm(FlaskForm):
    duration = SelectField(_l("For"), choices=DURATIONS, default="7")
    reason_code = SelectField(
        _l("Public reason"), choices=[*_choices(reasons.ACCOUNT_REASONS), WRITTEN]
    )
    public_reason = StringField(
        _l("Written reason (shown on the profile)"), validators=[Length(max=500)]
    )
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


class SilenceForm(FlaskForm):
    duration = SelectField(_l("For"), choices=DURATIONS, default="1")
    public_reason = StringField(_l("Reason told to the member"), validators=[Length(max=500)])
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


class BulkForm(FlaskForm):
    action = SelectField(
        _l("With the selected reports"),
        choices=[
            SelectChoice("dismiss", _l("Dismiss (no action)")),
            SelectChoice("hide", _l("Hide the posts")),
            SelectChoice("mark_spammer", _l("Mark the authors as spammers")),
        ],
    )
    reason_code = SelectField(
        _l("Public reason"), choices=[*_choices(reasons.HIDE_REASONS), WRITTEN], default="spam"
    )
    public_reason = StringField(_l("Written reason"), validators=[Length(max=500)])
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


class AppealForm(FlaskForm):
    text = TextAreaField(
        _l("Why is the decision wrong?"), validators=[DataRequired(), Length(max=1000)]
    )


class DecideAppealForm(FlaskForm):
    outcome = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("upheld", _l("Uphold: the decision stands")),
            SelectChoice("overturned", _l("Overturn: undo the decision")),
        ],
        validators=[DataRequired()],
    )
    reason = StringField(
        _l("Reason (sent to the member)"), validators=[DataRequired(), Length(max=500)]
    )
    note = TextAreaField(_l("Private note for moderators"), validators=[Length(max=1000)])


def settings_form(values: dict):
    """A form with one field per site setting, filled with the current values (a submitted
    form's values win)."""

    class SettingsForm(FlaskForm):
        pass

    for spec in settings.SPECS:
        if isinstance(spec.default, bool):
            field = BooleanField(spec.label)
        else:
            field = IntegerField(spec.label, validators=[InputRequired()])
        setattr(SettingsForm, spec.key, field)
    return SettingsForm(data=values)


def settings_values(form) -> dict:
    return {spec.key: getattr(form, spec.key).data for spec in settings.SPECS}
