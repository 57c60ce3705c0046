"""The shapes of the forums API: request bodies and query strings (validated) and responses
(documented in the OpenAPI document). The walls API builds on `PostOut` and `CursorQuery`."""

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from hub.accounts.api import UserOut
from hub.api.schema import Strict
from hub.forums.models import BODY_MAX, TITLE_MAX
from hub.forums.tags import MAX_TAGS

TAG = "forums"  # the OpenAPI tag of every forums endpoint


def _slug(**kwargs):
    """A category slug: plain words, which also keeps NUL bytes (PostgreSQL refuses them) out."""
    return Field(max_length=80, pattern=r"^[\w-]+$", **kwargs)


# --- what goes in -----------------------------------------------------------------------------


class TopicIn(Strict):
    category: str = _slug()
    kind: Literal["question", "discussion"]
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)


class ReplyIn(Strict):
    body: str = Field(max_length=BODY_MAX)


class EditIn(Strict):
    body: str = Field(max_length=BODY_MAX)
    title: str | None = Field(default=None, max_length=TITLE_MAX)  # the opening post only
    reason: str = Field(default="", max_length=200)


class VoteIn(Strict):
    value: int = Field(default=1, ge=1, le=1)  # up-votes only


class Query(BaseModel):
    """Query strings: values converted from text, unknown parameters ignored, and empty ones
    (`?category=&kind=`) taken as absent."""

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data):
        return {k: v for k, v in data.items() if v != ""} if isinstance(data, dict) else data


class TopicsQuery(Query):
    category: str | None = _slug(default=None)
    kind: Literal["question", "discussion"] | None = None
    unanswered: bool = False
    solved: bool = False
    cursor: str | None = Field(default=None, max_length=40)


class CursorQuery(Query):
    cursor: str | None = Field(default=None, max_length=40)


# --- what comes out (documents the responses in the OpenAPI document) ------------------------


class CategoryOut(Strict):
    id: int
    slug: str
    name: str
    description: str
    colour: str  # "#rrggbb", or "" for the default
    icon: str  # a named icon, an emoji, or ""
    language: str  # a language code, or "" for every offered language
    archived: bool  # readable, but takes no new topics or replies
    private: bool  # read by the team, moderators and the teams given it only
    url: str
    topic_count: int
    last_activity_at: str | None


class CategoryListOut(Strict):
    items: list[CategoryOut]
    next: str | None


class PostOut(Strict):
    id: int
    topic_id: int
    number: int
    author: UserOut
    html: str  # empty for a hidden post the viewer may not see
    raw: str | None = None  # only for the author, experts and moderators
    created_at: str
    edited_at: str | None
    score: int
    voted: bool  # the viewer up-voted it
    is_accepted: bool
    is_official: bool
    official_by: UserOut | None
    official_at: str | None
    hidden: bool
    hidden_reason: str


class TopicOut(Strict):
    id: int
    category: str
    kind: Literal["question", "discussion", "wall"]
    title: str
    url: str
    author: UserOut
    created_at: str
    last_activity_at: str
    reply_count: int
    accepted_post_id: int | None
    is_solved: bool
    has_expert_reply: bool
    tags: list[str]


class TopicPageOut(TopicOut):
    posts: list[PostOut]  # page 1: the opening post and the first replies; later pages: replies
    pinned: list[PostOut]  # page 1 only: the accepted answer, then official answers
    next: str | None


class TopicListOut(Strict):
    items: list[TopicOut]
    next: str | None


class FollowOut(Strict):
    topic_id: int
    following: bool
