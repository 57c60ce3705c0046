"""Chat fan-out benchmark: `python -m benchmarks.chat [--clients 100,500,1000] [--processes 1,2]`.

For each client count N and process count P: a fresh SQLite instance with one public room, P hub
processes (`python -m benchmarks.chat serve PORT`, Flask-SocketIO threading mode, one process
each, Redis as the message queue when P > 1), N anonymous python-socketio readers spread over
the processes, and one expert (not rate limited) sending 100 messages at 50 per second. Each
message carries its send time; the report gives p50/p99 delivery latency over all deliveries
and the loss (deliveries expected minus received), which must be 0.

The readers are threads in this process (python-socketio's sync client), so at N = 1,000 the
client side competes with the servers for the CPU: the numbers are an upper bound on latency.
Needs Redis at HUB_BENCH_REDIS (default redis://127.0.0.1:6379/0) for P = 2.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 100
RATE = 50  # messages per second
ROOM = "bench"
REDIS = os.environ.get("HUB_BENCH_REDIS", "redis://127.0.0.1:6379/0")
_STAMP = re.compile(r"t=([0-9.]+)")


def _env(instance: Path, port: int, redis: str) -> dict:
    return dict(
        os.environ,
        HUB_INSTANCE_PATH=str(instance),
        HUB_DATABASE_URL=f"sqlite:///{instance / 'hub.db'}",
        HUB_SECRET_KEY="benchmark-only-secret-key",
        HUB_WORKER="off",
        HUB_BASE_URL=f"http://127.0.0.1:{port}",
        HUB_REDIS_URL=redis,
    )


def _prepare(instance: Path) -> str:
    """Schema, one room and one expert; returns the expert's API token."""
    os.environ.update(_env(instance, 0, ""))
    from flask_migrate import upgrade

    from hub import create_app
    from hub.accounts import service as accounts
    from hub.chat import service as chat

    app = create_app({"PASSWORD_HASH_METHOD": "scrypt:2048:8:1"})
    with app.app_context():
        upgrade()
        admin = accounts.create_user("benchadmin", "a@example.com", "bench pass 123", "admin")
        chat.create_room(admin, ROOM, "Benchmark", "")
        expert = accounts.create_user("benchexpert", "e@example.com", "bench pass 123", "expert")
        return accounts.create_api_token(expert)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(instance: Path, redis: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.chat", "serve", str(port)],
        cwd=ROOT,
        env=_env(instance, port, redis),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def _reader(url: str, latencies: list, lock: threading.Lock):
    import socketio

    client = socketio.Client(reconnection=False)

    def on_chat(message):
        now = time.time()
        match = _STAMP.search(message.get("html", ""))
        if match:
            with lock:
                latencies.append(now - float(match.group(1)))

    client.on("chat", on_chat, namespace="/live")
    client.connect(url, namespaces=["/live"], transports=["websocket"], wait_timeout=30)
    ack = client.call("join", {"room": ROOM}, namespace="/live", timeout=30)
    if not ack or not ack.get("ok"):
        raise RuntimeError(f"join failed: {ack}")
    return client


def run_case(clients: int, processes: int) -> dict:
    import socketio

    instance = Path(tempfile.mkdtemp(prefix="nabe-chat-bench-"))
    token = _prepare(instance)
    redis = REDIS if processes > 1 else ""
    servers = [_start(instance, redis) for _ in range(processes)]
    readers, latencies, lock = [], [], threading.Lock()
    try:
        for n in range(clients):
            readers.append(_reader(servers[n % processes][1], latencies, lock))
        sender = socketio.Client(reconnection=False)
        sender.connect(
            f"{servers[0][1]}?token={token}", namespaces=["/live"], transports=["websocket"]
        )
        failed = 0
        for n in range(MESSAGES):
            started = time.time()
            ack = sender.call(
                "chat", {"room": ROOM, "body": f"m{n} t={started:.6f}"}, namespace="/live"
            )
            failed += 0 if ack and ack.get("ok") else 1
            time.sleep(max(0.0, 1 / RATE - (time.time() - started)))
        expected = clients * (MESSAGES - failed)
        deadline = time.monotonic() + 30
        while len(latencies) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        sender.disconnect()
        ordered = sorted(latencies)
        return {
            "clients": clients,
            "processes": processes,
            "deliveries": len(ordered),
            "lost": expected - len(ordered),
            "failed_sends": failed,
            "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
            "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1) if ordered else None,
        }
    finally:
        for reader in readers:
            threading.Thread(target=reader.disconnect, daemon=True).start()
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=10)


def serve(port: int) -> None:
    from hub import create_app

    app = create_app()
    app.extensions["socketio"].run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, use_reloader=False
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        serve(int(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="100,500,1000")
    parser.add_argument("--processes", default="1,2")
    args = parser.parse_args(argv)
    results = []
    print("| clients | processes | deliveries | lost | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for processes in [int(p) for p in args.processes.split(",")]:
        for clients in [int(c) for c in args.clients.split(",")]:
            row = run_case(clients, processes)
            results.append(row)
            print(
                f"| {clients} | {processes} | {row['deliveries']} | {row['lost']} "
                f"| {row['p50_ms']} | {row['p99_ms']} |",
                flush=True,
            )
    print(json.dumps({"server": "Flask-SocketIO threading, 1 process each", "rows": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
