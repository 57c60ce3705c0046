"""A real hub under gunicorn with four worker processes on the test database, members with
tokens or logged-in browser sessions, and `burst` to send many requests at the same moment."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from flask import session
from flask_login import login_user

from benchmarks import servers as processes
from hub.accounts import service as accounts
from tests import servers
from tests.factories import make_user

WORKERS, THREADS = 4, 16  # a WebSocket holds a thread: the chat test needs headroom
TIMEOUT = 60  # seconds for one request; a burst queues behind the server threads


@pytest.fixture(scope="module")
def hub_server(app, tmp_path_factory):
    """The hub as production runs it, several processes sharing one database."""
    folder = tmp_path_factory.mktemp("multiprocess")
    options = {"mode": servers.GTHREAD, "workers": WORKERS, "threads": THREADS}
    with servers.hub_processes(app, folder, **options) as [hub]:
        yield hub.url
    errors = [line for line in hub.log.read_text().splitlines() if "Traceback" in line]
    assert not errors, f"the server logged errors:\n{processes.tail(hub.log, 60)}"


def burst(calls) -> list:
    """Run every call at the same instant, each in a thread of its own; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


class Member:
    """A member with an API token and a logged-in browser session on the hub server."""

    def __init__(self, app, url: str, user):
        self.user, self.url = user, url
        self.token = accounts.create_api_token(user)
        self.browser = requests.Session()
        self.browser.cookies.set("session", _session_cookie(app, user), domain="127.0.0.1")

    def api(self, method: str, path: str, json=None, headers=None) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        return requests.request(
            method, self.url + "/api/v1" + path, json=json, headers=headers, timeout=TIMEOUT
        )

    def form_token(self, path: str) -> str:
        """The CSRF token of a page, as the browser would send it back with its form."""
        return re.search(r'name="csrf_token" value="([^"]+)"', self._page(path)).group(1)

    def form_fields(self, path: str) -> dict[str, str]:
        """The hidden fields of the write form on a page (CSRF token, write key)."""
        html = self._page(path)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        key = re.search(r'name="write_key" type="hidden" value="([^"]+)"', html).group(1)
        return {"csrf_token": token, "write_key": key}

    def _page(self, path: str) -> str:
        # Connection: close, so the post opens a fresh connection: gunicorn drops an idle
        # keep-alive connection after 2 s, and a post sent at that moment gets no answer.
        page = self.browser.get(self.url + path, headers={"Connection": "close"}, timeout=TIMEOUT)
        assert page.status_code == 200, page.text[:500]
        return page.text

    def post_form(self, path: str, data: dict) -> requests.Response:
        return self.browser.post(self.url + path, data=data, allow_redirects=False, timeout=TIMEOUT)


def _session_cookie(app, user) -> str:
    """What the browser holds after logging in: the signed session naming a login session."""
    accounts.start_session(user)
    with app.test_request_context():
        login_user(user)
        return app.session_interface.get_signing_serializer(app).dumps(dict(session))


@pytest.fixture
def members(app, hub_server):
    """`members(n, role=...)` -> n new members ready to write on the hub server."""

    def make(n: int, role: str = "member") -> list[Member]:
        return [Member(app, hub_server, make_user(role=role)) for _ in range(n)]

    return make
