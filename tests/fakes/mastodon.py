"""A fake Mastodon instance: statuses with Idempotency-Key, threads, instance limits.

Shapes follow docs.joinmastodon.org (methods/statuses, methods/instance, api/rate-limits);
see the design documents (SPOKE-APIS.md) section B.3.
"""

from __future__ import annotations

import html
import itertools
import re
import zlib
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from tests.fakes.server import FakeServer, Reply, Request, route, utc_now, with_retry_after

URL = re.compile(r"https?://\S+")
URL_WEIGHT = 23
INVALID_TOKEN = {"error": "The access token is invalid"}
NOT_FOUND = {"error": "Record not found"}


def mastodon_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def status_length(text: str) -> int:
    return len(URL.sub("", text)) + URL_WEIGHT * len(URL.findall(text))


def as_html(text: str) -> str:
    """Roughly what Mastodon stores: paragraphs, line breaks, escaped text."""
    paragraphs = (html.escape(p).replace("\n", "<br />") for p in text.split("\n\n"))
    return "".join(f"<p>{p}</p>" for p in paragraphs)


class FakeMastodon(FakeServer):
    def __init__(
        self, *, token: str = "mastodon-token", max_characters: int = 500, legacy: bool = False
    ) -> None:
        """`legacy=True` plays a pre-4.0 server or fork: no /api/v2/instance, `max_toot_chars`."""
        super().__init__()
        self.token = token
        self.max_characters = max_characters
        self.legacy = legacy
        self.statuses: dict[str, dict[str, Any]] = {}
        self.idempotency_keys: dict[tuple[str, str], str] = {}
        self._ids = itertools.count(110_000_000_000_000_001)
        self.apps: dict[str, dict[str, str]] = {}  # client_id -> the registered app
        self.codes: dict[str, tuple[str, str]] = {}  # code -> (client_id, redirect_uri)

    @property
    def account(self) -> dict[str, Any]:
        """The account the token belongs to (its URL needs the running server's address)."""
        return self._account("nabe", "Nabe Community", local=True)

    # Test helpers ------------------------------------------------------------------------

    def add_reply(
        self,
        status_id: str,
        content: str,
        *,
        acct: str = "ada@elsewhere.example",
        display_name: str = "Ada",
        minutes_ago: float = 1,
    ) -> str:
        """A reply, `content` being HTML as Mastodon serves it."""
        account = self._account(acct, display_name, local="@" not in acct)
        created = utc_now() - timedelta(minutes=minutes_ago)
        status = self._status(content, account, created, in_reply_to_id=status_id)
        return status["id"]

    def replies_to(self, status_id: str) -> list[dict[str, Any]]:
        """The statuses posted directly under `status_id`, oldest first."""
        return [s for s in self.statuses.values() if s["in_reply_to_id"] == status_id]

    def published(self) -> list[dict[str, Any]]:
        """What the hub's account posted, oldest first: id, text (HTML) and the id replied to."""
        mine = [s for s in self.statuses.values() if s["account"]["acct"] == "nabe"]
        return [
            {"id": s["id"], "text": s["content"], "reply_to": s["in_reply_to_id"]} for s in mine
        ]

    def revoke_token(self) -> None:
        self.token = "revoked"

    def failure(self, kind: str, **options: Any) -> Reply:
        if kind == "expired_token":
            return Reply(401, INVALID_TOKEN)
        if kind == "forbidden":
            return Reply(403, {"error": "This action is outside the authorized scopes"})
        if kind == "rate_limited":
            return self._rate_limited(**options)
        if kind == "5xx":
            return with_retry_after(Reply(503, {"error": "Service Unavailable"}), **options)
        return super().failure(kind)

    def _rate_limited(self, reset_in: float = 300) -> Reply:
        reset = mastodon_time(utc_now() + timedelta(seconds=reset_in))
        headers = {
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset,
        }
        return Reply(429, {"error": "Too many requests"}, headers)

    # Mastodon API ------------------------------------------------------------------------

    @route("GET", r"/api/v2/instance", scripted=False)
    def instance_v2(self, request: Request) -> Reply:
        if self.legacy:
            return Reply(404, {"error": "Not Found"})
        statuses = {
            "max_characters": self.max_characters,
            "max_media_attachments": 4,
            "characters_reserved_per_url": URL_WEIGHT,
        }
        body = {
            "domain": "social.example",
            "title": "Fake Mastodon",
            "version": "4.3.0",
            "configuration": {"statuses": statuses},
        }
        return Reply(200, body)

    @route("GET", r"/api/v1/instance", scripted=False)
    def instance_v1(self, request: Request) -> Reply:
        body = {"uri": "social.example", "title": "Fake Pleroma", "version": "2.7.2 (compatible)"}
        return Reply(200, {**body, "max_toot_chars": self.max_characters})

    # OAuth: apps, the consent page, tokens (docs: methods/apps, methods/oauth) -------------

    @route("POST", r"/api/v1/apps", scripted=False)
    def create_app(self, request: Request) -> Reply:
        form = request.form()
        if not form.get("client_name") or not form.get("redirect_uris"):
            return Reply(422, {"error": "Validation failed: Name can't be blank"})
        client_id = f"client-{len(self.apps) + 1}"
        app = {
            "id": str(len(self.apps) + 1),
            "name": form["client_name"],
            "website": form.get("website") or None,
            "scopes": form.get("scopes", "read").split(),
            "redirect_uris": form["redirect_uris"].split(),
            "client_id": client_id,
            "client_secret": f"secret-of-{client_id}",
        }
        self.apps[client_id] = app
        return Reply(200, app)

    @route("GET", r"/oauth/authorize", scripted=False)
    def authorize(self, request: Request) -> Reply:
        """The consent page, approved at once: back to `redirect_uri` with a one-time code."""
        query = request.query
        app = self.apps.get(query.get("client_id", ""))
        if app is None or query.get("redirect_uri") not in app["redirect_uris"]:
            return Reply(400, {"error": "invalid_client"})
        code = f"code-{next(self._ids)}"
        self.codes[code] = (app["client_id"], query["redirect_uri"])
        location = f"{query['redirect_uri']}?" + urlencode({"code": code, "state": query["state"]})
        return Reply(302, None, {"Location": location})

    @route("POST", r"/oauth/token", scripted=False)
    def oauth_token(self, request: Request) -> Reply:
        form = request.form()
        app = self.apps.get(form.get("client_id", ""))
        if app is None or form.get("client_secret") != app["client_secret"]:
            return Reply(
                401, {"error": "invalid_client", "error_description": "Client auth failed"}
            )
        if self.codes.pop(form.get("code", ""), None) != (
            app["client_id"],
            form.get("redirect_uri"),
        ):
            return Reply(
                400, {"error": "invalid_grant", "error_description": "The code is invalid"}
            )
        body = {"access_token": self.token, "token_type": "Bearer", "scope": form.get("scope", "")}
        return Reply(200, {**body, "created_at": int(utc_now().timestamp())})

    @route("POST", r"/api/v1/statuses")
    def create_status(self, request: Request) -> Reply:
        if denied := self._denied(request):
            return denied
        # Keys are scoped to the account and kept for an hour; a repeat gets the original.
        key = request.header("Idempotency-Key")
        if key and (self.token, key) in self.idempotency_keys:
            return Reply(200, self.statuses[self.idempotency_keys[(self.token, key)]])
        form = request.form()
        text = form.get("status", "")
        if not text.strip():
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        if status_length(text) > self.max_characters:
            message = f"Validation failed: Text character limit of {self.max_characters} exceeded"
            return Reply(422, {"error": message})
        parent = form.get("in_reply_to_id")
        if parent and parent not in self.statuses:
            return Reply(404, NOT_FOUND)  # a reply to a deleted or unknown status
        status = self._status(as_html(text), self.account, utc_now(), **_options(form))
        if key:
            self.idempotency_keys[(self.token, key)] = status["id"]
        return Reply(200, status)

    @route("DELETE", r"/api/v1/statuses/(?P<status_id>\d+)")
    def delete_status(self, request: Request, status_id: str) -> Reply:
        if denied := self._denied(request):
            return denied
        status = self.statuses.pop(status_id, None)
        return Reply(200, status) if status else Reply(404, NOT_FOUND)

    @route("GET", r"/api/v1/statuses/(?P<status_id>\d+)/context")
    def context(self, request: Request, status_id: str) -> Reply:
        if request.bearer_token() not in (None, self.token):
            return Reply(401, INVALID_TOKEN)
        if status_id not in self.statuses:
            return Reply(404, NOT_FOUND)
        return Reply(200, {"ancestors": [], "descendants": self._descendants(status_id)})

    def _descendants(self, status_id: str) -> list[dict[str, Any]]:
        """Replies and replies to replies, depth first, as Mastodon orders a thread."""
        children = [s for s in self.statuses.values() if s["in_reply_to_id"] == status_id]
        return [d for child in children for d in (child, *self._descendants(child["id"]))]

    def _denied(self, request: Request) -> Reply | None:
        token = request.bearer_token()
        if token is None:
            return Reply(401, {"error": "This method requires an authenticated user"})
        return None if token == self.token else Reply(401, INVALID_TOKEN)

    def _status(
        self, content: str, account: dict[str, Any], created: datetime, **options: Any
    ) -> dict[str, Any]:
        status_id = str(next(self._ids))
        username = account["username"]
        status = {
            "id": status_id,
            "created_at": mastodon_time(created),
            "in_reply_to_id": options.get("in_reply_to_id"),
            "sensitive": False,
            "spoiler_text": "",
            "visibility": options.get("visibility", "public"),
            "language": options.get("language"),
            "uri": f"{self.url}/users/{username}/statuses/{status_id}",
            "url": f"{self.url}/@{username}/{status_id}",
            "replies_count": 0,
            "content": content,
            "account": account,
            "application": {"name": "Nabe", "website": None},
            "mentions": [],
            "tags": [],
        }
        self.statuses[status_id] = status
        return status

    def _account(self, acct: str, display_name: str, *, local: bool) -> dict[str, Any]:
        username, _, domain = acct.partition("@")
        host = self.url if local else f"https://{domain}"
        return {
            "id": str(zlib.crc32(acct.encode())),  # one stable id per account, as on a server
            "username": username,
            "acct": acct,
            "display_name": display_name,
            "url": f"{host}/@{username}",
        }


def _options(form: dict[str, Any]) -> dict[str, Any]:
    names = ("visibility", "language", "in_reply_to_id")
    return {name: form[name] for name in names if form.get(name)}
