"""The spike drill: `python -m benchmarks.spike [--members 200] [--readers 500] [--visitors 24]
[--seconds 180]` (in `make bench`). An outage plays on the production shape, with faults.

The shape (`spike_stack.py`): two hub processes (`gunicorn -k gevent`, one worker each)
behind nginx with sticky sessions, PostgreSQL, Redis, the PostgreSQL search backend, a
separate job worker, and the fake Mastodon, X and Facebook servers of the tests.

The story, over `--seconds` (times are shares of the run):
- 3 %: an expert posts a known issue on the company wall; it goes to every spoke.
- visitors hammer the home page, the hot question, the known issue and a search;
- 5-85 %: every member replies to the hot question and comments on the known issue (some
  through the HTML forms after logging in, most through the API), chatters and the team
  write in the outage room while `--readers` visitors read it live;
- 15 %: the team posts an update (a reply under the issue on every spoke);
- 65 %: an expert answers the hot question, it is accepted and promoted to the FAQ;
- 80 %: the resolution goes out (the banner goes away, "Resolved" on every spoke).

The faults: from the start X answers 429 (reset 5 % of the run away) and then 503 for 15 %;
at 25 % one app process is killed with SIGKILL (the drill starts it again after 2 s); at
40 % every PostgreSQL connection of the drill's database is terminated; at 55 % the drill's
Redis restarts.

It prints: writes accepted against writes stored (equal), 5xx answers outside the kill
window (0), p50/p99 per page kind, chat messages lost after replay (0), cross-posts per
spoke (each exactly once), the time until the first visitor saw the known-issue banner, and
the resident memory of the app and job workers. Logs and a JSON of everything stay in the
run folder it names.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import chat_cases, spike_report, spike_seed, spike_stack, spike_team
from benchmarks.load import machine_busy

ROOT = Path(__file__).resolve().parent.parent
KILLED = 1  # the app process that is killed
RESTART_AFTER = 2.0  # seconds the killed process stays down
CHAT_BASE = 10_000  # chat message numbers: writer * CHAT_BASE + n


@dataclass(frozen=True)
class Plan:
    """When each step happens, in seconds from the start of the load."""

    seconds: float
    issue: float
    update: float
    kill: float
    terminate: float
    redis: float
    redis_down: float
    answer: float
    resolve: float
    writes: tuple[float, float]
    x_reset: float
    x_outage: float

    @classmethod
    def over(cls, seconds: float) -> "Plan":
        s = seconds
        return cls(
            seconds=s,
            issue=max(2.0, 0.03 * s),
            update=0.15 * s,
            kill=0.25 * s,
            terminate=0.40 * s,
            redis=0.55 * s,
            redis_down=min(5.0, max(1.0, 0.02 * s)),
            answer=0.65 * s,
            resolve=0.80 * s,
            writes=(0.05 * s, 0.85 * s),
            x_reset=max(1.0, 0.05 * s),
            x_outage=max(2.0, 0.15 * s),
        )


@dataclass
class Run:
    """What happened when: fault windows and team actions, as wall-clock times."""

    started: float = 0.0
    events: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    memory_peak: dict[str, int] = field(default_factory=dict)

    def mark(self, name: str, *times: float) -> None:
        self.events[name] = list(times) or [time.time()]


def address(n: int) -> str:
    """A loopback address per person; ip_hash routes by the first three octets, so they vary."""
    return f"127.{1 + n // 250}.{1 + n % 250}.1"


def arguments(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.spike", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--members", type=int, default=200, help="members who write (200)")
    parser.add_argument("--readers", type=int, default=500, help="chat readers in the room (500)")
    parser.add_argument("--visitors", type=int, default=24, help="visitors loading pages (24)")
    parser.add_argument("--seconds", type=float, default=180, help="length of the load (180)")
    parser.add_argument("--chatters", type=int, default=20, help="members who chat (20)")
    parser.add_argument("--chat-rate", type=float, default=1.0, help="messages per second (1)")
    parser.add_argument("--form-share", type=float, default=0.25, help="members using forms")
    parser.add_argument("--drain", type=float, default=300, help="longest wait for the outbox")
    parser.add_argument("--seed", type=int, default=20_260_101, help="random seed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    result = drill(args)
    print(spike_report.text(result), flush=True)
    return 0 if result["passed"] else 1


def drill(args) -> dict:
    """Run the whole drill; returns the report's numbers (also written to the run folder)."""
    run_dir = Path(tempfile.mkdtemp(prefix="nabe-spike-"))
    os.chmod(run_dir, 0o755)  # nginx's workers read and write under it
    _say(f"run folder {run_dir}")
    plan, run = Plan.over(args.seconds), Run()
    with ExitStack() as cleanup:
        fakes = spike_team.start_fakes(cleanup)
        extra = {"HUB_SPOKE_X_API": fakes.x.url, "HUB_SPOKE_FACEBOOK_API": fakes.facebook.url}
        stack = spike_stack.Stack(run_dir, extra)
        cleanup.callback(stack.stop)
        stack.start_services(f"nabe_spike_{os.getpid()}")
        community = _seed(stack, args, fakes)
        stack.start_hub()
        _say(f"hub behind nginx at {stack.url}; readers joining")
        busy = machine_busy()
        readers = _start_readers(stack, community, args.readers)
        cleanup.callback(_kill_all, readers)
        team = spike_team.Team(stack.url, community, address(40_000))
        team.log_in()
        sampler = _sample_memory(stack, run)
        crowds = _start_crowds(stack, community, plan, args)
        cleanup.callback(_kill_all, crowds)
        _say(f"load for {args.seconds:.0f} s: {args.visitors} visitors, {args.members} members")
        _play(plan, run, stack, team, fakes, crowds)
        records = _stop_crowds(crowds)
        _say("load over; waiting for the outbox and the chat readers")
        deliveries = spike_team.wait_for_outbox(stack, args.drain)
        stored = spike_team.stored(stack, community)
        chat = chat_cases.collect(readers, 60, stored=sorted(stored["chat_numbers"]))
        sampler.set()
        result = spike_report.build(
            args=vars(args),
            plan=plan,
            run=run,
            records=records,
            team=team.records,
            stored=stored,
            chat=chat,
            deliveries=deliveries,
            published=spike_team.published(fakes),
            upstreams=stack.nginx.requests_per_upstream(),
            logs=spike_report.log_errors(run_dir),
            busy=busy,
        )
        (run_dir / "spike.json").write_text(json.dumps(result, indent=1, default=str))
        raw = {"crowds": records, "team": team.records, "readers": chat, "events": run.events}
        (run_dir / "records.json").write_text(json.dumps(raw, default=str))
        result["run_dir"] = str(run_dir)
        return result


def _seed(stack, args, fakes):
    """The community, seeded by a process of its own with the hub's settings."""
    _say("seeding")
    config = {"members": args.members, "spokes": spike_team.spoke_settings(fakes)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.spike_seed", json.dumps(config)],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise spike_stack.StackError(f"seeding failed:\n{done.stderr[-3000:]}")
    community = spike_seed.Community.from_json(done.stdout.strip().splitlines()[-1])
    _say(", ".join(f"{v:,} {k}" for k, v in community.counts.items()))
    return community


def _start_readers(stack, community, readers: int) -> list[subprocess.Popen]:
    if not readers:
        return []
    addresses = [address(20_000 + n) for n in range(readers)]
    room = community.room
    return chat_cases.start_readers([stack.url], readers, room, 0, addresses)


def _start_crowds(stack, community, plan: Plan, args) -> list[subprocess.Popen]:
    """The visitors' process and the members' process, told when everything happens."""
    start = time.time() + 1.0
    rng = random.Random(args.seed)
    paths = {"hot": community.hot_question["path"], "search": "/search?q=internet+down"}
    visitors = {
        "role": "visitors",
        "url": stack.url,
        "paths": paths,
        "seed": args.seed,
        "addresses": [address(n) for n in range(args.visitors)],
    }
    members = {
        "role": "members",
        "url": stack.url,
        "hot": community.hot_question,
        "room": community.room,
        "password": community.password,
        "members": _member_plans(community, plan, start, rng, args.form_share),
        "chatters": _chat_plans(community, plan, start, rng, args),
    }
    return [_crowd(visitors), _crowd(members)]


def _member_plans(community, plan: Plan, start: float, rng, form_share: float) -> list[dict]:
    first, last = plan.writes
    plans = []
    for n, person in enumerate(community.members):
        plans.append(
            {
                "username": person.username,
                "token": person.token,
                "address": address(10_000 + n),
                "form": rng.random() < form_share,
                "login_at": start + rng.uniform(0, first),
                "reply_at": start + rng.uniform(first, last),
                "comment_at": start + rng.uniform(max(first, plan.issue + 2), last),
                "reply_marker": f"r{n}",
                "comment_marker": f"c{n}",
            }
        )
    return plans


def _chat_plans(community, plan: Plan, start: float, rng, args) -> list[dict]:
    """Chatters share `chat_rate` messages a second; the team's chat expert is one of them."""
    writers = [*community.members[: args.chatters], community.team[2]]
    first, last = plan.writes
    total = int(args.chat_rate * (last - first)) if args.readers else 0
    moments = sorted(start + rng.uniform(first, last) for _ in range(total))
    plans = [
        {"username": p.username, "token": p.token, "address": address(30_000 + w), "messages": []}
        for w, p in enumerate(writers)
    ]
    for k, moment in enumerate(moments):
        w = k % len(plans)
        plans[w]["messages"].append([w * CHAT_BASE + len(plans[w]["messages"]), moment])
    return plans


def _crowd(config: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.spike_crowd", json.dumps(config)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _tell(crowds: list[subprocess.Popen], command: dict) -> None:
    for crowd in crowds:
        crowd.stdin.write(json.dumps(command) + "\n")
        crowd.stdin.flush()


def _play(plan: Plan, run: Run, stack, team, fakes, crowds) -> None:
    """The story and the faults, in order of time."""
    run.started = start = time.time() + 1.0
    steps = [
        (plan.issue, False, lambda: _announce(run, team, crowds, fakes.x, plan)),
        (plan.update, False, lambda: team.update("Engineers are on site; a fix is being tested.")),
        (plan.kill, True, lambda: _kill(run, stack)),
        (plan.terminate, True, lambda: _terminate(run, stack)),
        (plan.redis, True, lambda: _restart_redis(run, stack, plan.redis_down)),
        (plan.answer, False, lambda: _answer(run, team)),
        (plan.resolve, False, lambda: _resolve(run, team)),
    ]
    calm = 0.0  # a fault waits until the last one's window is over, so each is told apart
    for offset, fault, step in steps:
        time.sleep(max(0.0, start + offset - time.time(), calm - time.time() if fault else 0.0))
        step()
        if fault:
            calm = time.time() + spike_report.FAULT_TAIL
    time.sleep(max(0.0, start + plan.seconds - time.time()))


def _announce(run: Run, team, crowds, x, plan: Plan) -> None:
    """The known issue goes out; X meets it with a 429 (its reset counts from now), then 503."""
    x.rate_limit_next(reset_in=plan.x_reset)
    x.fail_for("5xx", seconds=plan.x_outage)
    issue = team.post_known_issue()
    run.mark("known issue", issue["accepted_at"])
    _tell(crowds, {"known_issue": {"id": issue["id"], "path": issue["path"]}})
    _say(f"known issue {issue['path']} posted")


def _kill(run: Run, stack) -> None:
    began = time.time()
    stack.kill_app(KILLED)
    time.sleep(RESTART_AFTER)
    stack.restart_app(KILLED)
    run.mark("kill -9", began, time.time())
    _say(f"app{KILLED} killed and back after {time.time() - began:.1f} s")


def _terminate(run: Run, stack) -> None:
    ended = stack.terminate_database_connections()
    run.mark("pg_terminate_backend")
    run.notes.append(f"pg_terminate_backend ended {ended} connections")
    _say(f"terminated {ended} PostgreSQL connections")


def _restart_redis(run: Run, stack, down: float) -> None:
    began = time.time()
    stack.redis.restart(down)
    run.mark("Redis restart", began, time.time())
    _say(f"Redis down for {down:.0f} s and back")


def _answer(run: Run, team) -> None:
    team.answer_accept_and_promote()
    run.mark("answer accepted and in the FAQ")


def _resolve(run: Run, team) -> None:
    team.update("Resolved: the line card is replaced, all lines are in sync again.", resolve=True)
    run.mark("resolution")


def _stop_crowds(crowds: list[subprocess.Popen]) -> list[dict]:
    _tell(crowds, {"stop": True})
    records = []
    for crowd in crowds:
        line = crowd.stdout.readline()
        records.append(json.loads(line) if line else {"error": "the crowd process died"})
        crowd.wait(timeout=60)
    return records


def _sample_memory(stack, run: Run) -> threading.Event:
    """Every two seconds, the resident memory of each worker; the peaks go into `run`."""
    done = threading.Event()

    def sample() -> None:
        while not done.wait(2.0):
            for name, kb in stack.memory().items():
                run.memory_peak[name] = max(run.memory_peak.get(name, 0), kb)

    threading.Thread(target=sample, daemon=True).start()
    return done


def _kill_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.kill()


def _say(message: str) -> None:
    print(f"spike: {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
