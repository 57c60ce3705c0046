"""Mastodon, any instance: post statuses, delete them, read the replies in their thread."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urlparse

import requests

from spokes import http, text
from spokes.base import AuthExpired, CrossPost, RateLimited, Receipt, Rejected, RemoteReply

DEFAULT_LIMIT = 500  # Mastodon's stock limit; instances may raise it
DEFAULT_URL_WEIGHT = 23  # every URL counts 23 characters, however long
DEFAULT_WAIT = 5 * 60  # Mastodon's rate-limit windows are 5 minutes
SCOPES = "read:statuses write:statuses"


def register_app(
    instance_url: str,
    *,
    client_name: str,
    redirect_uri: str,
    website: str = "",
    timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
) -> tuple[str, str]:
    """(client_id, client_secret) of a new OAuth application on the instance (POST /api/v1/apps).

    Raises: Rejected (422: the instance refused the fields), RateLimited, Unavailable.
    """
    form = {
        "client_name": client_name,
        "redirect_uris": redirect_uri,
        "scopes": SCOPES,
        "website": website,
    }
    app = _checked(
        http.HttpClient(instance_url, timeout=timeout).request("POST", "api/v1/apps", data=form)
    )
    return app["client_id"], app["client_secret"]


def authorization_url(instance_url: str, *, client_id: str, redirect_uri: str, state: str) -> str:
    """The instance's page where the account's owner allows the hub to post."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
        "state": state,
    }
    return f"{instance_url.rstrip('/')}/oauth/authorize?{urlencode(query)}"


def exchange_code(
    instance_url: str,
    *,
    code: str,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
) -> str:
    """The access token for the code the instance sent back (Mastodon tokens do not expire).

    Raises: AuthExpired (the code was refused), Unavailable.
    """
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
    }
    response = http.HttpClient(instance_url, timeout=timeout).request(
        "POST", "oauth/token", data=form
    )
    body = http.json_body(response)
    if not response.ok or "access_token" not in body:
        said = body.get("error_description") or body.get("error") or response.status_code
        raise AuthExpired(f"Mastodon refused the authorization: {said}")
    return body["access_token"]


class MastodonSpoke:
    """Posts as one account (token scope `write:statuses`, plus `read:statuses` for replies).

    Each post carries its `idempotency_key` as `Idempotency-Key`: the instance answers a
    repeat within an hour with the original status instead of posting twice.
    """

    name = "mastodon"

    def __init__(
        self,
        *,
        instance_url: str,
        access_token: str,
        visibility: str = "public",
        timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
    ) -> None:
        self.domain = urlparse(instance_url).netloc
        self.visibility = visibility
        self._http = http.HttpClient(instance_url, timeout=timeout)
        self._auth = {"Authorization": f"Bearer {access_token}"}
        self._limits: tuple[int, int] | None = None

    def publish(self, post: CrossPost) -> Receipt:
        limit, url_weight = self.status_limits()
        status = text.shape(
            post.text, post.link, limit=limit, link_weight=url_weight, hashtags=post.hashtags
        )
        form = {"status": status, "visibility": self.visibility}
        if post.reply_to:
            form["in_reply_to_id"] = post.reply_to
        if language := _iso_639_1(post.language):
            form["language"] = language
        headers = {**self._auth, "Idempotency-Key": post.idempotency_key}
        created = self._call("POST", "api/v1/statuses", data=form, headers=headers)
        return Receipt(remote_id=created["id"], remote_url=created.get("url") or created["uri"])

    def delete(self, remote_id: str) -> None:
        response = self._http.request("DELETE", f"api/v1/statuses/{remote_id}", headers=self._auth)
        if response.status_code != 404:  # already gone is what the caller wanted
            _checked(response)

    def fetch_replies(self, remote_id: str, since: datetime | None) -> list[RemoteReply]:
        thread = self._call("GET", f"api/v1/statuses/{remote_id}/context", headers=self._auth)
        replies = [_reply(status, self.domain) for status in thread.get("descendants", [])]
        newer = [reply for reply in replies if since is None or reply.created_at > since]
        return sorted(newer, key=lambda reply: reply.created_at)

    def status_limits(self) -> tuple[int, int]:
        """(characters per status, characters per URL), asked once per instance and cached."""
        if self._limits is None:
            self._limits = _limits_from(self._instance())
        return self._limits

    def _instance(self) -> dict[str, Any]:
        # /api/v2/instance exists since Mastodon 4.0; older servers and some forks have v1 only.
        response = self._http.request("GET", "api/v2/instance")
        if response.status_code == 404:
            response = self._http.request("GET", "api/v1/instance")
        return _checked(response)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return _checked(self._http.request(method, path, **kwargs))


def _limits_from(instance: dict[str, Any]) -> tuple[int, int]:
    """v2 and v1 name the limit differently; `max_toot_chars` is what Pleroma and forks send."""
    statuses = instance.get("configuration", {}).get("statuses", {})
    limit = statuses.get("max_characters") or instance.get("max_toot_chars") or DEFAULT_LIMIT
    url_weight = statuses.get("characters_reserved_per_url") or DEFAULT_URL_WEIGHT
    return int(limit), int(url_weight)


def _iso_639_1(language: str) -> str:
    """Mastodon wants a bare language code: "de-DE" and "pt_BR" become "de" and "pt"."""
    return language.replace("_", "-").split("-")[0].lower()


def _checked(response: requests.Response) -> dict[str, Any]:
    """The response body. Raises: the SpokeError matching Mastodon's `{"error": ...}`."""
    body = http.json_body(response)
    if response.ok:
        return body
    said = body.get("error") or response.reason
    if response.status_code == 429:
        wait = http.retry_after(response.headers, default=DEFAULT_WAIT)
        raise RateLimited(wait, f"Mastodon: {said}")
    if response.status_code in (401, 403):
        raise AuthExpired(f"Mastodon: {said}")
    raise Rejected(said)  # 422 "Validation failed: ...", 404 "Record not found"


def _reply(status: dict[str, Any], domain: str) -> RemoteReply:
    account = status["account"]
    acct = account["acct"]  # "user" on this instance, "user@elsewhere.example" otherwise
    return RemoteReply(
        remote_id=status["id"],
        author_name=account.get("display_name") or account["username"],
        author_handle="@" + (acct if "@" in acct else f"{acct}@{domain}"),
        author_url=account.get("url", ""),
        text=plain_text(status.get("content", "")),
        url=status.get("url") or status.get("uri", ""),
        created_at=http.parse_iso(status.get("created_at", "")) or http.EPOCH,
    )


def plain_text(html: str) -> str:
    """Status content arrives as HTML; the hub mirrors replies as plain text."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip()


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
