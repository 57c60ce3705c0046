"""Start an app under gunicorn on a free loopback port, wait until it answers, stop it for sure.

The benchmark serves every app the same way the reference numbers were taken: gunicorn with
two sync workers (each handles one request at a time; the other connections wait in the listen
queue). Tests of concurrent writes ask for more workers and threads. Each server runs in its
own process group, so stopping it ends its workers too, and nothing else.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
HOST = "127.0.0.1"


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def gunicorn() -> Path:
    path = Path(sys.executable).parent / "gunicorn"
    if not path.exists():
        raise SystemExit(f"gunicorn not found at {path}: run `make` (pip install -e '.[dev]').")
    return path


def start(
    name: str,
    target: str,
    env: dict[str, str],
    log_dir: Path,
    *,
    port: int | None = None,
    workers: int = WORKERS,
    worker_class: str = "sync",
    threads: int = 1,
    options: tuple[str, ...] = (),
    timeout: int = 60,
) -> Server:
    """gunicorn serving `target` on `port` (a free one unless given: a restart takes its port
    again, and its log goes on in the same file); `options` are more gunicorn options."""
    port = port or free_port()
    command = [
        str(gunicorn()),
        *("--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads)),
        *("--bind", f"{HOST}:{port}", "--chdir", str(ROOT), "--timeout", str(timeout)),
        "--no-control-socket",  # its default is one path for every server on the machine
        *options,
        target,
    ]
    return launch(name, command, env, log_dir, port)


def launch(name: str, command: list[str], env: dict[str, str], log_dir: Path, port: int) -> Server:
    """Run `command` (a server that will listen on `port`) from the project folder in a
    process group of its own, its output going on in `<log_dir>/<name>.log`."""
    log = log_dir / f"{name}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name, port, process, log)


def wait_ready(server: Server, path: str, timeout: float = 60) -> None:
    """Until `path` answers 200; fails with the server's log if it dies or never answers."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} server exited:\n{tail(server.log)}")
        conn = http.client.HTTPConnection(HOST, server.port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                return
            last = f"HTTP {response.status}"
        except OSError as error:
            last = str(error)
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer {path} ({last}):\n{tail(server.log)}")


def stop(server: Server) -> None:
    """SIGTERM to the server's process group, SIGKILL if it lingers."""
    stop_process(server.process)


def stop_process(process: subprocess.Popen | None, first: int = signal.SIGTERM) -> None:
    """Stop a process group we started: `first`, then SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    for sig, grace in ((first, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
