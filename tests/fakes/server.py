"""The plumbing every fake shares: a real HTTP server on 127.0.0.1, routes, recorded
requests and scripted failures (`fail_next`, `rate_limit_next`, `stall_next`, `fail_for`).

A rate limit and then an outage, as the spike drill plays it:
`fake.rate_limit_next(reset_in=10); fake.fail_for("5xx", seconds=30)` answers the next API
call 429 with a reset 10 s away, and every call for 30 s after the first one that meets the
outage (the retry after the reset) 503.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, Any]:
        """Body fields, whether sent form-encoded or as JSON (the APIs accept both)."""
        if "json" in (self.header("Content-Type") or ""):
            body = self.json()
            return body if isinstance(body, dict) else {}
        return dict(parse_qsl(self.body.decode()))

    def params(self) -> dict[str, Any]:
        """Query and body fields together, as Graph and Mastodon read them."""
        return {**self.query, **self.form()}

    def bearer_token(self) -> str | None:
        scheme, _, token = (self.header("Authorization") or "").partition(" ")
        return token if scheme.lower() in ("bearer", "oauth") and token else None


@dataclass
class Reply:
    status: int
    body: Any = None  # serialised as JSON unless None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to stall before answering, to provoke client timeouts


def with_retry_after(reply: Reply, retry_after: float | None = None) -> Reply:
    """A 5xx that says when to come back (`Retry-After` in seconds), as under maintenance."""
    if retry_after is not None:
        reply.headers["Retry-After"] = str(int(retry_after))
    return reply


def route(method: str, pattern: str, *, scripted: bool = True) -> Callable:
    """Mark a fake's method as the handler of `method` + path regex (named groups -> kwargs).

    `scripted=False` routes (token refresh, instance metadata) never consume scripted failures,
    so `fail_next` always hits the API call a test is about.
    """

    def mark(handler: Callable) -> Callable:
        handler.route = (method, re.compile(pattern), scripted)
        return handler

    return mark


class FakeServer:
    """Base of the fakes; use as a context manager: `with FakeMastodon() as fake: fake.url`."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.lock = threading.RLock()
        self._scripted: deque[Reply] = deque()
        self._stall = 0.0
        self._outage: _Outage | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # Scripting ---------------------------------------------------------------------------

    def fail_next(self, kind: str, times: int = 1, **options: Any) -> None:
        """Answer the next `times` API calls with the documented error for `kind`."""
        reply = self.failure(kind, **options)  # built now, so a typo fails in the test
        self._scripted.extend([reply] * times)

    def rate_limit_next(self, reset_in: float = 60.0, **options: Any) -> None:
        """Answer the next API call 429 with a reset `reset_in` seconds from now (not from
        the call: script it just before the call that should meet it)."""
        self.fail_next("rate_limited", reset_in=reset_in, **options)

    def stall_next(self, seconds: float) -> None:
        """Handle the next API call normally but answer only after `seconds`."""
        self._stall = seconds

    def fail_for(self, kind: str, seconds: float, **options: Any) -> None:
        """Once the scripted replies are used up, answer every API call with the error for
        `kind` for `seconds`, counted from the first call that meets it; then normally again."""
        self._outage = _Outage(self.failure(kind, **options), seconds)

    def failure(self, kind: str, **options: Any) -> Reply:
        raise ValueError(f"{type(self).__name__} cannot fail with {kind!r}")

    def extra_headers(self) -> dict[str, str]:
        """Headers sent with every response (X's rate-limit counters, for instance)."""
        return {}

    def calls(self, method: str, path_pattern: str) -> list[Request]:
        return [
            r for r in self.requests if r.method == method and re.fullmatch(path_pattern, r.path)
        ]

    # Lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server, "start the fake first: `with Fake() as fake:`"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeServer:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        # A short poll interval keeps shutdown (and so every test) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.005}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._server and self._thread
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # Dispatch ----------------------------------------------------------------------------

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            self.requests.append(request)
            for handler in self._handlers():
                method, pattern, scripted = handler.route
                match = pattern.fullmatch(request.path)
                if method != request.method or not match:
                    continue
                if scripted and self._scripted:
                    return self._scripted.popleft()
                if scripted and self._outage and self._outage.active():
                    return self._outage.reply
                reply = handler(request, **match.groupdict())
                if scripted:
                    reply.delay, self._stall = self._stall, 0.0
                return reply
            return self.not_found(request)

    def not_found(self, request: Request) -> Reply:
        return Reply(404, {"error": f"no route for {request.method} {request.path}"})

    def _handlers(self) -> list[Callable]:
        cls = type(self)
        return [getattr(self, n) for n in dir(cls) if hasattr(getattr(cls, n, None), "route")]


@dataclass
class _Outage:
    """One error answered for a while; the clock starts at the first call it answers."""

    reply: Reply
    seconds: float
    began: float | None = None

    def active(self) -> bool:
        now = time.monotonic()
        if self.began is None:
            self.began = now
        return now - self.began < self.seconds


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def _handle(self) -> None:
        fake: FakeServer = self.server.fake
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length),
        )
        try:
            reply = fake.dispatch(request)
        except Exception:  # a bug in the fake: show it, and answer like a crashed server
            traceback.print_exc()
            reply = Reply(500, {"error": "fake crashed"})
        time.sleep(reply.delay)
        self._send(reply, fake.extra_headers())

    def _send(self, reply: Reply, extra_headers: dict[str, str]) -> None:
        payload = b"" if reply.body is None else json.dumps(reply.body).encode()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in {**extra_headers, **reply.headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and went away: that was the point of the stall

    do_GET = do_POST = do_DELETE = do_PUT = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet; `fake.requests` has everything


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: the network is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def utc_now() -> datetime:
    return datetime.now(UTC)
