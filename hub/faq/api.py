"""/api/v1 FAQ: list by category, create, and promote a solved question."""

from typing import Literal

from flask import url_for
from pydantic import BaseModel, Field

from hub import permissions
from hub.api.auth import api_user, require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.faq import queries, rules
from hub.faq import service as faq
from hub.faq.models import ANSWER_MAX, QUESTION_MAX, FaqEntry
from hub.forums import service as forums
from hub.forums.models import SpaceKind

bp = api_blueprint("faq_api", __name__)

TAG = "faq"


class FaqQuery(BaseModel):
    category: str | None = Field(default=None, max_length=80, pattern=r"^[\w-]+$")


class FaqIn(Strict):
    question: str = Field(max_length=QUESTION_MAX)
    answer: str = Field(max_length=ANSWER_MAX)  # Markdown
    category: str = Field(max_length=80, pattern=r"^[\w-]+$")
    status: Literal["draft", "published"] = "published"


class FaqEntryOut(Strict):
    id: int
    question: str
    answer_html: str
    category: str
    source_topic_id: int | None
    helpful_count: int  # "yes, this helped"
    url: str
    status: str
    updated_at: str
    maintainer: str | None  # username
    not_helpful_count: int | None = None  # the team only


class FaqListOut(Strict):
    items: list[FaqEntryOut]


def faq_json(entry: FaqEntry, viewer=None) -> dict:
    data = {
        "id": entry.id,
        "question": entry.question,
        "answer_html": entry.answer_html,
        "category": entry.space.slug,
        "source_topic_id": entry.source_topic_id,
        "helpful_count": entry.helpful_yes,
        "url": url_for("faq.entry", entry_id=entry.id, slug=entry.slug or None, _external=True),
        "status": entry.status,
        "updated_at": entry.updated_at.isoformat(),
        "maintainer": entry.maintainer.username if entry.maintainer else None,
    }
    if rules.can_see_helpful_counts(viewer):
        data["not_helpful_count"] = entry.helpful_no
    return data


@endpoint(bp, "/faq", "GET", summary="FAQ entries", query=FaqQuery, response=FaqListOut, tag=TAG)
def list_faq(params: FaqQuery):
    viewer = api_user()
    space = None
    if params.category:
        space = forums.get_space(params.category)
        if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(viewer, space):
            return {"items": []}
    return {"items": [faq_json(entry, viewer) for entry in queries.entries(viewer, space)]}


@endpoint(
    bp,
    "/faq",
    "POST",
    summary="Create an FAQ entry (team)",
    body=FaqIn,
    response=FaqEntryOut,
    status=201,
    auth=True,
    tag=TAG,
)
def create_faq(data: FaqIn):
    actor = require_api_user()
    entry = faq.create_entry(
        actor, data.category, data.question, data.answer, publish=data.status == "published"
    )
    return faq_json(entry, actor), 201


@endpoint(
    bp,
    "/topics/<int:topic_id>/faq",
    "POST",
    summary="Promote a solved question and its accepted answer to a draft FAQ entry (team)",
    response=FaqEntryOut,
    status=201,
    auth=True,
    tag=TAG,
)
def promote_topic(topic_id: int):
    actor = require_api_user()
    entry = faq.promote_topic(actor, topic_id)
    return faq_json(entry, actor), 201
