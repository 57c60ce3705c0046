"""`python -m benchmarks` (`make bench`): seed a big forum, serve it, load it, print the numbers.

1. A fresh instance folder in a temporary directory, SQLite, migrations applied.
2. 100,000 posts in 2,000 topics seeded with bulk inserts (see `seed.py`).
3. The hub (`wsgi:app`) and the bare reference page (`bare_app.py`) under gunicorn, two sync
   workers each, on free loopback ports.
4. Each page loaded for a fixed time over 32 concurrent connections (`load.py`), then a member
   posts replies one after the other (`reply.py`).
5. A markdown table on stdout and the same as JSON in `<instance>/bench.json`.

Both servers are stopped at the end, on errors and on Ctrl-C. The seeded database (about
70 MB) is deleted unless --keep-db is given.
"""

import argparse
import os
import platform
import re
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import load, reply, report, servers
from benchmarks.seed import MEMBER, PASSWORD, seed

SECRET = "benchmark-only-secret-key"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    instance = Path(tempfile.mkdtemp(prefix="nabe-bench-"))
    database = instance / "hub.db"
    env = _environment(instance, database)
    signal.signal(signal.SIGTERM, _interrupt)
    running: list[servers.Server] = []
    try:
        return _run(args, instance, database, env, running)
    except KeyboardInterrupt:
        print("\nbench: interrupted, stopping the servers", file=sys.stderr)
        return 130
    finally:
        for server in running:
            servers.stop(server)
        if not args.keep_db:
            for path in (database, database.with_name("hub.db-journal")):
                path.unlink(missing_ok=True)


def _run(args, instance: Path, database: Path, env: dict, running: list) -> int:
    began = time.perf_counter()
    _say(f"instance folder {instance}")
    seeded = _migrate_and_seed(args.seed)
    counts = ", ".join(f"{v:,} {k}" for k, v in seeded.counts.items())
    _say(f"seeded in {seeded.seconds:.1f} s: {counts}")

    running.append(servers.start("hub", "wsgi:app", env, instance))
    running.append(servers.start("bare", "benchmarks.bare_app:create_app()", env, instance))
    hub, bare = running
    topic = seeded.long_topic
    pages = _pages(hub, bare, seeded)
    servers.wait_ready(hub, "/")
    servers.wait_ready(bare, pages[0][2])
    _say(f"hub on :{hub.port}, bare page on :{bare.port} (gunicorn, 2 sync workers each)")
    notes = _check_pages(pages, last_post=topic["reply_count"] + 1)

    busy = [load.machine_busy()]
    results = _load_pages(pages, args)
    bare_rps = results[0].rps  # the first page is the reference
    rows = [report.page_row(p[0], r, bare_rps) for p, r in zip(pages, results, strict=True)]
    topic_path = pages[3][2]
    replied = _measure_replies(hub.port, topic["id"], topic_path, database, args.replies)
    rows.append(report.reply_row(replied))
    notes += [f"reply: {replied.note}"] if replied.note else []
    busy.append(load.machine_busy())
    notes += _busy_notes(busy)

    print("\n" + report.table(rows) + "\n")
    for note in notes:
        print(f"note: {note}")
    cpu = [row["client_cpu_pct"] for row in rows if "client_cpu_pct" in row]
    print(f"load generator CPU: {min(cpu):.0f}–{max(cpu):.0f} % of one core (of {os.cpu_count()})")
    path = instance / "bench.json"
    summary = _summary(args, seeded, rows, notes, busy, time.perf_counter() - began)
    report.write_json(path, summary)
    print(f"seeding: {seeded.seconds:.1f} s; whole run: {summary['run_seconds']:.0f} s")
    print(f"JSON: {path}")
    return 0


def _pages(hub, bare, seeded) -> list[tuple[str, servers.Server, str]]:
    """(name, server, path) of every page to load; the bare reference comes first."""
    topic = seeded.long_topic
    topic_path = f"/t/{topic['id']}-{topic['slug']}"
    last_page = max(1, -(-topic["reply_count"] // _posts_per_page()))
    return [
        ("bare: 20 posts of a topic", bare, f"/t/{topic['id']}"),
        ("home", hub, "/"),
        ("category", hub, f"/c/{seeded.category_slug}"),
        (f"topic, first page ({topic['reply_count'] + 1} posts)", hub, topic_path),
        (f"topic, last page (page {last_page})", hub, f"{topic_path}?page={last_page}"),
    ]


def _busy_notes(busy: list[float | None]) -> list[str]:
    notes = []
    for when, share in zip(("before", "after"), busy, strict=True):
        if share is not None and share > 15:
            notes.append(
                f"other work kept the machine {share:.0f} % busy just {when} the load: "
                "numbers are lower and noisier than on an idle machine"
            )
    return notes


def _load_pages(pages, args) -> list[load.LoadResult]:
    """Each page in turn, in `rounds` rounds, so drift over the run hits every page alike."""
    results: list[load.LoadResult | None] = [None] * len(pages)
    for round_number in range(1, args.rounds + 1):
        for i, (name, server, path) in enumerate(pages):
            if round_number == 1:
                load.run(server.port, path, seconds=args.warmup, connections=args.connections)
            seconds = args.seconds / args.rounds
            result = load.run(server.port, path, seconds=seconds, connections=args.connections)
            results[i] = result if results[i] is None else results[i].add(result)
            p50 = result.percentile_ms(50) or 0
            _say(f"round {round_number}, {name}: {result.rps:.1f} req/s, p50 {p50:.0f} ms")
    return results


def _migrate_and_seed(seed_value: int):
    import flask_migrate

    from hub import create_app
    from hub.extensions import db

    app = create_app()
    with app.app_context():
        _say("applying migrations")
        flask_migrate.upgrade()
        _say("seeding")
        seeded = seed(db.engine, seed=seed_value, log=_say)
        db.engine.dispose()  # the servers get the file to themselves
    return seeded


def _check_pages(pages, last_post: int) -> list[str]:
    """One GET per page before loading it: report odd statuses, and a last page that is not."""
    notes, body = [], ""
    for name, server, path in pages:
        status, body = reply.Browser(server.port).send("GET", path)
        if status != 200:
            notes.append(f"{name} ({path}) answered HTTP {status} before the load")
    last_path = pages[-1][2]  # the loop ended with it: `body` is the last page
    if not re.search(rf"post-{last_post}\b", body):
        notes.append(
            f"the last page ({last_path}) does not show post #{last_post}: "
            "the topic route seems not to honour ?page= yet (so that row shows another page)"
        )
    return notes


def _measure_replies(port: int, topic_id: int, topic_path: str, database: Path, n: int):
    form_path, api_path = f"/t/{topic_id}/reply", f"/api/v1/topics/{topic_id}/posts"
    before = reply.posts_in_topic(database, topic_id)
    if reply.route_exists(port, form_path):
        _say(f"posting {n} replies through {form_path}")
        result = reply.measure_form(port, topic_path, form_path, MEMBER, PASSWORD, n)
    elif reply.route_exists(port, api_path):
        _say(f"posting {n} replies through {api_path}")
        result = reply.measure_api(port, api_path, MEMBER, PASSWORD, n)
    else:
        return reply.ReplyResult(None, note=f"neither {form_path} nor {api_path} exists yet")
    result.created = reply.posts_in_topic(database, topic_id) - before
    if result.created != n:
        result.note = (result.note + "; " if result.note else "") + (
            f"{result.created} of {n} replies reached the database"
        )
    return result


def _summary(args, seeded, rows, notes, busy, seconds: float) -> dict:
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "server": f"gunicorn, {servers.WORKERS} sync workers",
        "connections": args.connections,
        "seconds_per_page": args.seconds,
        "rounds": args.rounds,
        "seed": {
            "seconds": round(seeded.seconds, 2),
            "counts": seeded.counts,
            "long_topic": seeded.long_topic,
            "category": seeded.category_slug,
        },
        "machine_busy_pct": {"before": report.rounded(busy[0]), "after": report.rounded(busy[1])},
        "rows": rows,
        "notes": notes,
        "run_seconds": round(seconds, 1),
    }


def _environment(instance: Path, database: Path) -> dict[str, str]:
    """Our own HUB_* settings in this process and the servers; none inherited from the shell."""
    for key in [k for k in os.environ if k.startswith("HUB_")]:
        del os.environ[key]
    os.environ.update(
        HUB_INSTANCE_PATH=str(instance),
        HUB_DATABASE_URL=f"sqlite:///{database}",
        HUB_SECRET_KEY=SECRET,
        HUB_WORKER="off",
    )
    return {**os.environ, "BENCH_DATABASE_URL": f"sqlite:///{database}"}


def _posts_per_page() -> int:
    from hub.forums.queries import POSTS_PER_PAGE

    return POSTS_PER_PAGE


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=10, help="load per page, all rounds (10)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over the pages (2)")
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured load first (2)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent (default 32)")
    parser.add_argument("--replies", type=int, default=50, help="replies to post (default 50)")
    parser.add_argument("--seed", type=int, default=20_260_101, help="random seed")
    parser.add_argument("--keep-db", action="store_true", help="keep the seeded database")
    return parser.parse_args(argv)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _say(message: str) -> None:
    print(f"bench: {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
