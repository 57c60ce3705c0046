"""What each kind of hub content looks like on a spoke: a registry of describers.

A delivery names its content by (content_type, content_id); the job asks the describer of that
type for the default text, the hub path its tracked link leads to, and whether the content may
still leave the hub. Features register their own types (`register("faq", describe_entry)`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from hub import content as hub_content
from hub.core.extensions import db
from hub.crosspost.models import CrossPostRule, RuleMode
from hub.forums.models import Post, SpaceKind, Topic, TopicKind
from hub.walls.models import WallPost

WALL_TEXT_CHARS = 400  # a wall post has no title of its own: its text is what goes out
ISSUE_REASONS = ("issue", "update")


@dataclass(frozen=True)
class Content:
    text: str  # the default text, before the call to action's link and shaping
    path: str  # a hub path for the tracked link
    public: bool  # False: hidden, private or gone, so it must not (or no longer) be on a spoke
    hashtags: tuple[str, ...] = ()
    title: str = ""  # how the admin page names it


Describe = Callable[[int], Content | None]
_describers: dict[str, Describe] = {}


def register(content_type: str, describe: Describe) -> None:
    """`describe(content_id)` returns the Content, or None when it no longer exists."""
    if len(content_type) > 16:
        raise ValueError(f"content type {content_type!r} is longer than 16 characters")
    _describers[content_type] = describe


def describe(content_type: str, content_id: int) -> Content | None:
    """Raises: KeyError naming the known types, for a type nobody registered."""
    try:
        describer = _describers[content_type]
    except KeyError:
        known = ", ".join(sorted(_describers))
        raise KeyError(f"unknown content type {content_type!r}; known: {known}") from None
    return describer(content_id)


# --- topics: forum questions and discussions, and company wall posts -------------------------


def call_to_action(topic: Topic, reason: str = "") -> str:
    """Answer for open questions, follow updates of known issues, discuss the rest."""
    if reason == RuleMode.NEW or (topic.kind == TopicKind.QUESTION and not topic.is_solved):
        return _("Answer on our community")
    if reason in ISSUE_REASONS or (not reason and is_known_issue(topic)):
        return _("Follow updates on our community")
    return _("Join the discussion")


def is_known_issue(topic: Topic) -> bool:
    meta = db.session.get(WallPost, topic.id) if topic.kind == TopicKind.WALL else None
    return meta is not None and meta.issue_status is not None


def topic_text(topic: Topic, reason: str = "") -> str:
    """The title (a wall post's text) and a short call to action; the adapter adds the link."""
    return f"{headline(topic)}\n\n{call_to_action(topic, reason)}:"


def headline(topic: Topic) -> str:
    if topic.kind != TopicKind.WALL:
        return topic.title
    opening = _opening_post(topic)
    text = hub_content.excerpt(opening.html, WALL_TEXT_CHARS) if opening else ""
    return text or topic.title


def topic_path(topic: Topic) -> str:
    return f"/w/{topic.id}" if topic.kind == TopicKind.WALL else f"/t/{topic.id}"


def _opening_post(topic: Topic) -> Post | None:
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


def opening_post_hidden(topic: Topic) -> bool:
    """Hidden, held for approval or missing: it stays on the hub."""
    opening = _opening_post(topic)
    return opening is None or opening.is_hidden


def topic_is_public(topic: Topic | None) -> bool:
    """Fit to be on another network: a public category's topic or a company wall post, shown."""
    if topic is None:
        return False
    space = topic.space
    in_public_category = space.kind == SpaceKind.CATEGORY and not space.is_private
    on_company_wall = space.kind == SpaceKind.WALL and space.owner_id is None
    if not (in_public_category or on_company_wall):
        return False
    return not opening_post_hidden(topic)


def post_is_public(post: Post | None) -> bool:
    """Fit to be linked from another network: shown, in a topic that is (forum or wall)."""
    return post is not None and not post.is_hidden and topic_is_public(post.topic)


def _describe_topic(topic_id: int) -> Content | None:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        return None
    rule = db.session.scalar(select(CrossPostRule).where(CrossPostRule.space_id == topic.space_id))
    return Content(
        text=topic_text(topic),
        path=topic_path(topic),
        public=topic_is_public(topic),
        hashtags=rule.hashtag_list if rule else (),
        title=topic.title,
    )


register("topic", _describe_topic)
