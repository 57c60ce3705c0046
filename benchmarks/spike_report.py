"""The spike drill's verdict: from what every client recorded, what the database and the fakes
hold, and the servers' logs, the numbers the drill prints and whether the hub held."""

import re
from collections import Counter
from pathlib import Path

from benchmarks.load import percentile_ms

KILL_GRACE = 5.0  # seconds after the killed process answers again that still count as its window
FAULT_TAIL = 10.0  # seconds after a fault in which its 5xx are attributed to it
EXPECTED_PER_SPOKE = {"posts": 1, "replies": 2}  # the known issue; its update and resolution


def build(
    *, args, plan, run, records, team, stored, chat, deliveries, published, upstreams, logs, busy
) -> dict:
    requests = [r for crowd in records for r in crowd.get("requests", [])]
    requests += [[*r, None] for r in team]
    windows = _windows(run)
    result = {
        "args": args,
        "plan": vars(plan),
        "events": {
            name: [round(t - run.started, 1) for t in times] for name, times in run.events.items()
        },
        "errors": _errors(requests, windows, run.started),
        "pages": _pages(requests),
        "writes": _writes(records, stored, windows["kill -9"]),
        "chat": _chat(chat),
        "crossposts": _crossposts(published, deliveries),
        "banner": _banner(requests, run),
        "team": stored["team"],
        "logins": dict(
            Counter(str(login["status"]) for crowd in records for login in crowd.get("logins", []))
        ),
        "memory_mb": {name: round(kb / 1024) for name, kb in sorted(run.memory_peak.items())},
        "upstreams": upstreams,
        "logs": logs,
        "notes": run.notes,
        "machine_busy_pct": round(busy) if busy is not None else None,
        "client_cpu_s": [round(crowd.get("cpu_s", 0), 1) for crowd in records],
    }
    result["checks"] = _checks(result)
    result["passed"] = all(check["ok"] for check in result["checks"])
    return result


# --- errors by window ---------------------------------------------------------------------------


def _windows(run) -> dict[str, tuple[float, float]]:
    kill = run.events.get("kill -9", [0.0, 0.0])
    windows = {"kill -9": (kill[0], kill[-1] + KILL_GRACE)}
    for name in ("pg_terminate_backend", "Redis restart"):
        if name in run.events:
            times = run.events[name]
            windows[name] = (times[0], times[-1] + FAULT_TAIL)
    return windows


def _window_of(began: float, ended: float, windows: dict) -> str:
    """The fault whose window the request overlapped (a request under way when it began
    counts too)."""
    for name, (start, end) in windows.items():
        if began <= end and ended >= start:
            return name
    return "no fault"


def _errors(requests: list, windows: dict, started: float) -> dict:
    """5xx and unanswered requests per window; the first few outside the kill window."""
    by_window: dict[str, Counter] = {}
    examples = []
    for began, kind, status, ms, _banner in requests:
        if status and status < 500:
            continue
        window = _window_of(began, began + ms / 1000, windows)
        by_window.setdefault(window, Counter())["no answer" if not status else str(status)] += 1
        if window != "kill -9" and len(examples) < 10:
            examples.append(f"{began - started:6.1f} s {kind}: {status or 'no answer'} ({window})")
    outside = sum(sum(c.values()) for w, c in by_window.items() if w != "kill -9")
    return {
        "by_window": {w: dict(c) for w, c in by_window.items()},
        "outside_kill_window": outside,
        "in_kill_window": sum(by_window.get("kill -9", Counter()).values()),
        "kill_window_s": round(windows["kill -9"][1] - windows["kill -9"][0], 1),
        "examples": examples,
    }


def _pages(requests: list) -> list[dict]:
    by_kind: dict[str, list] = {}
    for _began, kind, status, ms, _banner in requests:
        by_kind.setdefault(kind, []).append((status, ms))
    rows = []
    for kind in sorted(by_kind):
        answered = [ms / 1000 for status, ms in by_kind[kind] if status]
        rows.append(
            {
                "kind": kind,
                "requests": len(by_kind[kind]),
                "p50_ms": _round(percentile_ms(answered, 50)),
                "p99_ms": _round(percentile_ms(answered, 99)),
                "5xx": sum(1 for status, _ in by_kind[kind] if status >= 500 or not status),
                "statuses": dict(Counter(str(s) for s, _ in by_kind[kind])),
            }
        )
    return rows


# --- writes -------------------------------------------------------------------------------------


def _writes(records: list, stored: dict, kill: tuple[float, float]) -> dict:
    posts = [w for crowd in records for w in crowd.get("writes", [])]
    chats = [c for crowd in records for c in crowd.get("chat", [])]
    markers = {k: v for k, v in stored["markers"].items() if k != "answer"}
    post_check = _compare(posts, "marker", markers, kill)
    chat_check = _compare(chats, "number", stored["chat_numbers"], kill)
    return {
        "posts": post_check,
        "chat": chat_check,
        "accepted": post_check["accepted"] + chat_check["accepted"],
        "stored": post_check["stored"] + chat_check["stored"],
    }


def _compare(writes: list, key: str, stored: Counter, kill: tuple[float, float]) -> dict:
    """Accepted against stored, by the write's own marker; a stored write nobody heard back
    about is excused only when one of its attempts went unanswered inside the kill window."""
    accepted = {w[key] for w in writes if w["outcome"] == "accepted"}
    unanswered = {w[key]: w for w in writes if w["outcome"] != "accepted" and w[key] in stored}
    in_kill = {
        k
        for k, w in unanswered.items()
        if any(kill[0] <= a[0] <= kill[1] and a[1] in (0, "no ack") for a in w["attempts"])
        or any(
            kill[0] <= a[0] <= kill[1] and isinstance(a[1], int) and a[1] >= 500
            for a in w["attempts"]
        )
    }
    return {
        "written": len(writes),
        "accepted": len(accepted),
        "stored": len(stored),
        "lost": sorted(accepted - stored.keys(), key=str)[:20],
        "stored_unanswered_in_kill_window": len(in_kill),
        "stored_unanswered_elsewhere": sorted(set(unanswered) - in_kill, key=str)[:20],
        "duplicates": sorted((k for k, n in stored.items() if n > 1), key=str)[:20],
        "refused": dict(
            Counter(str(w["attempts"][-1][1]) for w in writes if w["outcome"] == "refused")
        ),
        "failed": len([w for w in writes if w["outcome"] == "failed"]),
        "retried": len([w for w in writes if len(w["attempts"]) > 1]),
    }


# --- chat, spokes, banner -----------------------------------------------------------------------


def _chat(results: list[dict]) -> dict:
    latencies = [lat for r in results for lat in r.get("latencies", [])]
    total = lambda key: sum(r.get(key, 0) for r in results)  # noqa: E731
    return {
        "deliveries": len(latencies),
        "p50_ms": _round(percentile_ms(latencies, 50)),
        "p99_ms": _round(percentile_ms(latencies, 99)),
        "lost_live": total("missing_live"),
        "replayed": total("replayed"),
        "lost_after_replay": total("missing_after_replay"),
        "disconnects": total("disconnects"),
        "join_failures": total("join_failures"),
        "replay_failures": total("replay_failures"),
    }


def _crossposts(published: dict, deliveries: list[dict]) -> dict:
    spokes = {}
    for network, items in published.items():
        texts = Counter(item["text"] for item in items)
        roots = [item for item in items if item["reply_to"] is None]
        root_ids = {item["id"] for item in roots}
        replies = [item for item in items if item["reply_to"] is not None]
        spokes[network] = {
            "posts": len(roots),
            "replies": len(replies),
            "replies_in_thread": sum(1 for item in replies if item["reply_to"] in root_ids),
            "duplicates": sum(n - 1 for n in texts.values() if n > 1),
            "deliveries": dict(Counter(d["status"] for d in deliveries if d["network"] == network)),
            "errors": sorted(
                {
                    d["error"][:160]
                    for d in deliveries
                    if d["network"] == network and d["status"] != "delivered"
                }
            ),
        }
    return spokes


def _banner(requests: list, run) -> dict:
    """Seconds from the known issue's post to the first visitor page that showed its banner,
    and from the resolution to the last one that still did."""
    posted = run.events.get("known issue", [None])[0]
    resolved = run.events.get("resolution", [None])[0]
    shown = sorted(began + ms / 1000 for began, _k, _s, ms, banner in requests if banner)
    first = next((t - posted for t in shown if posted and t >= posted), None)
    after = [t - resolved for t in shown if resolved and t >= resolved]
    return {
        "first_seen_s": _round(first, 2),
        "last_seen_after_resolution_s": _round(max(after), 2) if after else 0.0,
    }


# --- checks and the printout --------------------------------------------------------------------


def _checks(result: dict) -> list[dict]:
    writes, chat, errors = result["writes"], result["chat"], result["errors"]
    posts, chats = writes["posts"], writes["chat"]
    unheard = len(posts["stored_unanswered_elsewhere"]) + len(chats["stored_unanswered_elsewhere"])
    lost = len(posts["lost"]) + len(chats["lost"])
    twins = len(posts["duplicates"]) + len(chats["duplicates"])
    spokes = result["crossposts"]
    spokes_ok = all(
        s["posts"] == 1 and s["replies"] == 2 == s["replies_in_thread"] and not s["duplicates"]
        for s in spokes.values()
    )
    team = result["team"]
    team_ok = (
        team["known issues"] == 1 and team["issue updates"] == 2 and team["issue resolved"] == 1
    )
    team_ok = team_ok and team["answer accepted"] == 1 and team["FAQ entry published"] == 1
    return [
        _check(
            "accepted writes = stored",
            f"{writes['accepted']} = {writes['stored']}",
            lost == 0 and unheard == 0 and twins == 0,
            f"lost {lost}, stored unanswered outside the kill window {unheard}, twins {twins}",
        ),
        _check(
            "5xx outside the kill window",
            errors["outside_kill_window"],
            errors["outside_kill_window"] == 0,
            f"in the kill window ({errors['kill_window_s']} s): {errors['in_kill_window']}",
        ),
        _check(
            "chat messages lost after replay",
            chat["lost_after_replay"],
            chat["lost_after_replay"] == 0,
            f"lost live {chat['lost_live']}, replayed {chat['replayed']}, "
            f"disconnects {chat['disconnects']}",
        ),
        _check(
            "cross-posts once per spoke",
            _spoke_line(spokes),
            spokes_ok,
            "1 post and 2 replies in its thread each",
        ),
        _check("team: issue, update, resolution, answer, FAQ", _team_line(team), team_ok, ""),
        _check(
            "first visitor saw the banner after",
            _seconds(result["banner"]["first_seen_s"]),
            result["banner"]["first_seen_s"] is not None,
            "banner still shown "
            f"{_seconds(result['banner']['last_seen_after_resolution_s'])} after the resolution",
        ),
    ]


def _check(name: str, value, ok: bool, detail: str) -> dict:
    return {"check": name, "value": str(value), "ok": ok, "detail": detail}


def _spoke_line(spokes: dict) -> str:
    return ", ".join(
        f"{n} {s['posts']}+{s['replies']}"
        + (f" ({s['duplicates']} twins)" if s["duplicates"] else "")
        for n, s in spokes.items()
    )


def _team_line(team: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in team.items())


def _seconds(value) -> str:
    return "never" if value is None else f"{value:.1f} s"


def text(result: dict) -> str:
    """The tables and notes the drill prints."""
    lines = ["", _row("check", "result", "ok", "detail"), _row("---", "---", "---", "---")]
    for c in result["checks"]:
        lines.append(_row(c["check"], c["value"], "yes" if c["ok"] else "NO", c["detail"]))
    memory = ", ".join(f"{name} {mb} MB" for name, mb in result["memory_mb"].items())
    lines += [_row("worker RSS (peak)", memory, "", ""), ""]
    lines.append(_row("page kind", "requests", "p50 ms", "p99 ms", "5xx or no answer"))
    lines.append(_row("---", "---", "---", "---", "---"))
    for r in result["pages"]:
        lines.append(
            _row(r["kind"], f"{r['requests']:,}", _cell(r["p50_ms"]), _cell(r["p99_ms"]), r["5xx"])
        )
    chat = result["chat"]
    deliveries = f"{chat['deliveries']:,}"
    p50, p99 = _cell(chat["p50_ms"]), _cell(chat["p99_ms"])
    lines += [_row("chat delivery (live)", deliveries, p50, p99, "—"), ""]
    lines += [
        n if n.startswith(("  ", "PASSED", "FAILED")) else f"note: {n}" for n in _notes(result)
    ]
    return "\n".join(lines)


def _row(*cells) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _notes(result: dict) -> list[str]:
    events = ", ".join(f"{k} {v}" for k, v in result["events"].items())
    notes = [f"events (s from the start): {events}"]
    notes.append(f"5xx / no answer by window: {result['errors']['by_window']}")
    notes += [f"  {e}" for e in result["errors"]["examples"]]
    notes += [_writes_note(what, result["writes"][what]) for what in ("posts", "chat")]
    chat = result["chat"]
    notes.append(f"chat readers asked again: {chat['join_failures']} joins, ")
    notes[-1] += f"{chat['replay_failures']} history calls"
    for network, spoke in result["crossposts"].items():
        errors = f", errors {spoke['errors']}" if spoke["errors"] else ""
        notes.append(f"{network}: deliveries {spoke['deliveries']}{errors}")
    notes.append(f"logins through the form: {result['logins']}")
    notes.append(f"requests per app process: {result['upstreams']}")
    notes += [f"log: {line}" for line in result["logs"]]
    notes += result["notes"]
    if result["machine_busy_pct"] is not None:
        notes.append(f"machine busy before the load: {result['machine_busy_pct']} % (other work)")
    notes.append(f"client CPU s (visitors, members): {result['client_cpu_s']}")
    notes.append(f"run folder: {result.get('run_dir', '')}")
    notes.append("PASSED" if result["passed"] else "FAILED")
    return notes


def _writes_note(what: str, w: dict) -> str:
    note = (
        f"{what}: written {w['written']}, accepted {w['accepted']}, stored {w['stored']}, "
        f"refused {w['refused']}, failed {w['failed']}, retried {w['retried']}, "
        f"stored but unanswered in the kill window {w['stored_unanswered_in_kill_window']}"
    )
    for key, label in (
        ("lost", "lost"),
        ("stored_unanswered_elsewhere", "stored but unanswered elsewhere"),
        ("duplicates", "twins"),
    ):
        if w[key]:
            note += f", {label} {w[key]}"
    return note


def _cell(value) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _round(value, digits: int = 1):
    return None if value is None else round(value, digits)


# --- the servers' logs --------------------------------------------------------------------------

_LOGGED_ERROR = re.compile(r"\b(ERROR|CRITICAL)\b (\S+): (.{0,140})")


def log_errors(run_dir: Path) -> list[str]:
    """Distinct exceptions and ERROR lines in the hub processes' logs, with counts."""
    found: Counter = Counter()
    for log in sorted(run_dir.glob("*.log")):
        if log.name in ("error.log", "access.log", "redis.log"):
            continue
        lines = log.read_text(errors="replace").splitlines()
        for n, line in enumerate(lines):
            if line.startswith("Traceback"):
                found[f"{log.stem}: {_exception_after(lines, n)}"] += 1
            elif match := _LOGGED_ERROR.search(line):
                message = re.sub(r"\d+", "N", match.group(3))
                found[f"{log.stem}: {match.group(1)} {match.group(2)}: {message}"] += 1
    return [f"{count} × {what}" for what, count in found.most_common(15)]


def _exception_after(lines: list[str], start: int) -> str:
    for line in lines[start + 1 :]:
        if line and not line.startswith((" ", "Traceback", "During handling", "The above")):
            return line[:200]
    return "(traceback cut off)"
