"""The results: one row per page (and one for posting a reply), as a markdown table and as JSON.

"vs bare" is a page's throughput as a percentage of the bare reference page measured in the
same run. Rows are grouped by who asks: a visitor (no cookies; the goal is at least 80 % of the
bare page, which a page cache has to reach) or a logged-in member (at least 40 %). "cache" is the
share of answers the hub served from its page cache (its X-Cache header).
"""

import json
from pathlib import Path

from benchmarks.load import LoadResult, percentile_ms
from benchmarks.reply import ReplyResult

COLUMNS = ("for", "page", "req/s", "p50 ms", "p99 ms", "errors", "vs bare", "goal", "cache", "KB")
GOALS = {"visitor": 80, "member": 40}  # % of the bare page's req/s, from the issue


def page_row(group: str, name: str, result: LoadResult, bare_rps: float | None) -> dict:
    vs_bare = round(100 * result.rps / bare_rps, 1) if bare_rps else None
    goal = GOALS.get(group)
    hits = result.hit_share
    return {
        "group": group,
        "page": name,
        "url": result.path,
        "requests": result.requests,
        "seconds": round(result.seconds, 2),
        "rps": round(result.rps, 1),
        "p50_ms": rounded(result.percentile_ms(50)),
        "p99_ms": rounded(result.percentile_ms(99)),
        "errors": result.errors,
        "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
        "vs_bare_pct": vs_bare,
        "goal_pct": goal,
        "goal_met": None if goal is None or vs_bare is None else vs_bare >= goal,
        "cache_hit_pct": None if hits is None else round(100 * hits, 1),
        "kb": round(result.body_bytes / 1024, 1),
        "client_cpu_pct": round(100 * result.client_cpu / result.seconds, 1),
    }


def reply_row(result: ReplyResult) -> dict:
    if result.route is None:
        return {"group": "write", "page": "reply: not available", "note": result.note}
    latencies = result.latencies
    return {
        "group": "write",
        "page": f"post a reply ({result.via}, one at a time)",
        "url": result.route,
        "requests": len(latencies),
        "rps": round(len(latencies) / sum(latencies), 1) if latencies else None,
        "p50_ms": rounded(percentile_ms(latencies, 50)),
        "p99_ms": rounded(percentile_ms(latencies, 99)),
        "errors": result.errors,
        "created": result.created,
        "note": result.note,
    }


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    for row in rows:
        vs_bare, hits = row.get("vs_bare_pct"), row.get("cache_hit_pct")
        cells = [
            row.get("group", ""),
            row["page"],
            _cell(row.get("rps")),
            _cell(row.get("p50_ms")),
            _cell(row.get("p99_ms")),
            _cell(row.get("errors")),
            "—" if vs_bare is None else f"{vs_bare:.0f} %",
            _goal(row),
            "—" if hits is None else f"{hits:.0f} % hits",
            _cell(row.get("kb")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def goal_summary(rows: list[dict]) -> list[str]:
    """One line per group: how many of its pages meet the goal, and which do not."""
    lines = []
    for group, goal in GOALS.items():
        mine = [row for row in rows if row.get("group") == group]
        if not mine:
            continue
        missed = [row["page"] for row in mine if not row.get("goal_met")]
        met = len(mine) - len(missed)
        line = f"{group} goal (≥ {goal} % of bare): {met} of {len(mine)} pages meet it"
        lines.append(line + (f"; not yet: {', '.join(missed)}" if missed else ""))
    return lines


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _goal(row: dict) -> str:
    if row.get("goal_pct") is None:
        return "—"
    return f"≥ {row['goal_pct']} %: {'met' if row['goal_met'] else 'not yet'}"


def _cell(value) -> str:
    return "—" if value is None else str(value)
