"""`python -m benchmarks` (`make bench`): seed a big forum, serve it, load it, print the numbers.

1. A fresh instance folder in a temporary directory, SQLite, migrations applied.
2. 100,000 posts in 2,000 topics seeded with bulk inserts (see `seed.py`), then an FAQ and
   the company wall through the services (`seed_pages.py`).
3. The hub (`wsgi:app`) and the bare reference page (`bare_app.py`) under gunicorn, two sync
   workers each, on free loopback ports.
4. Each page loaded for a fixed time over 32 concurrent connections (`load.py`): as a visitor
   (no cookies), then as a logged-in member (the session cookie of one login through the form).
   Then a member posts replies one after the other (`reply.py`).
5. A markdown table on stdout, each row's share of the bare page against the issue's goal
   (visitors ≥ 80 %, members ≥ 40 %), and the same as JSON in `<instance>/bench.json`.

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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import load, reply, report, servers
from benchmarks.seed import MEMBER, PASSWORD, seed
from benchmarks.seed_pages import seed_pages

SECRET = "benchmark-only-secret-key"


@dataclass
class Page:
    group: str  # "reference", "visitor" or "member"
    name: str
    server: servers.Server
    path: str
    cookies: dict[str, str] = field(default_factory=dict)  # the member's session


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    instance = Path(tempfile.mkdtemp(prefix="nabe-bench-"))
    database = instance / "hub.db"
    env = _environment(instance, database, args)
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
    servers.wait_ready(hub, "/")
    servers.wait_ready(bare, f"/t/{topic['id']}")
    _say(f"hub on :{hub.port}, bare page on :{bare.port} (gunicorn, 2 sync workers each)")
    _say(f"page cache {args.page_cache}{f', in Redis {args.redis}' if args.redis else ''}")
    member, notes = _member_cookies(hub.port)
    pages = _pages(hub, bare, seeded, member)
    notes += _check_pages(pages, last_post=topic["reply_count"] + 1)

    busy = [load.machine_busy()]
    results = _load_pages(pages, args)
    bare_rps = results[0].rps  # the first page is the reference
    rows = [
        report.page_row(p.group, p.name, r, bare_rps) for p, r in zip(pages, results, strict=True)
    ]
    topic_path = _topic_path(topic)
    replied = _measure_replies(hub.port, topic["id"], topic_path, database, args.replies)
    rows.append(report.reply_row(replied))
    notes += [f"reply: {replied.note}"] if replied.note else []
    busy.append(load.machine_busy())
    notes += _busy_notes(busy)

    print("\n" + report.table(rows) + "\n")
    for line in report.goal_summary(rows):
        print(line)
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


def _pages(hub, bare, seeded, member: dict[str, str]) -> list[Page]:
    """Every page to load; the bare reference comes first."""
    topic = seeded.long_topic
    topic_path = _topic_path(topic)
    last_page = max(1, -(-topic["reply_count"] // _posts_per_page()))
    first_name = f"topic, first page ({topic['reply_count'] + 1} posts)"
    visitor = [
        ("home", "/"),
        ("category", f"/c/{seeded.category_slug}"),
        (first_name, topic_path),
        (f"topic, last page (page {last_page})", f"{topic_path}?page={last_page}"),
        ("FAQ", "/faq/"),
        ("company wall", "/company"),
    ]
    members = visitor[:3] if member else []
    return [
        Page("reference", "bare: 20 posts of a topic", bare, f"/t/{topic['id']}"),
        *(Page("visitor", name, hub, path) for name, path in visitor),
        *(Page("member", name, hub, path, member) for name, path in members),
    ]


def _topic_path(topic: dict) -> str:
    return f"/t/{topic['id']}-{topic['slug']}"


def _member_cookies(port: int) -> tuple[dict[str, str], list[str]]:
    """Log the benchmark's member in through the form once; its cookies and any problem."""
    browser = reply.Browser(port)
    _, page = browser.send("GET", "/login")
    form = {"login": MEMBER, "password": PASSWORD, "csrf_token": reply.csrf_token(page) or ""}
    status, page = browser.send("POST", "/login", form=form)
    if status not in (302, 303):
        return {}, [f"member login failed (HTTP {status}): no member rows"]
    return dict(browser.cookies), []


def _busy_notes(busy: list[float | None]) -> list[str]:
    notes = []
    for when, share in zip(("before", "after"), busy, strict=True):
        if share is not None and share > 15:
            notes.append(
                f"other work kept the machine {share:.0f} % busy just {when} the load: "
                "numbers are lower and noisier than on an idle machine"
            )
    return notes


def _load_pages(pages: list[Page], args) -> list[load.LoadResult]:
    """Each page in turn, in `rounds` rounds, so drift over the run hits every page alike."""
    results: list[load.LoadResult | None] = [None] * len(pages)
    for round_number in range(1, args.rounds + 1):
        for i, page in enumerate(pages):
            options = {"connections": args.connections, "cookies": page.cookies}
            if round_number == 1:
                load.run(page.server.port, page.path, seconds=args.warmup, **options)
            seconds = args.seconds / args.rounds
            result = load.run(page.server.port, page.path, seconds=seconds, **options)
            results[i] = result if results[i] is None else results[i].add(result)
            p50 = result.percentile_ms(50) or 0
            name = f"{page.group}, {page.name}"
            _say(f"round {round_number}, {name}: {result.rps:.1f} req/s, p50 {p50:.0f} ms")
    return results


def _migrate_and_seed(seed_value: int):
    import flask_migrate

    from hub import create_app
    from hub.core.extensions import db

    app = create_app()
    with app.app_context():
        _say("applying migrations")
        flask_migrate.upgrade()
        _say("seeding")
        seeded = seed(db.engine, seed=seed_value, log=_say)
        began = time.perf_counter()
        pages = seed_pages(seed_value)
        counts = ", ".join(f"{n:,} {what}" for what, n in pages.items())
        _say(f"  through the services in {time.perf_counter() - began:.1f} s: {counts}")
        seeded.counts.update(pages)
        db.engine.dispose()  # the servers get the file to themselves
    return seeded


def _check_pages(pages: list[Page], last_post: int) -> list[str]:
    """One GET per page before loading it: report odd statuses, a member page that does not
    show the member logged in, and a last page that is not."""
    notes = []
    for page in pages:
        browser = reply.Browser(page.server.port)
        browser.cookies.update(page.cookies)
        status, body = browser.send("GET", page.path)
        where = f"{page.group} {page.name} ({page.path})"
        if status != 200:
            notes.append(f"{where} answered HTTP {status} before the load")
        if page.group in ("visitor", "member") and (page.group == "member") != _logged_in(body):
            notes.append(f"{where}: the page does not show a {page.group}'s view")
        if page.name.startswith("topic, last page") and not re.search(rf"post-{last_post}\b", body):
            notes.append(
                f"the last page ({page.path}) does not show post #{last_post}: "
                "the topic route seems not to honour ?page= yet (so that row shows another page)"
            )
    return notes


def _logged_in(body: str) -> bool:
    return 'action="/logout"' in body


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
        "page_cache": f"{args.page_cache}, {'Redis' if args.redis else 'in-process'}",
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


def _environment(instance: Path, database: Path, args) -> dict[str, str]:
    """Our own HUB_* settings in this process and the servers; none inherited from the shell.
    With --redis only the page cache uses it, under a prefix of this run's own."""
    for key in [k for k in os.environ if k.startswith("HUB_")]:
        del os.environ[key]
    os.environ.update(
        HUB_INSTANCE_PATH=str(instance),
        HUB_DATABASE_URL=f"sqlite:///{database}",
        HUB_SECRET_KEY=SECRET,
        HUB_WORKER="off",
        HUB_PAGE_CACHE=args.page_cache,
        HUB_PAGE_CACHE_REDIS_URL=args.redis,
        HUB_PAGE_CACHE_PREFIX=f"bench:{instance.name}",
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
    parser.add_argument("--warmup", type=float, default=1, help="unmeasured load first (1)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent (default 32)")
    parser.add_argument("--replies", type=int, default=50, help="replies to post (default 50)")
    parser.add_argument("--seed", type=int, default=20_260_101, help="random seed")
    parser.add_argument(
        "--page-cache", choices=("on", "off"), default="on", help="visitors' page cache (on)"
    )
    parser.add_argument("--redis", default="", help="keep cached pages in this Redis URL")
    parser.add_argument("--keep-db", action="store_true", help="keep the seeded database")
    return parser.parse_args(argv)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _say(message: str) -> None:
    print(f"bench: {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
