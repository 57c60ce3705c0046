"""One reader process of the chat benchmark: `python -m benchmarks.chat_readers CONFIG_JSON`.

It opens `clients` asyncio python-socketio clients (one event loop, no thread per client, so
the client side stays cheap next to the servers), each joins the room and records every `chat`
event: which message (the `m<n>` in its text) arrived when. A client that loses its connection
reconnects and, like the page does, asks for `history` after the last id it has; what comes
back that way counts as replayed, not as delivered live.

Protocol with the parent on stdin/stdout, one JSON line each: it prints `{"ready": ...}` once
every client has joined; the parent writes `{"finish": seconds, "failed": [numbers]}` after the
last send (a send whose ack said no was not stored, so nobody misses it), or `{"finish":
seconds, "stored": [numbers]}` naming the stored messages itself; the reader then waits until
every client has every stored message or the seconds are up, and prints its counts.

With `addresses` in the config, client n connects from `addresses[n % len]` (loopback
addresses such as 127.0.3.1), so a proxy that routes by client address spreads them out.
A join or history the hub could not answer (busy, server_error) is counted and asked again,
as on the page.
"""

import asyncio
import json
import re
import sys
import time

NS = "/live"
RETRY_SECONDS = 2.0  # chat.js asks again after two seconds
_BODY = re.compile(r"m(\d+) t=([0-9.]+)")


class Reader:
    """One client: message number -> latency (live) and the numbers recovered by replay."""

    def __init__(self, url: str, room: str, address: str | None = None):
        import socketio

        self.url, self.room = url, room
        self.live: dict[int, float] = {}
        self.replayed: set[int] = set()
        self.last_id = 0
        self.last_at = 0.0
        self.connects = 0
        self.disconnects = 0
        self.join_failures = 0  # joins the hub could not answer (asked again, as the page does)
        self.replay_failures = 0  # history calls that failed (asked again, as the page does)
        self.resume_from: int | None = None  # where an unfinished catch-up stood
        self.failure: str | None = None
        self.session = _session_from(address) if address else None
        options = {"http_session": self.session} if self.session else {}
        self.sio = socketio.AsyncClient(reconnection=True, reconnection_delay_max=2, **options)
        self.sio.on("chat", self.on_chat, namespace=NS)
        self.sio.on("connect", self.on_connect, namespace=NS)
        self.sio.on("disconnect", self.on_disconnect, namespace=NS)
        self.joined = asyncio.Event()

    async def on_chat(self, message: dict) -> None:
        now = time.time()
        match = _BODY.search(message.get("html", ""))
        if match:
            number = int(match.group(1))
            self.live.setdefault(number, now - float(match.group(2)))
            self.last_at = now
        self.last_id = max(self.last_id, message.get("id", 0))

    async def on_connect(self) -> None:
        self.connects += 1
        asyncio.get_running_loop().create_task(self._join_and_replay())

    async def on_disconnect(self, *reason) -> None:
        self.disconnects += 1

    async def _join_and_replay(self) -> None:
        """Join, and after a reconnect fetch what was missed, as chat.js does: the cursor is
        taken before joining (live messages arriving meanwhile must not move it past the
        gap), an unfinished catch-up resumes where it stood, and a join or history the hub
        could not answer just now is asked again while the connection lasts."""
        since = self.last_id if self.resume_from is None else min(self.resume_from, self.last_id)
        self.resume_from, sid = since, self.sio.get_sid(NS)
        while not _ok(ack := await self._call("join", {"room": self.room})):
            self.join_failures += 1
            if self.connects == 1 and not _transient(ack):  # the run is pointless otherwise
                self.failure = f"join failed: {ack}"
                self.joined.set()
                return
            if not await self._again(ack, sid):
                return
        if self.connects > 1 and not await self._replay(since, sid):
            return
        self.resume_from = None
        self.joined.set()

    async def _replay(self, since: int, sid: str) -> bool:
        """History after `since`, page by page; False if the connection went first."""
        more = True
        while more:
            ack = await self._call("history", {"room": self.room, "after": since})
            if not _ok(ack):
                self.replay_failures += 1
                if not await self._again(ack, sid):
                    return False
                continue
            for message in ack.get("messages", []):
                match = _BODY.search(message.get("html", ""))
                if match and int(match.group(1)) not in self.live:
                    self.replayed.add(int(match.group(1)))
                since = max(since, message["id"])
                self.last_id = max(self.last_id, message["id"])
            self.resume_from, more = since, bool(ack.get("more"))
        return True

    async def _call(self, event: str, data: dict) -> dict | None:
        try:
            return await self.sio.call(event, data, namespace=NS, timeout=60)
        except Exception:  # the connection dropped, or no answer in time
            return None

    async def _again(self, ack: dict | None, sid: str) -> bool:
        """Whether to ask again (after a pause): a transient refusal on the same connection."""
        if not _transient(ack) or self.sio.get_sid(NS) != sid:
            return False
        await asyncio.sleep(RETRY_SECONDS)
        return self.sio.get_sid(NS) == sid

    def missing(self, stored: set[int], live_only: bool = False) -> int:
        return len(stored - self.live.keys() - (set() if live_only else self.replayed))

    async def connect(self) -> None:
        await self.sio.connect(
            self.url, namespaces=[NS], transports=["websocket"], wait_timeout=60, retry=True
        )
        await asyncio.wait_for(self.joined.wait(), 120)
        if self.failure:
            raise RuntimeError(self.failure)

    async def close(self) -> None:
        await self.sio.disconnect()
        if self.session is not None:
            await self.session.close()


def _ok(ack: dict | None) -> bool:
    return bool(ack and ack.get("ok"))


def _transient(ack: dict | None) -> bool:
    """The hub could not answer just now (busy, a dropped database connection)."""
    return bool(ack) and (ack.get("error") or {}).get("code") in ("busy", "server_error")


def _session_from(address: str):
    """An aiohttp session whose connections leave from `address`."""
    import aiohttp

    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))


async def _connect_all(readers: list[Reader], batch: int = 25) -> None:
    """Connect in small batches: a thousand simultaneous handshakes only measure the backlog."""
    for start in range(0, len(readers), batch):
        await asyncio.gather(*(r.connect() for r in readers[start : start + batch]))


async def _finish(readers: list[Reader], stored: set[int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(r.missing(stored) for r in readers):
        await asyncio.sleep(0.2)


def _counts(readers: list[Reader], stored: set[int]) -> dict:
    latencies = [lat for r in readers for lat in r.live.values()]
    return {
        "latencies": latencies,
        "live": len(latencies),
        "replayed": sum(len(r.replayed - r.live.keys()) for r in readers),
        "missing_live": sum(r.missing(stored, live_only=True) for r in readers),
        "missing_after_replay": sum(r.missing(stored) for r in readers),
        "last_at": max((r.last_at for r in readers), default=0.0),
        "disconnects": sum(r.disconnects for r in readers),
        "clients_disconnected": sum(1 for r in readers if r.disconnects),
        "join_failures": sum(r.join_failures for r in readers),
        "replay_failures": sum(r.replay_failures for r in readers),
        "missing": sorted(n for r in readers for n in stored - r.live.keys() - r.replayed),
    }


async def _main(config: dict) -> None:
    urls, room, messages = config["urls"], config["room"], config.get("messages", 0)
    addresses = config.get("addresses") or [None]
    readers = [
        Reader(urls[n % len(urls)], room, addresses[n % len(addresses)])
        for n in range(config["clients"])
    ]
    await _connect_all(readers)
    print(json.dumps({"ready": len(readers)}), flush=True)
    cpu = time.process_time()
    loop = asyncio.get_running_loop()
    line = await loop.run_in_executor(None, sys.stdin.readline)
    finish = json.loads(line)
    if "stored" in finish:
        stored = set(finish["stored"])
    else:  # failed sends are not stored
        stored = set(range(messages)) - set(finish.get("failed", []))
    await _finish(readers, stored, finish["finish"])
    counts = _counts(readers, stored)
    counts["cpu_s"] = time.process_time() - cpu
    print(json.dumps(counts), flush=True)
    await asyncio.gather(*(r.close() for r in readers), return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(_main(json.loads(sys.argv[1])))
