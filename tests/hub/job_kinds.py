"""Job kinds for the worker-process tests; the worker processes import this module.

Each handler appends a line to the file named in its payload (O_APPEND writes of one short line
do not interleave between processes), so the test can count executions afterwards.
"""

import os
import time
from pathlib import Path

from hub.outbox import jobs

HOLD_LIMIT_SECONDS = 60  # a held job gives up waiting eventually, so no process hangs forever


def _append(path: str, line: str) -> None:
    with open(path, "a") as file:
        file.write(f"{line}\n")


@jobs.handler("test.record")
def record(payload: dict) -> None:
    """Write `<n> <pid>` after a short pause (so two workers really overlap)."""
    time.sleep(payload.get("seconds", 0))
    _append(payload["path"], f"{payload['n']} {os.getpid()}")


@jobs.handler("test.hold")
def hold(payload: dict) -> None:
    """Write `started <pid>`, wait while `payload["hold"]` exists, then `finished <pid>`."""
    _append(payload["path"], f"started {os.getpid()}")
    deadline = time.monotonic() + HOLD_LIMIT_SECONDS
    while Path(payload["hold"]).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    _append(payload["path"], f"finished {os.getpid()}")
