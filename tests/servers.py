"""The hub served over HTTP for the tests that talk to it as a browser or a socket client does.

`LiveServer` serves the test's own app on a thread of the test process (the threaded dev
server), so the test and the server share one app and one database. `hub_processes` starts
separate hub server processes on the test database in one of the modes production runs:
`THREADING` (Flask-SocketIO's dev server), `GEVENT` (gunicorn's gevent worker) or `GTHREAD`
(gunicorn's threaded workers); several of them share one Redis when given its URL. Each server
is handed out once /healthz answers 200, and is stopped, with its whole process group, when the
test is done. `python -m tests.servers PORT` is what a `THREADING` process runs.
"""

import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from benchmarks import servers as processes
from tests.services import free_port

THREADING, GEVENT, GTHREAD = "threading", "gevent", "gthread"
STARTUP_SECONDS = 60  # a fresh interpreter imports and builds the app; gunicorn forks workers


class LiveServer:
    """The app on a free loopback port, served by threads of this process, for real Socket.IO
    clients and browsers (Flask-SocketIO's test client would patch the session-wide server for
    good and break later live tests)."""

    def __init__(self, app):
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the live server did not answer within 10 s")

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


@contextmanager
def live_server(app):
    """A `LiveServer` that the app takes for its own address (links, and the one origin
    allowed to open a socket, follow BASE_URL)."""
    with LiveServer(app) as server:
        previous = app.config["BASE_URL"]
        app.config["BASE_URL"] = server.url
        try:
            yield server
        finally:
            app.config["BASE_URL"] = previous


def healthz(url: str) -> dict:
    """The /healthz answer of the hub at `url`, also when it says 503 (the body names the parts)."""
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return json.load(error)


def _command(mode: str, port: int, workers: int, threads: int) -> list[str]:
    if mode == THREADING:
        return [sys.executable, "-m", "tests.servers", str(port)]
    if mode not in (GEVENT, GTHREAD):
        raise ValueError(f"no such server mode: {mode}")
    return [
        str(processes.gunicorn()),
        *("--worker-class", mode, "--workers", str(workers), "--threads", str(threads)),
        *("--bind", f"{processes.HOST}:{port}", "--timeout", "60", "--no-control-socket"),
        "wsgi:app",
    ]


def _environment(app, folder: Path, url: str, redis_url: str) -> dict[str, str]:
    """Settings as production passes them, HUB_* variables only (none leak in from the shell)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    env.update(
        HUB_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        HUB_REDIS_URL=redis_url,
        HUB_INSTANCE_PATH=str(folder),
        HUB_SECRET_KEY=app.config["SECRET_KEY"],
        HUB_BASE_URL=url,
        HUB_WORKER="off",
    )
    return env


@contextmanager
def hub_processes(
    app,
    folder: Path,
    count: int = 1,
    *,
    mode: str = THREADING,
    redis_url: str = "",
    workers: int = 1,
    threads: int = 1,
):
    """`count` hub server processes in `mode` on the app's database (and on Redis if given),
    each with an instance folder and a log (`.log`) of its own under `folder`; yields them
    (`.url`) once each answers /healthz, and stops them all afterwards."""
    hubs: list[processes.Server] = []
    try:
        for _ in range(count):
            port = free_port()
            name = f"{mode}-{port}"
            instance = folder / name
            instance.mkdir(parents=True)
            env = _environment(app, instance, f"http://{processes.HOST}:{port}", redis_url)
            command = _command(mode, port, workers, threads)
            hubs.append(processes.launch(name, command, env, folder, port))
        for hub in hubs:
            processes.wait_ready(hub, "/healthz", timeout=STARTUP_SECONDS)
        yield hubs
    finally:
        for hub in hubs:
            processes.stop(hub)


def _serve_threading(port: int) -> None:
    """The hub on Flask-SocketIO's threading dev server; settings from HUB_* variables."""
    from hub import create_app

    app = create_app()
    app.extensions["socketio"].run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, use_reloader=False
    )


if __name__ == "__main__":
    _serve_threading(int(sys.argv[1]))
