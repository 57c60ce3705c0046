"""Optional tags on topics: lower-case words of letters, digits and hyphens."""

import re

from flask_babel import gettext as _
from sqlalchemy import select

from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.forums.models import Tag

TAG_RE = re.compile(r"^[a-z0-9äöüß][a-z0-9äöüß-]{0,29}$")
MAX_TAGS = 5


def parse(raw) -> list[str]:
    """ "Router, WLAN  ipv6" -> ["router", "wlan", "ipv6"]. Raises: Invalid."""
    words = raw.replace(",", " ").split() if isinstance(raw, str) else list(raw or ())
    names = list(dict.fromkeys(word.strip().lower().lstrip("#") for word in words if word.strip()))
    if len(names) > MAX_TAGS:
        raise Invalid(_("Please correct the marked fields."), {"tags": _("At most 5 tags.")})
    bad = [name for name in names if not TAG_RE.fullmatch(name)]
    if bad:
        message = _(
            "Tags are single words of letters, digits and hyphens: %(tags)s", tags=", ".join(bad)
        )
        raise Invalid(_("Please correct the marked fields."), {"tags": message})
    return names


def find_or_create(raw) -> list[Tag]:
    names = parse(raw)
    if not names:
        return []
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    for name in names:
        if name not in existing:
            existing[name] = Tag(name=name)
            db.session.add(existing[name])
    return [existing[name] for name in names]
