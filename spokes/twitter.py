"""X (Twitter) API v2 with an OAuth 2.0 user token that is refreshed once when it expires."""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import requests

from spokes import http, text
from spokes.base import AuthExpired, CrossPost, RateLimited, Receipt, Rejected, RemoteReply

TEXT_LIMIT = 280
LINK_WEIGHT = 23  # every URL is wrapped in a 23-character t.co link
WEB_URL = "https://x.com"
DEFAULT_WAIT = 15 * 60  # X's rate-limit windows are 15 minutes
DEFAULT_TOKEN_LIFETIME = 2 * 60 * 60  # user access tokens live two hours
# Recent search reaches back 7 days; an older start_time is a 400, so keep an hour's margin.
SEARCH_REACH = timedelta(days=7) - timedelta(hours=1)
# start_time must also lie at least 10 seconds in the past.
SEARCH_MIN_AGE = timedelta(seconds=10)
MAX_SEARCH_PAGES = 10
# Problem types that mean "this app or token may not post": fixed by re-authorising, not retrying.
PERMISSION_PROBLEMS = ("client-not-enrolled", "oauth1-permissions", "unsupported-authentication")
# twitter-text v3: these code point ranges weigh 1; everything else (CJK, emoji) weighs 2.
LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))

TokenCallback = Callable[[str, str, datetime], None]
AUTHORIZE_URL = "https://x.com/i/oauth2/authorize"
# offline.access brings a refresh token; users.read is needed to read the account's name.
SCOPES = "tweet.read tweet.write users.read offline.access"


def authorization_url(
    *, client_id: str, redirect_uri: str, state: str, code_challenge: str, base: str = AUTHORIZE_URL
) -> str:
    """Where to send the admin to let the hub post as their X account (OAuth 2.0 with PKCE)."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
    }
    return f"{base}?{urlencode(query)}"


def exchange_code(
    *,
    code: str,
    code_verifier: str,
    redirect_uri: str,
    client_id: str,
    client_secret: str | None = None,
    api_url: str = "https://api.x.com",
    timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
) -> tuple[str, str, datetime]:
    """(access token, refresh token, expiry) for the code X sent back.

    Raises: AuthExpired (X refused the code), Unavailable.
    """
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": client_id,
    }
    auth = (client_id, client_secret) if client_secret else None
    client = http.HttpClient(api_url, timeout=timeout)
    response = client.request("POST", "2/oauth2/token", data=form, auth=auth)
    tokens = http.json_body(response)
    if not response.ok or "access_token" not in tokens:
        said = tokens.get("error", response.status_code)
        raise AuthExpired(f"X refused the authorization: {said}")
    lifetime = tokens.get("expires_in", DEFAULT_TOKEN_LIFETIME)
    expires_at = datetime.now(UTC) + timedelta(seconds=lifetime)
    return tokens["access_token"], tokens.get("refresh_token", ""), expires_at


class XSpoke:
    """Posts as one X user; `on_tokens(access, refresh, expires_at)` receives rotated tokens.

    X rotates the refresh token on every refresh, so the hub must store the new pair or the
    next refresh fails.
    """

    name = "x"

    def __init__(
        self,
        *,
        access_token: str,
        refresh_token: str | None,
        client_id: str,
        client_secret: str | None = None,
        on_tokens: TokenCallback | None = None,
        api_url: str = "https://api.x.com",
        timeout: tuple[float, float] = http.DEFAULT_TIMEOUT,
    ) -> None:
        self._access_token = access_token
        self._refresh_token = refresh_token
        self._client_id = client_id
        self._client_secret = client_secret
        self._on_tokens = on_tokens
        self._http = http.HttpClient(api_url, timeout=timeout)
        self._refresh_lock = threading.Lock()

    def publish(self, post: CrossPost) -> Receipt:
        status = text.shape(
            post.text,
            post.link,
            limit=TEXT_LIMIT,
            link_weight=LINK_WEIGHT,
            hashtags=post.hashtags,
            measure=weighted_length,
        )
        body: dict[str, Any] = {"text": status}
        if post.reply_to:
            body["reply"] = {"in_reply_to_tweet_id": post.reply_to}
        tweet = self._call("POST", "2/tweets", json=body)["data"]
        return Receipt(remote_id=tweet["id"], remote_url=f"{WEB_URL}/i/web/status/{tweet['id']}")

    def delete(self, remote_id: str) -> None:
        response = self._send("DELETE", f"2/tweets/{remote_id}")
        if response.status_code != 404:  # already gone is what the caller wanted
            _checked(response)

    def fetch_replies(self, remote_id: str, since: datetime | None) -> list[RemoteReply]:
        tweets, users = self._search(f"conversation_id:{remote_id}", since)
        # The conversation includes the post itself while it is younger than 7 days.
        replies = [_reply(tweet, users) for tweet in tweets if tweet["id"] != remote_id]
        newer = [reply for reply in replies if since is None or reply.created_at > since]
        return sorted(newer, key=lambda reply: reply.created_at)  # search answers newest first

    def _search(self, query: str, since: datetime | None) -> tuple[list[dict], dict[str, dict]]:
        """Recent-search tweets and their authors by id, following `next_token` pages."""
        params: dict[str, Any] = {
            "query": query,
            "max_results": 100,
            "tweet.fields": "created_at,author_id,conversation_id",
            "expansions": "author_id",
            "user.fields": "name,username",
        }
        if start_time := _search_start(since):
            params["start_time"] = start_time
        tweets: list[dict] = []
        users: dict[str, dict] = {}
        for _ in range(MAX_SEARCH_PAGES):
            page = self._call("GET", "2/tweets/search/recent", params=params)
            tweets += page.get("data", [])
            users.update((user["id"], user) for user in page.get("includes", {}).get("users", []))
            params["next_token"] = page.get("meta", {}).get("next_token")
            if not params["next_token"]:
                break
        return tweets, users

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return _checked(self._send(method, path, **kwargs))

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request; on 401 refresh the token once and repeat. Raises: AuthExpired."""
        token = self._access_token
        response = self._http.request(method, path, headers=_bearer(token), **kwargs)
        if response.status_code == 401 and self._refresh_token:
            self._refresh(stale_token=token)
            response = self._http.request(
                method, path, headers=_bearer(self._access_token), **kwargs
            )
        if response.status_code == 401:
            raise AuthExpired("X rejected the access token")
        return response

    def _refresh(self, stale_token: str) -> None:
        with self._refresh_lock:
            if self._access_token != stale_token:
                return  # another thread refreshed while this one waited
            tokens = self._request_tokens()
            self._access_token = tokens["access_token"]
            self._refresh_token = tokens.get("refresh_token", self._refresh_token)
            lifetime = tokens.get("expires_in", DEFAULT_TOKEN_LIFETIME)
            expires_at = datetime.now(UTC) + timedelta(seconds=lifetime)
            if self._on_tokens:
                self._on_tokens(self._access_token, self._refresh_token or "", expires_at)

    def _request_tokens(self) -> dict[str, Any]:
        """Confidential clients authenticate with Basic auth; public ones name themselves."""
        form = {"grant_type": "refresh_token", "refresh_token": self._refresh_token}
        if self._client_secret:
            auth = (self._client_id, self._client_secret)
        else:
            auth, form["client_id"] = None, self._client_id
        response = self._http.request("POST", "2/oauth2/token", data=form, auth=auth)
        tokens = http.json_body(response)
        if response.status_code == 429:  # throttled, not refused: the tokens still work
            raise _error(response, tokens)
        if not response.ok or "access_token" not in tokens:
            raise AuthExpired(
                f"X token refresh failed: {tokens.get('error', response.status_code)}"
            )
        return tokens


def weighted_length(status: str) -> int:
    """Length as X counts it (URLs aside): NFC code points, CJK and emoji weighing 2."""
    normalised = unicodedata.normalize("NFC", status)
    return sum(1 if _is_light(char) else 2 for char in normalised)


def _is_light(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in LIGHT_RANGES)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _checked(response: requests.Response) -> dict[str, Any]:
    """The response body. Raises: the SpokeError matching an X problem response."""
    body = http.json_body(response)
    if response.ok:
        return body
    raise _error(response, body)


def _error(response: requests.Response, body: dict[str, Any]) -> Exception:
    messages = [body.get("detail", ""), *(e.get("message", "") for e in body.get("errors", []))]
    said = " ".join(m for m in messages if m) or response.reason
    status = response.status_code
    if status == 429:
        return RateLimited(_reset_wait(response.headers), f"X: {said}")
    if status == 403 and "duplicate content" in said:
        return Rejected("duplicate")
    if status == 403 and body.get("type", "").endswith(PERMISSION_PROBLEMS):
        return AuthExpired(f"X: {said}")
    if "too long" in said:
        return Rejected("too long")
    return Rejected(f"X: {said}")


def _reset_wait(headers: Mapping[str, str]) -> float:
    """Seconds until the latest reset among the exhausted windows (15 minutes, 24 hours)."""
    now = time.time()
    resets = [headers.get("x-rate-limit-reset")]
    for cap in ("x-user-limit-24hour", "x-app-limit-24hour"):
        if headers.get(f"{cap}-remaining") == "0":
            resets.append(headers.get(f"{cap}-reset"))
    waits = [http.seconds_until_epoch(reset, now) for reset in resets if reset]
    return max((wait for wait in waits if wait is not None), default=DEFAULT_WAIT)


def _search_start(since: datetime | None) -> str | None:
    """`start_time` for recent search, kept inside the window X accepts; None: no bound."""
    now = datetime.now(UTC)
    if since is None or since < now - SEARCH_REACH:
        return None
    start = min(since, now - SEARCH_MIN_AGE)
    return start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reply(tweet: dict[str, Any], users: dict[str, dict[str, Any]]) -> RemoteReply:
    user = users.get(tweet.get("author_id", ""), {})
    username = user.get("username", "")
    profile = f"{WEB_URL}/{username}" if username else ""
    return RemoteReply(
        remote_id=tweet["id"],
        author_name=user.get("name", username),
        author_handle=f"@{username}" if username else "",
        author_url=profile,
        text=tweet.get("text", ""),
        url=f"{profile or WEB_URL + '/i/web'}/status/{tweet['id']}",
        created_at=http.parse_iso(tweet.get("created_at", "")) or http.EPOCH,
    )
