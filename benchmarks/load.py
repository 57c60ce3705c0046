"""A small, bounded HTTP load generator: N connections, each sending GETs back to back.

Why not wrk: nothing to install, and the numbers come back as Python objects. Each of
`connections` threads keeps one `http.client` connection and sends the next request as soon
as the last answer is read, for a fixed number of seconds; every latency is recorded. A
connection the server closes (gunicorn's sync workers close after every response, so with them
there is no keep-alive) is reopened, and the reconnect counts in the latency, as it would for
wrk. Traffic goes to 127.0.0.1 only.

The generator shares the machine's cores with the server, so its own CPU time is reported: on
two cores a busy client takes a little from the server, more so for the faster pages.
"""

import http.client
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

HOST = "127.0.0.1"
TIMEOUT = 60


@dataclass
class LoadResult:
    path: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, every answered request
    statuses: Counter = field(default_factory=Counter)
    failures: int = 0  # connection errors and timeouts
    body_bytes: int = 0  # size of the last 200 answer
    client_cpu: float = 0.0  # CPU seconds the generator used
    cache: Counter = field(default_factory=Counter)  # X-Cache answers: hit, miss, pass

    @property
    def hit_share(self) -> float | None:
        """Share of answers served from the page cache (0–1); None if the app never said."""
        said = sum(self.cache.values())
        return self.cache["hit"] / said if said else None

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return self.failures + sum(n for status, n in self.statuses.items() if status != 200)

    @property
    def rps(self) -> float:  # successful (200) answers per second
        return self.statuses[200] / self.seconds if self.seconds else 0.0

    def percentile_ms(self, p: float) -> float | None:
        return percentile_ms(self.latencies, p)

    def add(self, other: "LoadResult") -> "LoadResult":
        """This result and another round of the same page, as one."""
        self.seconds += other.seconds
        self.latencies.extend(other.latencies)
        self.statuses.update(other.statuses)
        self.failures += other.failures
        self.body_bytes = max(self.body_bytes, other.body_bytes)
        self.client_cpu += other.client_cpu
        self.cache.update(other.cache)
        return self


def percentile_ms(latencies: list[float], p: float) -> float | None:
    """The nearest-rank percentile of latencies in seconds, in milliseconds."""
    if not latencies:
        return None
    ordered = sorted(latencies)
    rank = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[rank] * 1000


def machine_busy(seconds: float = 1.0) -> float | None:
    """Share of all CPU time the machine spent busy over `seconds` (Linux), 0–100.

    Taken while our servers idle, it shows other work on the machine that competes with them.
    """
    try:
        before = _cpu_times()
        time.sleep(seconds)
        after = _cpu_times()
    except OSError:
        return None
    total = sum(after) - sum(before)
    idle = (after[3] + after[4]) - (before[3] + before[4])  # idle and iowait
    return 100 * (total - idle) / total if total else None


def _cpu_times() -> list[int]:
    with open("/proc/stat") as stat:
        return [int(v) for v in stat.readline().split()[1:]]


def run(
    port: int, path: str, *, seconds: float, connections: int, cookies: dict | None = None
) -> LoadResult:
    """Load `path` for `seconds` with `connections` concurrent connections, sending `cookies`
    (a logged-in member's session) with every request."""
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    result = LoadResult(path, seconds)
    lock = threading.Lock()
    cpu_before = time.process_time()
    start_at = time.perf_counter() + 0.1  # let every thread get ready first
    deadline = start_at + seconds
    threads = [
        threading.Thread(
            target=_connection,
            args=(port, path, headers, start_at, deadline, result, lock),
            daemon=True,
        )
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Requests under way at the deadline still finish; count the time they took.
    result.seconds = time.perf_counter() - start_at
    result.client_cpu = time.process_time() - cpu_before
    return result


def _connection(port, path, headers, start_at, deadline, result: LoadResult, lock) -> None:
    latencies, statuses, cache, failures, size = [], Counter(), Counter(), 0, 0
    conn = None
    time.sleep(max(0.0, start_at - time.perf_counter()))
    while time.perf_counter() < deadline:
        if conn is None:
            conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            failures += 1
            conn.close()
            conn = None
            time.sleep(0.01)  # a refusing server must not turn this into a busy loop
            continue
        latencies.append(time.perf_counter() - began)
        statuses[response.status] += 1
        cache[response.getheader("X-Cache")] += 1
        if response.status == 200:
            size = len(body)
        if response.will_close:
            conn.close()
            conn = None
    if conn is not None:
        conn.close()
    with lock:
        result.latencies.extend(latencies)
        result.statuses.update(statuses)
        result.cache.update({k: n for k, n in cache.items() if k})
        result.failures += failures
        result.body_bytes = max(result.body_bytes, size)
