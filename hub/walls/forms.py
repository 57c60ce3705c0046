"""Wall forms. They only parse input; the rules live in the service."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from hub.core.forms import WriteForm


class WallPostForm(WriteForm):
    body = TextAreaField(_l("Write on the wall"))
    image = FileField(_l("Image (optional: PNG, JPEG, GIF or WebP)"))
    known_issue = BooleanField(_l("This is a known issue (shows a banner until resolved)"))


class CommentForm(WriteForm):
    body = TextAreaField(_l("Your comment"))


class EditForm(FlaskForm):
    body = TextAreaField(_l("Text"))
    reason = StringField(_l("What did you change? (optional)"))


class IssueUpdateForm(FlaskForm):
    body = TextAreaField(_l("Add an update"))
    resolve = BooleanField(_l("Resolved: remove the banner"))


class WallSettingsForm(FlaskForm):
    comments = RadioField(
        _l("Who may comment on your wall?"),
        choices=[
            SelectChoice("everyone", _l("Everyone")),
            SelectChoice("followed", _l("Only people I follow")),
            SelectChoice("off", _l("Nobody: comments are off")),
        ],
        default="everyone",
    )
    hidden_from_visitors = BooleanField(_l("Hide my wall from visitors who are not logged in"))
