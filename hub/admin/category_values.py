"""What a category's name, slug, description, colour, icon and language may be: each value
checked and put in its stored form, with a message per field for the form or the API."""

import re

from flask import current_app
from flask_babel import gettext as _

from hub.core.errors import Invalid
from hub.forums import marks

NAME_MAX = 120
DESCRIPTION_MAX = 500
SLUG_MAX = 80
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Slugs the walls use (`company`, `wall-<id>`): a category there would take a wall's address.
RESERVED_SLUGS = {"company"}
RESERVED_PREFIXES = ("wall-",)
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
# The category's colour is the ground its white icon is drawn on: WCAG asks 3:1 of a UI part.
MIN_CONTRAST = 3.0
FIELDS = ("name", "slug", "description", "colour", "icon", "language")


def clean(values: dict) -> dict:
    """The values given (any of FIELDS), checked and tidied. Raises: Invalid (every field that
    is wrong, each with its message)."""
    cleaned, errors = {}, {}
    for name, value in values.items():
        if name not in FIELDS:
            continue
        try:
            cleaned[name] = _CHECKS[name]((value or "").replace("\x00", "").strip())
        except ValueError as problem:
            errors[name] = str(problem)
    if errors:
        raise Invalid(_("Please correct the marked fields."), errors)
    return cleaned


def _name(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError(_("Give the category a name."))
    if len(value) > NAME_MAX:
        raise ValueError(_("At most %(n)d characters.", n=NAME_MAX))
    return value


def _slug(value: str) -> str:
    if not value:
        raise ValueError(_("Give the category an address, like “billing”."))
    if len(value) > SLUG_MAX:
        raise ValueError(_("At most %(n)d characters.", n=SLUG_MAX))
    if not SLUG_PATTERN.fullmatch(value):
        raise ValueError(_("Use lower-case letters a–z, digits and hyphens, like “tv-and-radio”."))
    if value in RESERVED_SLUGS or value.startswith(RESERVED_PREFIXES):
        raise ValueError(_("This address belongs to the walls; choose another."))
    return value


def _description(value: str) -> str:
    if len(value) > DESCRIPTION_MAX:
        raise ValueError(_("At most %(n)d characters.", n=DESCRIPTION_MAX))
    return value


def _colour(value: str) -> str:
    if not value:
        return ""
    value = value.lower()
    if not COLOUR_PATTERN.fullmatch(value):
        raise ValueError(_("Write the colour in hex, like #0b5cad."))
    if len(value) == 4:
        value = "#" + "".join(2 * digit for digit in value[1:])
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValueError(
            _(
                "White on this colour has a contrast of %(ratio)s:1; it needs at least 3:1."
                " Choose a darker shade.",
                ratio=f"{ratio:.1f}",
            )
        )
    return value


def _icon(value: str) -> str:
    if not value or value in marks.ICONS or marks.is_emoji(value):
        return value
    raise ValueError(_("Choose one of the icons, or a single emoji."))


def _language(value: str) -> str:
    if not value or value in current_app.config["LANGUAGES"]:
        return value
    raise ValueError(_("Choose one of the languages the community offers."))


_CHECKS = {
    "name": _name,
    "slug": _slug,
    "description": _description,
    "colour": _colour,
    "icon": _icon,
    "language": _language,
}


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white against `#rrggbb`."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
