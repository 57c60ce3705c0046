"""One case of the chat benchmark: servers up, readers in, 100 messages out, counts back."""

import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import servers

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 100
RATE = 50  # messages per second
ROOM = "bench"
PER_READER = 250  # clients per reader process
REDIS = os.environ.get("HUB_BENCH_REDIS", "redis://127.0.0.1:6379/0")
SERVER_NOTE = (
    "threading: `gunicorn -k gthread --threads N --worker-connections N` (N = clients + 64); "
    "gevent: `gunicorn -k gevent "
    "--worker-connections 4000`; SQLite; Redis message queue when processes > 1"
)


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
    from hub.core.extensions import db

    app = create_app({"PASSWORD_HASH_METHOD": "scrypt:2048:8:1"})
    with app.app_context():
        upgrade()
        admin = accounts.create_user("benchadmin", "a@example.com", "bench pass 123", "admin")
        chat.create_room(admin, ROOM, "Benchmark", "")
        expert = accounts.create_user("benchexpert", "e@example.com", "bench pass 123", "expert")
        token = accounts.create_api_token(expert)
        db.engine.dispose()
    return token


def _start(name: str, target: str, mode: str, clients: int, env: dict, logs: Path):
    port = servers.free_port()
    env = {**env, "HUB_BASE_URL": f"http://127.0.0.1:{port}"}
    if mode == "gevent":
        options = {"worker_class": "gevent", "options": ("--worker-connections", "4000")}
    else:  # a WebSocket holds a thread, and gthread also caps connections (default 1,000)
        room = clients + 64
        options = {
            "worker_class": "gthread",
            "threads": room,
            "options": ("--worker-connections", str(room)),
        }
    return servers.start(name, target, env, logs, port=port, workers=1, timeout=120, **options)


def start_readers(
    urls: list[str],
    clients: int,
    room: str = ROOM,
    messages: int = MESSAGES,
    addresses: list[str] | None = None,
) -> list[subprocess.Popen]:
    """Reader processes of at most PER_READER clients each, returned once all have joined;
    with `addresses`, client n connects from `addresses[n]`."""
    readers = []
    for start in range(0, clients, PER_READER):
        count = min(PER_READER, clients - start)
        config = {
            "urls": urls,
            "room": room,
            "messages": messages,
            "clients": count,
            "addresses": addresses[start : start + count] if addresses else None,
        }
        readers.append(
            subprocess.Popen(
                [sys.executable, "-m", "benchmarks.chat_readers", json.dumps(config)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    for reader in readers:  # the first line is `ready` once all its clients joined
        line = reader.stdout.readline()
        if not line:
            raise RuntimeError("a reader process died while connecting")
    return readers


def _send(url: str, token: str) -> tuple[list[int], float]:
    """100 messages at a steady 50/s from the expert, acks awaited at the end (a slow ack must
    not slow the offered load); returns (numbers of failed sends, first send time)."""
    import threading

    import socketio

    sender = socketio.Client(reconnection=False, request_timeout=60)
    sender.connect(
        f"{url}?token={token}",
        namespaces=["/live"],
        transports=["websocket"],
        wait_timeout=60,
        retry=True,
    )
    acks, done = {}, threading.Event()

    def acked(number: int):
        def callback(ack):
            acks[number] = bool(ack and ack.get("ok"))
            if len(acks) == MESSAGES:
                done.set()

        return callback

    first = time.time()
    try:
        for n in range(MESSAGES):
            due = first + n / RATE
            time.sleep(max(0.0, due - time.time()))
            body = {"room": ROOM, "body": f"m{n} t={time.time():.6f}"}
            sender.emit("chat", body, namespace="/live", callback=acked(n))
        done.wait(120)
    finally:
        sender.disconnect()
    return [n for n in range(MESSAGES) if not acks.get(n)], first


def collect(readers: list[subprocess.Popen], wait: float, **finish) -> list[dict]:
    """Tell the readers the sends are over (`failed=[numbers]` or `stored=[numbers]`), and
    read their counts once each has every stored message or `wait` seconds are up."""
    for reader in readers:
        reader.stdin.write(json.dumps({"finish": wait, **finish}) + "\n")
        reader.stdin.flush()
    results = [json.loads(reader.stdout.readline()) for reader in readers]
    for reader in readers:
        reader.wait(timeout=60)
    return results


def _summary(results: list[dict], clients: int, failed: list[int], first: float) -> dict:
    latencies = sorted(lat for r in results for lat in r["latencies"])
    last = max(r["last_at"] for r in results)
    total = lambda key: sum(r[key] for r in results)  # noqa: E731
    p99 = latencies[max(0, math.ceil(len(latencies) * 0.99) - 1)] if latencies else None
    return {
        "deliveries": len(latencies),
        "expected": clients * (MESSAGES - len(failed)),
        "failed_sends": len(failed),
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p99_ms": round(p99 * 1000) if p99 is not None else None,
        "deliveries_per_s": round(len(latencies) / (last - first)) if last > first else 0,
        "lost_live": total("missing_live"),
        "lost_after_replay": total("missing_after_replay"),
        "replayed": total("replayed"),
        "disconnects": total("disconnects"),
        "clients_disconnected": total("clients_disconnected"),
    }


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (a gunicorn master and its worker), from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(_cpu_seconds(int(child)) for child in children)


def _log_notes(running: list) -> list[str]:
    notes = []
    for server in running:
        text = server.log.read_text(errors="replace")
        errors = text.count("Traceback") + text.count("ERROR")
        if errors:
            notes.append(f"{server.name}: {errors} errors in {server.log}")
    return notes


def run(server: str, mode: str, processes: int, clients: int, logs: Path, wait: float) -> dict:
    instance = Path(os.path.join(logs, f"{server}-{mode}-p{processes}-n{clients}"))
    instance.mkdir()
    token = _prepare(instance)
    env = _env(instance, 0, REDIS if processes > 1 else "")
    target = "wsgi:app" if server == "hub" else "benchmarks.bare_chat:create_app()"
    running, readers = [], []
    load_before = round(os.getloadavg()[0], 1)  # other work on the machine skews everything
    try:
        for n in range(processes):
            name = f"{instance.name}-{n}"
            running.append(_start(name, target, mode, clients, env, logs))
        for process in running:
            servers.wait_ready(process, "/healthz")
        urls = [f"http://127.0.0.1:{s.port}" for s in running]
        readers = start_readers(urls, clients)
        cpu = sum(_cpu_seconds(s.process.pid) for s in running)
        failed, first = _send(urls[0], token)
        results = collect(readers, wait, failed=failed)
        cpu = sum(_cpu_seconds(s.process.pid) for s in running) - cpu
        row = {"server": server, "mode": mode, "processes": processes, "clients": clients}
        row["load_before"] = load_before
        row.update(_summary(results, clients, failed, first))
        window = max(r["last_at"] for r in results) - first
        row["server_cpu_pct"] = round(100 * cpu / window) if window > 0 else None
        row["client_cpu_pct"] = round(100 * sum(r["cpu_s"] for r in results) / window)
        row["notes"] = _log_notes(running)
        return row
    finally:
        for reader in readers:
            if reader.poll() is None:
                reader.kill()
        for process in running:
            servers.stop(process)
