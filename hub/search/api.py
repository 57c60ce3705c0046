"""/api/v1/search: the same search as the results page, as JSON."""

from typing import Literal
from urllib.parse import urljoin

from flask import request
from pydantic import BaseModel, Field

from hub.api.auth import api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.search import service as search
from hub.search.syntax import MAX_LENGTH

bp = api_blueprint("search_api", __name__)


class SearchQuery(BaseModel):
    q: str = Field(default="", max_length=MAX_LENGTH)
    type: Literal["topic", "post", "faq", "wall"] | None = None
    category: str | None = Field(default=None, max_length=80, pattern=r"^[\w-]+$")
    solved: bool = False
    sort: Literal["relevance", "date"] = "relevance"
    page: int = Field(default=1, ge=1, le=100)
    limit: int = Field(default=search.PER_PAGE, ge=1, le=50)


class SearchHitOut(Strict):
    type: str  # topic, post, faq, wall
    id: int
    title: str
    url: str
    snippet: str  # HTML: escaped text, matches in <mark>
    score: float


class SearchOut(Strict):
    items: list[SearchHitOut]
    next_page: int | None


def hit_json(hit: search.Hit) -> dict:
    return {
        "type": hit.type,
        "id": hit.id,
        "title": hit.title,
        "url": urljoin(request.host_url, hit.url),
        "snippet": str(hit.snippet),
        "score": hit.score,
    }


@endpoint(
    bp,
    "/search",
    "GET",
    summary="Search FAQ entries, questions, answers and wall posts",
    query=SearchQuery,
    response=SearchOut,
    tag="search",
)
def search_hits(params: SearchQuery):
    results = search.query(
        api_user(),
        params.q,
        types=(params.type,) if params.type else (),
        category=params.category,
        solved=params.solved,
        sort=params.sort,
        page=params.page,
        per_page=params.limit,
    )
    return {
        "items": [hit_json(hit) for hit in results.items],
        "next_page": results.page + 1 if results.has_next and results.page < 100 else None,
    }
