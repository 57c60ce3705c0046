"""A fake Graph API for one Facebook Page: feed posts, deletes and comments.

Shapes follow developers.facebook.com (pages-api, graph-api/guides/error-handling,
object/comments); see the design documents (SPOKE-APIS.md) section B.1. Marked [I] where inferred.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from tests.fakes.server import FakeServer, Reply, Request, route, utc_now, with_retry_after

VERSION = r"/v\d+\.0"  # any version works, as the real Graph answers every supported one
MESSAGE_LIMIT = 63_206
COMMENT_LIMIT = 8_000  # [I] the limit commonly reported for comments
DEFAULT_FIELDS = ("id", "message", "created_time")


def graph_error(code: int, message: str, *, status: int = 400, **extra: Any) -> Reply:
    """Graph's error envelope; the HTTP status is not reliable, the `code` is."""
    error = {"message": message, "type": "OAuthException", "code": code, **extra}
    return Reply(status, {"error": {**error, "fbtrace_id": "AbCdEfGhIjK"}})


def graph_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


class FakeFacebook(FakeServer):
    def __init__(
        self,
        page_id: str = "1001",
        page_token: str = "page-token",
        *,
        app_id: str = "app-id",
        app_secret: str = "app-secret",
    ) -> None:
        super().__init__()
        self.page_id = page_id
        self.page_token = page_token
        self.app_id, self.app_secret = app_id, app_secret
        self.codes: dict[str, str] = {}  # code -> redirect_uri
        self.user_tokens: set[str] = set()  # long-lived user tokens issued
        self.token_expired = False
        self.show_comment_authors = True  # False: the token lacks MODERATE (Graph v11+)
        self.posts: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._ids = itertools.count(5001)

    # Test helpers ------------------------------------------------------------------------

    def add_comment(
        self, post_id: str, message: str, *, name: str = "Ada Lovelace", minutes_ago: float = 1
    ) -> str:
        comment_id = f"{post_id.split('_')[1]}_{next(self._ids)}"
        created = utc_now() - timedelta(minutes=minutes_ago)
        self.comments[post_id].append(
            {
                "id": comment_id,
                "from": {"id": str(next(self._ids)), "name": name},
                "message": message,
                "created_time": graph_time(created),
                "permalink_url": f"https://www.facebook.com/{post_id}?comment_id={comment_id}",
            }
        )
        return comment_id

    def replies_to(self, object_id: str) -> list[dict[str, Any]]:
        """The comments the Page (or anyone) posted directly on `object_id`, oldest first."""
        post_id = self._post_of(object_id) or object_id
        return [
            c for c in self.comments[post_id] if c.get("parent", {}).get("id", post_id) == object_id
        ]

    def published(self) -> list[dict[str, Any]]:
        """What the Page posted, posts first: id, text and the id replied to (comments)."""
        posts = [{"id": i, "text": p["message"], "reply_to": None} for i, p in self.posts.items()]
        comments = [
            {"id": c["id"], "text": c["message"], "reply_to": c.get("parent", {}).get("id", post)}
            for post, thread in self.comments.items()
            for c in thread
            if c["from"]["id"] == self.page_id
        ]
        return posts + comments

    def failure(self, kind: str, **options: Any) -> Reply:
        if kind == "expired_token":
            return graph_error(
                190, "Error validating access token: Session has expired.", error_subcode=463
            )
        if kind == "rate_limited":
            return self._throttled(**options)
        if kind == "duplicate":
            return graph_error(506, "Duplicate status message", error_subcode=1455006)
        if kind == "blocked":
            return graph_error(
                368,
                "It looks like you were misusing this feature by going too fast.",
                error_subcode=1390008,
            )
        if kind == "unknown":  # code 1 on a 400 [I]: transient, whatever the status says
            return graph_error(1, "An unknown error occurred", is_transient=True)
        if kind == "5xx":
            reply = graph_error(2, "An unexpected error has occurred.", status=500)
            return with_retry_after(reply, **options)
        return super().failure(kind)

    def _throttled(self, reset_in: float | None = None, code: int = 32) -> Reply:
        usage: dict[str, Any] = {"call_count": 100, "total_cputime": 40, "total_time": 60}
        reply = graph_error(code, THROTTLE_MESSAGES[code])
        if code == 4:  # app-level throttling reports X-App-Usage, which names no wait
            reply.headers["X-App-Usage"] = json.dumps(usage)
            return reply
        if reset_in is not None:  # Page/BUC throttling names its wait, in minutes
            usage["estimated_time_to_regain_access"] = math.ceil(reset_in / 60)
        buc_usage = {self.page_id: [{"type": "pages", **usage}]}
        reply.headers["X-Business-Use-Case-Usage"] = json.dumps(buc_usage)
        return reply

    # Graph API ---------------------------------------------------------------------------

    # Facebook Login and Page tokens ------------------------------------------------------

    @route("GET", VERSION + r"/dialog/oauth", scripted=False)
    def dialog(self, request: Request) -> Reply:
        """The Login dialog, approved at once: back to `redirect_uri` with a one-time code."""
        query = request.query
        if query.get("client_id") != self.app_id:
            return graph_error(101, "Error validating application. Invalid application ID.")
        code = f"code-{next(self._ids)}"
        self.codes[code] = query["redirect_uri"]
        location = f"{query['redirect_uri']}?" + urlencode({"code": code, "state": query["state"]})
        return Reply(302, None, {"Location": location})

    @route("GET", VERSION + r"/oauth/access_token", scripted=False)
    def access_token(self, request: Request) -> Reply:
        """A code for a short-lived user token; `fb_exchange_token` for a long-lived one."""
        query = request.query
        if (query.get("client_id"), query.get("client_secret")) != (self.app_id, self.app_secret):
            return graph_error(1, "Error validating client secret.")  # [I] code
        if query.get("grant_type") == "fb_exchange_token":
            if not query.get("fb_exchange_token", "").startswith("user-short-"):
                return graph_error(190, "Invalid OAuth access token.")
            token = f"user-long-{next(self._ids)}"
            self.user_tokens.add(token)
            return Reply(
                200, {"access_token": token, "token_type": "bearer", "expires_in": 5183944}
            )
        if self.codes.pop(query.get("code", ""), None) != query.get("redirect_uri"):
            return graph_error(100, "Invalid verification code format.", error_subcode=36009)
        token = f"user-short-{next(self._ids)}"
        return Reply(200, {"access_token": token, "token_type": "bearer", "expires_in": 5183})

    @route("GET", VERSION + r"/me/accounts", scripted=False)
    def accounts(self, request: Request) -> Reply:
        """The Pages the user granted, each with a Page token (never expiring for a long-lived
        user token)."""
        if request.query.get("access_token") not in self.user_tokens:
            return graph_error(190, "Invalid OAuth access token.")
        page = {
            "id": self.page_id,
            "name": "Nabe page",
            "category": "Software",
            "access_token": self.page_token,
            "tasks": ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"],
        }
        cursors = {"before": _cursor(0), "after": _cursor(1)}
        return Reply(200, {"data": [page], "paging": {"cursors": cursors}})

    @route("POST", VERSION + r"/(?P<page_id>\d+)/feed")
    def create_post(self, request: Request, page_id: str) -> Reply:
        params = request.params()
        if denied := self._denied(params, page_id):
            return denied
        message, link = params.get("message", ""), params.get("link", "")
        if not message and not link:
            return graph_error(100, "(#100) Missing message or attachment")
        if len(message) > MESSAGE_LIMIT:  # [I] wording
            return graph_error(100, f"(#100) Param message must be at most {MESSAGE_LIMIT} chars")
        if any(post["message"] == message for post in self.posts.values()):
            return self.failure("duplicate")
        post_id = f"{page_id}_{next(self._ids)}"
        self.posts[post_id] = {"message": message, "link": link, "created_time": utc_now()}
        return Reply(200, {"id": post_id})

    @route("POST", VERSION + r"/(?P<object_id>\d+_\d+)/comments")
    def create_comment(self, request: Request, object_id: str) -> Reply:
        """A comment as the Page on a Page post, or a reply to one of its comments."""
        params = request.params()
        if denied := self._denied(params):
            return denied
        post_id = self._post_of(object_id)
        if post_id is None:
            return _missing("post", object_id)
        message = params.get("message", "")
        if not message.strip():
            return graph_error(100, "(#100) Missing message or attachment")
        if len(message) > COMMENT_LIMIT:  # [I] wording
            return graph_error(100, f"(#100) Param message must be at most {COMMENT_LIMIT} chars")
        comment_id = f"{post_id.split('_')[1]}_{next(self._ids)}"
        comment = {
            "id": comment_id,
            "from": {"id": self.page_id, "name": "Nabe page"},
            "message": message,
            "created_time": graph_time(utc_now()),
            "permalink_url": f"https://www.facebook.com/{post_id}?comment_id={comment_id}",
        }
        if object_id != post_id:
            comment["parent"] = {"id": object_id}
        self.comments[post_id].append(comment)
        return Reply(200, {"id": comment_id})

    def _post_of(self, object_id: str) -> str | None:
        """The Page post an object id names: the post itself, or the post a comment is on."""
        if object_id in self.posts:
            return object_id
        for post_id, comments in self.comments.items():
            if post_id in self.posts and any(c["id"] == object_id for c in comments):
                return post_id
        return None

    @route("DELETE", VERSION + r"/(?P<post_id>\d+_\d+)")
    def delete_post(self, request: Request, post_id: str) -> Reply:
        if denied := self._denied(request.params()):
            return denied
        if self.posts.pop(post_id, None) is None:
            return _missing("delete", post_id)
        return Reply(200, {"success": True})

    @route("GET", VERSION + r"/(?P<post_id>\d+_\d+)/comments")
    def list_comments(self, request: Request, post_id: str) -> Reply:
        if denied := self._denied(request.query):
            return denied
        if post_id not in self.posts:
            return _missing("get", post_id)
        comments = sorted(self.comments[post_id], key=lambda c: c["created_time"])
        if request.query.get("order") == "reverse_chronological":
            comments.reverse()
        start = _cursor_position(request.query.get("after"))
        limit = int(request.query.get("limit", 25))
        page = comments[start : start + limit]
        return Reply(200, self._comment_page(request, page, start, len(comments)))

    def _comment_page(
        self, request: Request, page: list[dict], start: int, total: int
    ) -> dict[str, Any]:
        fields = request.query.get("fields", ",".join(DEFAULT_FIELDS)).split(",")
        if not self.show_comment_authors:
            fields = [name for name in fields if name != "from"]
        end = start + len(page)
        paging: dict[str, Any] = {"cursors": {"before": _cursor(start), "after": _cursor(end)}}
        if end < total:
            query = {**request.query, "after": _cursor(end)}
            paging["next"] = f"{self.url}{request.path}?" + urlencode(query)
        data = [{k: v for k, v in c.items() if k in fields or k == "id"} for c in page]
        return {"data": data, "paging": paging}

    def _denied(self, params: dict[str, Any], page_id: str | None = None) -> Reply | None:
        """The documented auth errors, in the order Graph checks them."""
        token = params.get("access_token")
        if not token:
            return graph_error(2500, "An active access token must be used to query information.")
        if token != self.page_token:
            return graph_error(190, "Invalid OAuth access token - Cannot parse access token")
        if self.token_expired:
            return self.failure("expired_token")
        if page_id is not None and page_id != self.page_id:
            return graph_error(
                200,
                "(#200) If posting to a page, requires both pages_read_engagement "
                "and pages_manage_posts as an admin with sufficient administrative permission",
                status=403,
            )
        return None


THROTTLE_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account.",
}


def _missing(verb: str, object_id: str) -> Reply:
    return graph_error(
        100,
        f"Unsupported {verb} request. Object with ID '{object_id}' does not exist, "
        "cannot be loaded due to missing permissions, or does not support this operation.",
        error_subcode=33,
    )


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(str(position).encode()).decode()


def _cursor_position(cursor: str | None) -> int:
    return int(base64.urlsafe_b64decode(cursor.encode())) if cursor else 0
