"""Time to post a reply: one logged-in member posts N replies to a long topic, one at a time.

This is the write path a person waits on: CSRF check, permission check, Markdown rendering,
the next post number, the reply count, the author's follow, the notifications for every
follower of the topic, and the commit. It goes through the real HTML form route when the app
has one (logging in through the real login form once, since login is rate-limited, and keeping
the session cookie), else through the JSON API with a bearer token. Each POST is timed until
its answer (usually a redirect, not followed) is read; the database is checked afterwards to
confirm the replies really landed.
"""

import html
import http.client
import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
_VALUE = re.compile(r'value="([^"]*)"')


@dataclass
class ReplyResult:
    route: str | None  # e.g. "POST /t/12/reply"; None when the app has no reply route yet
    via: str = ""  # "form" or "API"
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: int = 0
    created: int = 0  # replies the database gained
    note: str = ""


class Browser:
    """Just enough of a browser: one request per connection, cookies kept between requests."""

    def __init__(self, port: int, source: str | None = None):
        self.port = port
        self.source = (source, 0) if source else None  # the loopback address to connect from
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, *, form=None, body=None, headers=None):
        headers = dict(headers or {})
        payload = None
        if form is not None:
            payload = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60, source_address=self.source)
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        self._keep(response.headers.get_all("Set-Cookie") or [])
        return response.status, text

    def _keep(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            pair, *attributes = header.split(";")
            name, _, value = pair.strip().partition("=")
            expired = any(a.strip().lower() == "max-age=0" for a in attributes)
            if expired or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


def route_exists(port: int, path: str) -> bool:
    """Ask the running server (OPTIONS) whether `path` takes POST; it may change while we run."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("OPTIONS", path)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    allowed = response.getheader("Allow")
    return response.status not in (404, 405) and (allowed is None or "POST" in allowed)


def csrf_token(page: str, name: str = "csrf_token") -> str | None:
    """The CSRF token of the page's form field `name` (a form with a prefix: `issue-csrf_token`)."""
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    value = _VALUE.search(tag.group(0)) if tag else None
    return html.unescape(value.group(1)) if value else None


def reply_text(i: int) -> str:
    return (
        f"Benchmark reply {i}: restarting the router helped here too — **thanks**!\n\n"
        "- line synced at 250 Mbit/s\n- no drops since this morning\n\n"
        "See https://example.com/status for the outage page."
    )


def measure_form(port: int, topic_path: str, post_path: str, login: str, password: str, n: int):
    """Log in through the form, then POST `n` replies with the session's CSRF token."""
    result = ReplyResult(f"POST {post_path}", "form")
    browser = Browser(port)
    status, page = browser.send("GET", "/login")
    token = csrf_token(page)
    form = {"login": login, "password": password}
    status, page = browser.send("POST", "/login", form={**form, "csrf_token": token or ""})
    if status not in (302, 303):
        result.note = f"login failed: HTTP {status} {_snippet(page)}"
        return result
    _, page = browser.send("GET", topic_path)  # login starts a new session: a new CSRF token
    token = csrf_token(page) or ""
    for i in range(1, n + 1):
        form = {"body": reply_text(i), "csrf_token": token}
        _timed(result, browser.send, "POST", post_path, form=form)
    return result


def measure_api(port: int, post_path: str, login: str, password: str, n: int):
    """Get a bearer token once, then POST `n` replies as JSON."""
    result = ReplyResult(f"POST {post_path}", "API")
    browser = Browser(port)
    status, text = browser.send(
        "POST", "/api/v1/tokens", body={"username": login, "password": password}
    )
    if status != 201:
        result.note = f"token request failed: HTTP {status} {_snippet(text)}"
        return result
    auth = {"Authorization": f"Bearer {json.loads(text)['token']}"}
    for i in range(1, n + 1):
        _timed(result, browser.send, "POST", post_path, body={"body": reply_text(i)}, headers=auth)
    return result


def _timed(result: ReplyResult, send, *args, **kwargs) -> None:
    began = time.perf_counter()
    try:
        status, text = send(*args, **kwargs)
    except (OSError, http.client.HTTPException) as error:
        result.errors += 1
        result.note = result.note or f"first error: {error}"
        return
    result.latencies.append(time.perf_counter() - began)
    if status >= 400:
        result.errors += 1
        result.note = result.note or f"first error: HTTP {status} {_snippet(text)}"


def posts_in_topic(database: Path, topic_id: int) -> int:
    conn = sqlite3.connect(database)
    try:
        return conn.execute(
            "SELECT count(*) FROM posts WHERE topic_id = ?", (topic_id,)
        ).fetchone()[0]
    finally:
        conn.close()


def _snippet(text: str, limit: int = 160) -> str:
    plain = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return plain[:limit]
