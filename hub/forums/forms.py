"""Forum forms. They only parse input: the rules (lengths, words, tags) live in the services,
so the HTML forms, the API and the CLI refuse the same things with the same messages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from hub.core.forms import WriteForm


class AskForm(WriteForm):
    category = SelectField(_l("Category"), validate_choice=False)  # the service checks it
    kind = RadioField(
        _l("What is it?"),
        choices=[
            SelectChoice("question", _l("A question")),
            SelectChoice("discussion", _l("A discussion")),
        ],
        default="question",
    )
    title = StringField(_l("Title"))
    body = TextAreaField(_l("Details"))
    tags = StringField(_l("Tags (optional)"))


class ReplyForm(WriteForm):
    body = TextAreaField(_l("Your answer"))


class EditForm(FlaskForm):
    title = StringField(_l("Title"))
    body = TextAreaField(_l("Text"))
    reason = StringField(_l("Why the change? (optional)"))
