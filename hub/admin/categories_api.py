"""/api/v1 categories for admins: create, edit (a new slug leaves the old one redirecting),
archive and delete. The list (`GET /categories`, for everyone) is the forums API's."""

from pydantic import Field

from hub.admin import categories
from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.forums.api.schemas import TAG, CategoryOut, Query
from hub.forums.api.serializers import category_json

bp = api_blueprint("admin_categories_api", __name__)

# Generous bounds: the service checks the values and says what is wrong with each.
_TEXT = Field(default="", max_length=1000)


class CategoryIn(Strict):
    slug: str = Field(max_length=1000)
    name: str = Field(max_length=1000)
    description: str = _TEXT
    colour: str = Field(default="", max_length=1000, description="#rrggbb; white on it 3:1")
    icon: str = Field(default="", max_length=1000, description="a named icon or one emoji")
    language: str = Field(default="", max_length=1000, description='"" for all languages')
    private: bool = Field(
        default=False, description="read by the team, moderators and the teams given it only"
    )


class CategoryPatch(Strict):
    """Only the fields given change."""

    slug: str | None = Field(default=None, max_length=1000)
    name: str | None = Field(default=None, max_length=1000)
    description: str | None = Field(default=None, max_length=1000)
    colour: str | None = Field(default=None, max_length=1000)
    icon: str | None = Field(default=None, max_length=1000)
    language: str | None = Field(default=None, max_length=1000)
    archived: bool | None = None
    private: bool | None = None


class DeleteQuery(Query):
    move_to: str | None = Field(default=None, max_length=80)


class CategoryDeletedOut(Strict):
    deleted: str
    moved_to: str | None
    moved_topics: int


def _json(space) -> dict:
    topic_count, _entries = categories.contents(space)
    return category_json(space, topic_count)


@endpoint(
    bp,
    "/categories",
    "POST",
    summary="Create a category (admins)",
    body=CategoryIn,
    response=CategoryOut,
    status=201,
    auth=True,
    tag=TAG,
    errors={409: "the slug is taken", 422: "a value is not valid (`fields` says which)"},
)
def create_category(data: CategoryIn):
    user = require_api_user()
    values = data.model_dump()
    return _json(categories.create(user, values, private=values.pop("private"))), 201


@endpoint(
    bp,
    "/categories/<slug>",
    "PATCH",
    summary="Edit, archive or make private a category (admins); an old slug redirects",
    body=CategoryPatch,
    response=CategoryOut,
    auth=True,
    tag=TAG,
    errors={409: "the new slug is taken", 422: "a value is not valid (`fields` says which)"},
)
def edit_category(slug: str, data: CategoryPatch):
    user = require_api_user()
    changes = data.model_dump(exclude_none=True)
    archived = changes.pop("archived", None)
    private = changes.pop("private", None)
    space = categories.edit(user, slug, changes, archived=archived, private=private)
    return _json(space)


@endpoint(
    bp,
    "/categories/<slug>",
    "DELETE",
    summary="Delete a category (admins); one with topics only with `move_to`",
    query=DeleteQuery,
    response=CategoryDeletedOut,
    auth=True,
    tag=TAG,
    errors={409: "it holds topics or FAQ entries and no `move_to` was given"},
)
def delete_category(slug: str, params: DeleteQuery):
    user = require_api_user()
    moved = categories.remove(user, slug, params.move_to)
    return {"deleted": slug, "moved_to": params.move_to, "moved_topics": moved}
