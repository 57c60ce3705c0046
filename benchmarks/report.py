"""The results: one row per page (and one for posting a reply), as a markdown table and as JSON.

"vs bare" is the page's throughput as a percentage of the bare reference page measured in the
same run; the issue's goal for the full topic page is at least 40 %.
"""

import json
from pathlib import Path

from benchmarks.load import LoadResult, percentile_ms
from benchmarks.reply import ReplyResult

COLUMNS = ("page", "req/s", "p50 ms", "p99 ms", "errors", "vs bare", "KB")


def page_row(name: str, result: LoadResult, bare_rps: float | None) -> dict:
    return {
        "page": name,
        "url": result.path,
        "requests": result.requests,
        "seconds": round(result.seconds, 2),
        "rps": round(result.rps, 1),
        "p50_ms": rounded(result.percentile_ms(50)),
        "p99_ms": rounded(result.percentile_ms(99)),
        "errors": result.errors,
        "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
        "vs_bare_pct": round(100 * result.rps / bare_rps, 1) if bare_rps else None,
        "kb": round(result.body_bytes / 1024, 1),
        "client_cpu_pct": round(100 * result.client_cpu / result.seconds, 1),
    }


def reply_row(result: ReplyResult) -> dict:
    if result.route is None:
        return {"page": "reply: not available", "note": result.note}
    latencies = result.latencies
    return {
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
        vs_bare = row.get("vs_bare_pct")
        cells = [
            row["page"],
            _cell(row.get("rps")),
            _cell(row.get("p50_ms")),
            _cell(row.get("p99_ms")),
            _cell(row.get("errors")),
            "—" if vs_bare is None else f"{vs_bare:.0f} %",
            _cell(row.get("kb")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _cell(value) -> str:
    return "—" if value is None else str(value)
