"""One reader process of the chat benchmark: `python -m benchmarks.chat_readers CONFIG_JSON`.

It opens `clients` asyncio python-socketio clients (one event loop, no thread per client, so
the client side stays cheap next to the servers), each joins the room and records every `chat`
event: which message (the `m<n>` in its text) arrived when. A client that loses its connection
reconnects and, like the page does, asks for `history` after the last id it has; what comes
back that way counts as replayed, not as delivered live.

Protocol with the parent on stdin/stdout, one JSON line each: it prints `{"ready": ...}` once
every client has joined; the parent writes `{"finish": seconds, "failed": [numbers]}` after the
last send (a send whose ack said no was not stored, so nobody misses it); the reader then waits
until every client has every stored message or the seconds are up, and prints its counts.
"""

import asyncio
import json
import re
import sys
import time

NS = "/live"
_BODY = re.compile(r"m(\d+) t=([0-9.]+)")


class Reader:
    """One client: message number -> latency (live) and the numbers recovered by replay."""

    def __init__(self, url: str, room: str):
        import socketio

        self.url, self.room = url, room
        self.live: dict[int, float] = {}
        self.replayed: set[int] = set()
        self.last_id = 0
        self.last_at = 0.0
        self.connects = 0
        self.disconnects = 0
        self.sio = socketio.AsyncClient(reconnection=True, reconnection_delay_max=2)
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
        # The cursor is taken before joining: live messages that arrive between the join and
        # the history answer must not move it past the gap.
        since = self.last_id
        ack = await self.sio.call("join", {"room": self.room}, namespace=NS, timeout=60)
        if not ack or not ack.get("ok"):
            raise RuntimeError(f"join failed: {ack}")
        if self.connects > 1:  # a reconnect: fetch what was missed, as the page does
            await self._replay(since)
        self.joined.set()

    async def _replay(self, since: int) -> None:
        more = True
        while more:
            ack = await self.sio.call(
                "history", {"room": self.room, "after": since}, namespace=NS, timeout=60
            )
            items = ack.get("messages", []) if ack and ack.get("ok") else []
            for message in items:
                match = _BODY.search(message.get("html", ""))
                if match and int(match.group(1)) not in self.live:
                    self.replayed.add(int(match.group(1)))
                since = max(since, message["id"])
                self.last_id = max(self.last_id, message["id"])
            more = bool(ack and ack.get("more"))

    def missing(self, stored: set[int], live_only: bool = False) -> int:
        return len(stored - self.live.keys() - (set() if live_only else self.replayed))

    async def connect(self) -> None:
        await self.sio.connect(
            self.url, namespaces=[NS], transports=["websocket"], wait_timeout=60, retry=True
        )
        await asyncio.wait_for(self.joined.wait(), 120)


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
    }


async def _main(config: dict) -> None:
    urls, room, messages = config["urls"], config["room"], config["messages"]
    readers = [Reader(urls[n % len(urls)], room) for n in range(config["clients"])]
    await _connect_all(readers)
    print(json.dumps({"ready": len(readers)}), flush=True)
    cpu = time.process_time()
    loop = asyncio.get_running_loop()
    line = await loop.run_in_executor(None, sys.stdin.readline)
    finish = json.loads(line)
    stored = set(range(messages)) - set(finish.get("failed", []))  # failed sends are not stored
    await _finish(readers, stored, finish["finish"])
    counts = _counts(readers, stored)
    counts["cpu_s"] = time.process_time() - cpu
    print(json.dumps(counts), flush=True)
    await asyncio.gather(*(r.sio.disconnect() for r in readers), return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(_main(json.loads(sys.argv[1])))
