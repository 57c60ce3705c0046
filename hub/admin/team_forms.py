"""The forms of the teams pages. They parse input; `team_service` checks the values."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from hub.teams.models import NAME_MAX, TITLE_MAX


class TeamForm(FlaskForm):
    # No DataRequired: the service says what is missing, the same way for the page and a test.
    name = StringField(_l("Name"), validators=[Length(max=NAME_MAX)])
    slug = StringField(
        _l("Address (made from the name when empty)"), validators=[Length(max=NAME_MAX)]
    )
    title = StringField(
        _l("Title in the badge (the name when empty)"), validators=[Length(max=TITLE_MAX)]
    )
    description = TextAreaField(_l("Description"), validators=[Length(max=500)])
    staff = BooleanField(
        _l("Staff team: experts, moderators and admins only, shown as the company's team"),
        default=True,
    )

    def values(self) -> dict:
        return {
            "name": self.name.data or "",
            "slug": self.slug.data or "",
            "title": self.title.data or "",
            "description": self.description.data or "",
            "staff": bool(self.staff.data),
        }


class MemberForm(FlaskForm):
    username = StringField(_l("Username"), validators=[Length(max=40)])


class CategoryModeratorForm(FlaskForm):
    category = SelectField(_l("Category"), coerce=int, validate_choice=False)
    username = StringField(_l("Username"), validators=[Length(max=40)])
