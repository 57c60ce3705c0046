"""Which pages are cached for visitors, and which versions each one depends on.

A version is a name that writes bump (see `invalidation`): `site` (every page: the known-issue
banner, category names, people's names), `home` (the lists of topics across spaces),
`space:<id>` (one category's or wall's list), `topic:<id>` (one thread's pages) and `faq`.
Every cached page depends on `site` and on the names below.
"""

from collections.abc import Callable

from sqlalchemy import select

from hub.core.extensions import db
from hub.forums.models import Space, SpaceKind
from hub.walls.models import COMPANY

SITE, HOME, FAQ = "site", "home", "faq"


def topic_version(topic_id: int) -> str:
    return f"topic:{topic_id}"


def space_version(space_id: int) -> str:
    return f"space:{space_id}"


def _category(args: dict) -> tuple[str, ...] | None:
    space_id = db.session.scalar(select(Space.id).where(Space.slug == args["slug"]))
    return None if space_id is None else (space_version(space_id),)


def _company_wall(args: dict) -> tuple[str, ...] | None:
    if args.get("owner", COMPANY) != COMPANY:
        return None  # a member's wall shows their recognition, drawn from every space
    space_id = db.session.scalar(
        select(Space.id).where(Space.kind == SpaceKind.WALL.value, Space.slug == COMPANY)
    )
    return None if space_id is None else (space_version(space_id),)


def _topic(args: dict) -> tuple[str, ...]:
    return (topic_version(args["topic_id"]),)


def _lists(args: dict) -> tuple[str, ...]:
    return (HOME,)


def _faq(args: dict) -> tuple[str, ...]:
    return (FAQ,)


# endpoint -> its versions, from the view's arguments (None: this one is not cached).
PAGES: dict[str, Callable[[dict], tuple[str, ...] | None]] = {
    "forums.home": _lists,
    "forums.latest": _lists,
    "forums.unanswered": _lists,
    "forums.solved": _lists,
    "forums.category": _category,
    "forums.topic": _topic,
    "faq.index": _faq,
    "faq.category": _faq,
    "faq.entry": _faq,
    "walls.company": _company_wall,
    "walls.wall": _company_wall,
    "walls.wall_post": _topic,
}
COUNTS_VIEWS = {"forums.topic"}  # a hit on these adds to the topic's view count, as the view does


def dependencies(endpoint: str | None, args: dict) -> tuple[str, ...] | None:
    """The versions a page depends on, `site` first; None if it is not cached."""
    rule = PAGES.get(endpoint or "")
    names = None if rule is None else rule(args)
    return None if names is None else (SITE, *names)


def counted_topic(endpoint: str | None, args: dict) -> int | None:
    return args.get("topic_id") if endpoint in COUNTS_VIEWS else None
