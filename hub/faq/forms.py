"""FAQ forms. They parse input; the service checks the rules."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from hub.faq.models import ANSWER_MAX, QUESTION_MAX


class EntryForm(FlaskForm):
    category = SelectField(_l("Category"), validators=[DataRequired()])
    question = StringField(_l("Question"), validators=[DataRequired(), Length(max=QUESTION_MAX)])
    answer = TextAreaField(
        _l("Answer (Markdown)"), validators=[DataRequired(), Length(max=ANSWER_MAX)]
    )
    publish = BooleanField(_l("Publish now"), default=True)


class EditEntryForm(EntryForm):
    maintainer = StringField(
        _l("Maintained by (username)"), validators=[Optional(), Length(max=30)]
    )
    reason = StringField(_l("What changed (optional)"), validators=[Optional(), Length(max=200)])
    publish = None  # publishing has its own buttons on the edit page


class HelpfulForm(FlaskForm):
    helpful = StringField(validators=[AnyOf(["yes", "no"])])


class ActionForm(FlaskForm):
    """Only the CSRF token: publish, unpublish, move, promote."""
