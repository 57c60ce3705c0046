"""A fake X API v2: create/delete posts, recent search, OAuth 2.0 refresh-token rotation.

Shapes follow docs.x.com (manage-tweets, search recent, rate limits) and real error bodies
quoted in public issue trackers; see the design documents (SPOKE-APIS.md) section B.2.
"""

from __future__ import annotations

import base64
import itertools
import re
import time
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tests.fakes.server import FakeServer, Reply, Request, route, utc_now, with_retry_after

TEXT_LIMIT = 280
URL = re.compile(r"https?://\S+")
PROBLEMS = "https://api.twitter.com/2/problems"
SEARCH_REACH = timedelta(days=7)
UNAUTHORIZED = {
    "title": "Unauthorized",
    "type": "about:blank",
    "status": 401,
    "detail": "Unauthorized",
}
DUPLICATE = {
    "detail": "You are not allowed to create a Tweet with duplicate content.",
    "type": "about:blank",
    "title": "Forbidden",
    "status": 403,
}
REPLY_TO_MISSING = {  # [I] wording as quoted in client libraries' issue trackers
    "detail": "You attempted to reply to a Tweet that is deleted or not visible to you.",
    "type": "about:blank",
    "title": "Forbidden",
    "status": 403,
}
TOO_MANY = {
    "title": "Too Many Requests",
    "detail": "Too Many Requests",
    "type": "about:blank",
    "status": 429,
}


def invalid_request(message: str, **parameters: Any) -> Reply:
    return Reply(
        400,
        {
            "errors": [{"parameters": parameters, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": f"{PROBLEMS}/invalid-request",
        },
    )


def x_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def x_length(text: str) -> int:
    """twitter-text v3 weighting by code point: URLs 23, the Latin-ish ranges 1, the rest 2."""
    light = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
    plain = URL.sub("", text)
    weights = (1 if any(lo <= ord(c) <= hi for lo, hi in light) else 2 for c in plain)
    return sum(weights) + 23 * len(URL.findall(text))


class FakeX(FakeServer):
    def __init__(
        self,
        *,
        client_id: str = "client-id",
        client_secret: str = "client-secret",
        access_token: str = "access-1",
        refresh_token: str = "refresh-1",
    ) -> None:
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.access_token, self.refresh_token = access_token, refresh_token
        self.me = {"id": "2244994945", "name": "Nabe Community", "username": "nabe_hub"}
        self.users = {self.me["id"]: self.me}
        self.tweets: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1346889436626259968)
        self._generations = itertools.count(2)
        self._refresh_throttle: Reply | None = None
        self.codes: dict[str, tuple[str, str]] = {}  # code -> (redirect_uri, code_challenge)

    # Test helpers ------------------------------------------------------------------------

    def expire_access_token(self) -> None:
        self.access_token = "expired"

    def revoke_refresh_token(self) -> None:
        self.refresh_token = "revoked"

    def throttle_refresh(self, reset_in: float) -> None:
        """Answer the next token refresh with 429 (`fail_next` never touches that endpoint)."""
        self._refresh_throttle = self._rate_limited(reset_in=reset_in)

    def add_reply(
        self, conversation_id: str, text: str, *, username: str = "ada", minutes_ago: float = 1
    ) -> str:
        user_id = str(next(self._ids))
        self.users[user_id] = {"id": user_id, "name": username.title(), "username": username}
        created = utc_now() - timedelta(minutes=minutes_ago)
        return self._store(text, user_id, conversation_id, created)

    def replies_to(self, tweet_id: str) -> list[dict[str, Any]]:
        """The posts made directly in reply to `tweet_id`, oldest first."""
        replies = [t for t in self.tweets.values() if t.get("in_reply_to_tweet_id") == tweet_id]
        return sorted(replies, key=lambda tweet: tweet["created_at"])

    def published(self) -> list[dict[str, Any]]:
        """What the hub's account posted, oldest first: id, text and the id replied to."""
        mine = [t for t in self.tweets.values() if t["author_id"] == self.me["id"]]
        return [
            {"id": t["id"], "text": t["text"], "reply_to": t.get("in_reply_to_tweet_id")}
            for t in sorted(mine, key=lambda tweet: tweet["created_at"])
        ]

    def failure(self, kind: str, **options: Any) -> Reply:
        if kind == "expired_token":
            return Reply(401, UNAUTHORIZED)
        if kind == "duplicate":
            return Reply(403, DUPLICATE)
        if kind == "too_long":  # the message as tweepy reports it; [I] for the envelope
            return invalid_request(
                "Your Tweet text is too long. For more information on how Twitter "
                "determines text length see https://github.com/twitter/twitter-text."
            )
        if kind == "rate_limited":
            return self._rate_limited(**options)
        if kind == "not_enrolled":
            return Reply(403, _problem("client-not-enrolled", "Client Forbidden", 403))
        if kind == "5xx":
            body = {"title": "Service Unavailable", "status": 503}
            return with_retry_after(Reply(503, body), **options)
        return super().failure(kind)

    def _rate_limited(self, reset_in: float = 900, daily_reset_in: float | None = None) -> Reply:
        """429 with the 15-minute window headers and, optionally, an exhausted 24-hour cap."""
        headers = {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(time.time() + reset_in)),
        }
        if daily_reset_in is not None:
            headers["x-user-limit-24hour-limit"] = "10000"
            headers["x-user-limit-24hour-remaining"] = "0"
            headers["x-user-limit-24hour-reset"] = str(int(time.time() + daily_reset_in))
        return Reply(429, TOO_MANY, headers)

    def extra_headers(self) -> dict[str, str]:
        reset = str(int(time.time() + 900))
        return {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "99",
            "x-rate-limit-reset": reset,
        }

    # X API v2 ----------------------------------------------------------------------------

    @route("POST", r"/2/tweets")
    def create_tweet(self, request: Request) -> Reply:
        if request.bearer_token() != self.access_token:
            return Reply(401, UNAUTHORIZED)
        body = request.json() or {}
        text = body.get("text")
        parent_id = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if not text:
            return invalid_request("Requires at least one of text, media, poll, quote_tweet_id")
        if x_length(text) > TEXT_LIMIT:
            return self.failure("too_long")
        if any(tweet["text"] == text for tweet in self.tweets.values()):
            return Reply(403, DUPLICATE)
        if parent_id and parent_id not in self.tweets:
            return Reply(403, REPLY_TO_MISSING)
        conversation = self.tweets[parent_id]["conversation_id"] if parent_id else None
        tweet_id = self._store(text, self.me["id"], conversation, utc_now())
        self.tweets[tweet_id]["in_reply_to_tweet_id"] = parent_id
        # X answers with the text as stored: every URL rewritten to a 23-character t.co link.
        stored = URL.sub(lambda m: "https://t.co/" + "x" * 10, text)
        data = {"id": tweet_id, "text": stored, "edit_history_tweet_ids": [tweet_id]}
        return Reply(201, {"data": data})

    @route("DELETE", r"/2/tweets/(?P<tweet_id>\d+)")
    def delete_tweet(self, request: Request, tweet_id: str) -> Reply:
        if request.bearer_token() != self.access_token:
            return Reply(401, UNAUTHORIZED)
        if self.tweets.pop(tweet_id, None) is None:  # [I]
            detail = f"Could not find tweet with id: [{tweet_id}]."
            return Reply(404, _problem("resource-not-found", "Not Found Error", 404, detail))
        return Reply(200, {"data": {"deleted": True}})

    @route("GET", r"/2/tweets/search/recent")
    def search_recent(self, request: Request) -> Reply:
        if request.bearer_token() != self.access_token:
            return Reply(401, UNAUTHORIZED)
        if problem := _invalid_search(request.query):
            return problem
        conversation = request.query["query"].removeprefix("conversation_id:")
        start = _parse(request.query.get("start_time"))
        matches = [
            t
            for t in sorted(self.tweets.values(), key=lambda t: t["created_at"], reverse=True)
            if t["conversation_id"] == conversation and (not start or t["created_at"] >= start)
        ]
        return Reply(200, self._search_page(request.query, matches))

    def _search_page(self, query: dict[str, str], matches: list[dict]) -> dict[str, Any]:
        size = int(query.get("max_results", 10))
        offset = int(base64.b64decode(query["next_token"])) if "next_token" in query else 0
        page = matches[offset : offset + size]
        if not page:
            return {"meta": {"result_count": 0}}
        fields = query.get("tweet.fields", "").split(",")
        data = [_project(tweet, fields) for tweet in page]
        meta = {"newest_id": page[0]["id"], "oldest_id": page[-1]["id"], "result_count": len(page)}
        if offset + size < len(matches):
            meta["next_token"] = base64.b64encode(str(offset + size).encode()).decode()
        body: dict[str, Any] = {"data": data, "meta": meta}
        if "author_id" in query.get("expansions", ""):
            authors = {tweet["author_id"] for tweet in page}
            body["includes"] = {"users": [self.users[a] for a in sorted(authors)]}
        return body

    @route("GET", r"/i/oauth2/authorize", scripted=False)
    def authorize(self, request: Request) -> Reply:
        """The consent page, approved at once: back to `redirect_uri` with a one-time code."""
        query = request.query
        if query.get("client_id") != self.client_id or query.get("code_challenge_method") != "S256":
            return Reply(400, {"error": "invalid_request"})
        code = f"code-{next(self._generations)}"
        self.codes[code] = (query["redirect_uri"], query["code_challenge"])
        location = f"{query['redirect_uri']}?" + urlencode({"code": code, "state": query["state"]})
        return Reply(302, None, {"Location": location})

    def _exchange(self, form: dict[str, Any]) -> Reply:
        """Authorization-code grant with PKCE: the code once, for the verifier that fits."""
        redirect_uri, challenge = self.codes.pop(form.get("code", ""), (None, None))
        verifier = form.get("code_verifier", "")
        if redirect_uri is None or form.get("redirect_uri") != redirect_uri:
            return Reply(400, {"error": "invalid_request", "error_description": "bad code"})
        if create_s256_code_challenge(verifier) != challenge:
            return Reply(400, {"error": "invalid_grant", "error_description": "bad verifier"})
        return self._new_tokens()

    @route("POST", r"/2/oauth2/token", scripted=False)
    def refresh(self, request: Request) -> Reply:
        """The token endpoint for a confidential client (Basic auth): refresh-token grants
        (rotating both tokens) and authorization-code grants with PKCE."""
        form = request.form()
        if self._refresh_throttle:
            reply, self._refresh_throttle = self._refresh_throttle, None
            return reply
        if _basic_credentials(request) != (self.client_id, self.client_secret):
            return Reply(
                401,
                {
                    "error": "unauthorized_client",
                    "error_description": "Missing valid authorization header",
                },
            )
        if form.get("grant_type") == "authorization_code":
            return self._exchange(form)
        if (
            form.get("grant_type") != "refresh_token"
            or form.get("refresh_token") != self.refresh_token
        ):
            return Reply(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Value passed for the token was invalid.",
                },
            )
        return self._new_tokens()

    def _new_tokens(self) -> Reply:
        generation = next(self._generations)
        self.access_token = f"access-{generation}"
        self.refresh_token = f"refresh-{generation}"
        return Reply(
            200,
            {
                "token_type": "bearer",
                "expires_in": 7200,
                "access_token": self.access_token,
                "scope": "tweet.write users.read tweet.read offline.access",
                "refresh_token": self.refresh_token,
            },
        )

    def _store(self, text: str, author_id: str, conversation: str | None, created: datetime) -> str:
        tweet_id = str(next(self._ids))
        self.tweets[tweet_id] = {
            "id": tweet_id,
            "text": text,
            "author_id": author_id,
            "conversation_id": conversation or tweet_id,
            "created_at": created,
        }
        return tweet_id


def _problem(name: str, title: str, status: int, detail: str = "") -> dict[str, Any]:
    return {
        "title": title,
        "detail": detail or title,
        "type": f"{PROBLEMS}/{name}",
        "status": status,
    }


def _invalid_search(query: dict[str, str]) -> Reply | None:
    """The checks recent search documents: a query, 10..100 results, a 7-day start_time."""
    if not re.fullmatch(r"conversation_id:\d+", query.get("query", "")):
        return invalid_request("this fake only understands `conversation_id:<id>` queries")
    size = int(query.get("max_results", 10))
    if not 10 <= size <= 100:
        return invalid_request(
            f"The `max_results` query parameter value [{size}] is not between 10 and 100",
            max_results=[str(size)],
        )
    start = _parse(query.get("start_time"))
    if start and start < utc_now() - SEARCH_REACH:
        return invalid_request(
            "Invalid 'start_time':'...'. 'start_time' must be on or after the last 7 days.",
            start_time=[query["start_time"]],
        )
    return None


def _project(tweet: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    shown = {"id": tweet["id"], "text": tweet["text"], "edit_history_tweet_ids": [tweet["id"]]}
    for name in ("author_id", "conversation_id"):
        if name in fields:
            shown[name] = tweet[name]
    if "created_at" in fields:
        shown["created_at"] = x_time(tweet["created_at"])
    return shown


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = (request.header("Authorization") or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    user, _, password = base64.b64decode(encoded).decode().partition(":")
    return user, password
