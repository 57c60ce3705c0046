"""Facebook Pages through the Graph API: publish to a Page feed, delete, read comments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import requests

from spokes import http, text
from spokes.base import (
    AuthExpired,
    CrossPost,
    RateLimited,
    Receipt,
    Rejected,
    RemoteReply,
    Unavailable,
)

MESSAGE_LIMIT = 63_206
COMMENT_LIMIT = 8_000
WEB_URL = "https://www.facebook.com"
AUTH_CODES = {190, 102, 2500, 10}  # bad token, session, no token at all, permission missing
THROTTLE_CODES = {4, 17, 32, 613}
TRANSIENT_CODES = {1, 2}
POLICY_BLOCK_CODE = 368
DUPLICATE_CODE = 506
# Meta's windows are one hour (app) to 24 hours (Page); when no header says how long,
# a quarter of an hour is a cautious first wait that the outbox backoff then extends.
DEFAULT_THROTTLE_WAIT = 15 * 60
USAGE_HEADERS = ("X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage")
MAX_COMMENT_PAGES = 20  # 20 pages of 100: enough for one post, bounded against paging loops
AUTHORIZE_URL = "https://www.facebook.com/v25.0/dialog/oauth"
# What posting to a Page and reading its comments needs (pages_show_list lists the Pages).
SCOPES = "pages_show_list,pages_manage_posts,pages_read_engagement"


@dataclass(frozen=True)
class Page:
    """A Page the admin let the app manage, with its Page access token."""

    page_id: str
    name: str
    access_token: str


def authorization_url(
    *, app_id: str, redirect_uri: str, state: str, base: str = AUTHORIZE_URL
) -> str:
    """Facebook Login's dialog, where the admin picks the Pages the hub may post to."""
    query = {
        "client_id": app_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "scope": SCOPES,
        "response_type": "code",
    }
    return f"{base}?{urlencode(query)}"


def pages_for_code(
    *,
    code: str,
    redirect_uri: str,
    app_id: str,
    app_secret: str,
    api_url: str = "https://graph.facebook.com",
    version: str = "v25.0",
    timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
) -> list[Page]:
    """The Pages granted, with Page tokens that do not expire: the code becomes a user token,
    that a long-lived one, and a long-lived user token lists never-expiring Page tokens.

    Raises: AuthExpired (the code or app was refused), RateLimited, Rejected, Unavailable.
    """
    client = http.HttpClient(f"{api_url.rstrip('/')}/{version}", timeout=timeout)
    app = {"client_id": app_id, "client_secret": app_secret}

    def call(path: str, params: dict[str, Any]) -> dict[str, Any]:
        return _checked(client.request("GET", path, params=params))

    short = call("oauth/access_token", {**app, "redirect_uri": redirect_uri, "code": code})
    exchange = {"grant_type": "fb_exchange_token", "fb_exchange_token": short["access_token"]}
    long_lived = call("oauth/access_token", {**app, **exchange})
    listed = call("me/accounts", {"access_token": long_lived["access_token"], "limit": 100})
    return [
        Page(
            page_id=page["id"], name=page.get("name", page["id"]), access_token=page["access_token"]
        )
        for page in listed.get("data", [])
        if page.get("access_token")
    ]


class FacebookSpoke:
    """Posts as a Page with a Page access token (`pages_manage_posts`)."""

    name = "facebook"

    def __init__(
        self,
        *,
        page_id: str,
        page_token: str,
        api_url: str = "https://graph.facebook.com",
        version: str = "v25.0",
        timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
    ) -> None:
        self.page_id = page_id
        self._token = page_token
        self._http = http.HttpClient(f"{api_url.rstrip('/')}/{version}", timeout=timeout)

    def publish(self, post: CrossPost) -> Receipt:
        if post.reply_to:
            return self._comment(post)
        # The link goes in the message too, so it stays visible when the preview scrape fails.
        message = text.shape(
            post.text, post.link, limit=MESSAGE_LIMIT, link_weight=None, hashtags=post.hashtags
        )
        fields = {"message": message, "link": post.link, "access_token": self._token}
        created = self._call("POST", f"{self.page_id}/feed", data=fields)
        post_id = created["id"]  # "{page_id}_{post_id}"
        return Receipt(remote_id=post_id, remote_url=f"{WEB_URL}/{post_id}")

    def _comment(self, post: CrossPost) -> Receipt:
        """A reply is a comment on the post (or on a comment) `reply_to`, written as the Page."""
        message = text.shape(
            post.text, post.link, limit=COMMENT_LIMIT, link_weight=None, hashtags=post.hashtags
        )
        fields = {"message": message, "access_token": self._token}
        created = self._call("POST", f"{post.reply_to}/comments", data=fields)
        comment_id = created["id"]  # "{post_id}_{comment_id}", without the Page id
        url = f"{WEB_URL}/{post.reply_to}?comment_id={comment_id}"
        return Receipt(remote_id=comment_id, remote_url=url)

    def delete(self, remote_id: str) -> None:
        response = self._http.request("DELETE", remote_id, params={"access_token": self._token})
        error = http.json_body(response).get("error", {})
        # Code 100/33 "object does not exist": already gone is what the caller wanted.
        if error.get("code") == 100 and error.get("error_subcode") == 33:
            return
        _checked(response)

    def fetch_replies(self, remote_id: str, since: datetime | None) -> list[RemoteReply]:
        replies = [_reply(comment) for comment in self._comments(remote_id)]
        return [reply for reply in replies if since is None or reply.created_at > since]

    def _comments(self, post_id: str) -> list[dict[str, Any]]:
        params = {
            "access_token": self._token,
            "filter": "stream",  # replies to comments too, not only top-level ones
            "order": "chronological",
            "fields": "id,from,message,created_time,permalink_url,parent",
            "limit": 100,
        }
        comments: list[dict[str, Any]] = []
        for _ in range(MAX_COMMENT_PAGES):
            page = self._call("GET", f"{post_id}/comments", params=params)
            comments.extend(page.get("data", []))
            paging = page.get("paging", {})
            if "next" not in paging:
                break
            params["after"] = paging["cursors"]["after"]
        return comments

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return _checked(self._http.request(method, path, **kwargs))


def _checked(response: requests.Response) -> dict[str, Any]:
    """The response body. Raises: the SpokeError matching a Graph error envelope."""
    body = http.json_body(response)
    if response.ok and "error" not in body:
        return body
    raise _error(response, body.get("error", {}))


def _error(response: requests.Response, error: dict[str, Any]) -> Exception:
    """Map a Graph error to a SpokeError by `code`; Meta's HTTP statuses are not reliable."""
    code = error.get("code")
    message = f"Graph error {code}: {error.get('message', response.reason)}"
    if code in AUTH_CODES or (isinstance(code, int) and 200 <= code <= 299):
        return AuthExpired(message)
    if code in THROTTLE_CODES or (isinstance(code, int) and 80_000 <= code <= 80_999):
        return RateLimited(_throttle_wait(response), message)
    if code in TRANSIENT_CODES or error.get("is_transient"):
        return Unavailable(message)
    if code == POLICY_BLOCK_CODE:
        return Rejected("policy")
    if code == DUPLICATE_CODE:
        return Rejected("duplicate")
    return Rejected(message)


def _throttle_wait(response: requests.Response) -> float:
    """The longest `estimated_time_to_regain_access` (minutes) in any usage header."""
    minutes = [
        usage["estimated_time_to_regain_access"]
        for name in USAGE_HEADERS
        for usage in _usages(response.headers.get(name))
        if usage.get("estimated_time_to_regain_access")
    ]
    return max(minutes) * 60.0 if minutes else DEFAULT_THROTTLE_WAIT


def _usages(header: str | None) -> list[dict[str, Any]]:
    """Usage objects from `{"call_count": ..}` or `{"<business id>": [{..}, ..]}` headers."""
    try:
        usage = json.loads(header or "{}")
    except ValueError:
        return []
    if not isinstance(usage, dict):
        return []
    nested = [item for value in usage.values() if isinstance(value, list) for item in value]
    return [item for item in [usage, *nested] if isinstance(item, dict)]


def _reply(comment: dict[str, Any]) -> RemoteReply:
    # `from` is only returned when the Page token may moderate the Page (Graph v11+).
    author = comment.get("from") or {}
    author_id = author.get("id", "")
    return RemoteReply(
        remote_id=comment["id"],
        author_name=author.get("name", "Facebook user"),
        author_handle=author_id,
        author_url=f"{WEB_URL}/{author_id}" if author_id else "",
        text=comment.get("message", ""),
        url=comment.get("permalink_url") or f"{WEB_URL}/{comment['id']}",
        created_at=http.parse_iso(comment.get("created_time", "")) or http.EPOCH,
    )
