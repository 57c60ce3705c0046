"""Chat fan-out benchmark: `python -m benchmarks.chat [--clients 100,500,1000] [--processes 1,2]
[--modes threading,gevent] [--bare 500]`.

For each async mode, process count P and client count N: a fresh SQLite instance with one
public room; P hub processes under gunicorn, one worker each (`-k gthread` with a thread per
connection for threading mode, `-k gevent` for gevent), Redis as the message queue when P > 1;
N anonymous readers spread over the processes; one expert (not rate limited) sends 100
messages at 50 per second, each carrying its send time. The readers are asyncio clients in
reader processes of at most 250 clients each (`chat_readers.py`), so the client side does not
starve the servers of the CPU the way a thread per client did.

Reported per case: p50/p99 delivery latency over all live deliveries, deliveries per second
(live deliveries over the time from the first send to the last delivery), messages never
delivered live, and messages still missing after the readers that lost their connection
replayed from their last id as the page does. A late delivery is not a lost one: the readers
wait up to --wait seconds for everything. `--bare` adds the reference Flask-SocketIO server
(`bare_chat.py`, no database) at those client counts, one process, under the same clients.
Needs Redis at HUB_BENCH_REDIS (default redis://127.0.0.1:6379/0) for P > 1.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import chat_cases

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "| server | mode | processes | clients | p50 ms | p99 ms | deliveries/s | failed sends "
    "| lost live | lost after replay | disconnects | CPU % server / clients | load |"
)


def _row(row: dict) -> str:
    return (
        f"| {row['server']} | {row['mode']} | {row['processes']} | {row['clients']} "
        f"| {row['p50_ms']} | {row['p99_ms']} | {row['deliveries_per_s']:,} "
        f"| {row['failed_sends']} "
        f"| {row['lost_live']} | {row['lost_after_replay']} | {row['disconnects']} "
        f"| {row['server_cpu_pct']} / {row['client_cpu_pct']} | {row['load_before']} |"
    )


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.chat", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--clients", default="100,500,1000", help="client counts (100,500,1000)")
    parser.add_argument("--processes", default="1,2", help="hub process counts (1,2)")
    parser.add_argument("--modes", default="threading,gevent", help="async modes")
    parser.add_argument("--bare", default="500", help="client counts for the bare server ('')")
    parser.add_argument("--wait", type=float, default=120, help="longest wait for stragglers")
    return parser.parse_args(argv)


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _cases(args) -> list[tuple[str, str, int, int]]:
    """The modes side by side for each size, so drift in the machine's load hits both alike."""
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    cases = [("bare", mode, 1, n) for n in _numbers(args.bare) for mode in modes]
    for processes in _numbers(args.processes):
        for clients in _numbers(args.clients):
            cases += [("hub", mode, processes, clients) for mode in modes]
    return cases


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    for key in [k for k in os.environ if k.startswith("HUB_") and k != "HUB_BENCH_REDIS"]:
        del os.environ[key]
    logs = Path(tempfile.mkdtemp(prefix="nabe-chat-bench-"))
    began, rows = time.monotonic(), []
    print(f"chat bench: server logs in {logs}", flush=True)
    print(HEADER + "\n" + "|---" * 13 + "|", flush=True)
    for server, mode, processes, clients in _cases(args):
        try:
            row = chat_cases.run(server, mode, processes, clients, logs, args.wait)
        except Exception as error:  # one broken case must not hide the others' numbers
            print(f"| {server} | {mode} | {processes} | {clients} | failed: {error!r} |")
            continue
        rows.append(row)
        print(_row(row), flush=True)
    for row in rows:
        for note in row.get("notes", []):
            print(
                f"note ({row['server']} {row['mode']} P={row['processes']} N={row['clients']}): "
                f"{note}"
            )
    print(f"server: gunicorn, 1 worker per process; {chat_cases.SERVER_NOTE}")
    print(f"machine: {os.cpu_count()} cores; whole chat bench {time.monotonic() - began:.0f} s")
    (logs / "chat-bench.json").write_text(json.dumps({"rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
