"""The admin's category forms. They only parse input: `category_values` checks the values,
so the page and the API refuse the same things with the same messages."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from hub.core.i18n import LANGUAGE_NAMES
from hub.forums import marks

ICON_LABELS = {
    "chat": _l("Speech bubble"),
    "question": _l("Question mark"),
    "wrench": _l("Wrench"),
    "wifi": _l("Wi-Fi"),
    "phone": _l("Phone"),
    "invoice": _l("Invoice"),
    "shield": _l("Shield"),
    "book": _l("Book"),
    "star": _l("Star"),
    "megaphone": _l("Megaphone"),
    "gear": _l("Gear"),
    "lightbulb": _l("Light bulb"),
}


class CategoryForm(FlaskForm):
    name = StringField(_l("Name"))
    slug = StringField(_l("Address"))
    description = TextAreaField(_l("Description"))
    colour = StringField(_l("Colour (optional)"))
    icon = SelectField(_l("Icon (optional)"), validate_choice=False)  # the service checks it
    emoji = StringField(_l("… or an emoji instead"))
    language = SelectField(_l("Language"), validate_choice=False)
    private = BooleanField(_l("Private: only the team, moderators and chosen teams read it"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.icon.choices = [SelectChoice("", _l("No icon"))] + [
            SelectChoice(name, ICON_LABELS.get(name, name)) for name in marks.ICONS
        ]
        self.language.choices = [SelectChoice("", _l("All languages"))] + [
            SelectChoice(code, LANGUAGE_NAMES.get(code, code))
            for code in current_app.config["LANGUAGES"]
        ]

    def fill(self, space) -> None:
        for name in ("name", "slug", "description", "colour", "language"):
            getattr(self, name).data = getattr(space, name)
        named = space.icon in marks.ICONS
        self.icon.data = space.icon if named else ""
        self.emoji.data = "" if named else space.icon
        self.private.data = space.is_private

    def values(self) -> dict:
        """What the service takes: the emoji, when one is given, is the icon."""
        values = {
            name: getattr(self, name).data or ""
            for name in ("name", "slug", "description", "colour", "language")
        }
        values["icon"] = (self.emoji.data or "").strip() or self.icon.data or ""
        return values


class DeleteCategoryForm(FlaskForm):
    move_to = SelectField(_l("Move its topics to"), validate_choice=False)
