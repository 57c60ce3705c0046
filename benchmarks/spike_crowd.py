"""One crowd process of the spike drill: `python -m benchmarks.spike_crowd CONFIG_JSON`.

Visitors (`role: visitors`) load pages back to back: the home page, the hot question, the
known issue once it exists, and a search. Members (`role: members`) write at the times the
drill planned for each of them: a reply to the hot question and a comment under the known
issue, through the JSON API with their token or through the HTML forms after logging in; the
chatters among them, and the team's chat expert, send chat messages over Socket.IO (each with
a key of its own, kept when it is sent again, as the chat page does). Everyone
runs as asyncio tasks in one event loop (cheap next to the servers), each person with a
connection from a loopback address of their own, so nginx's `ip_hash` spreads them.

A write that fails with a 5xx or a dropped connection is sent again after its Retry-After
(2 s without one), up to three times, the text and its write key unchanged (the form's
hidden `write_key`, or an `Idempotency-Key` header): what a person does when the form kept
the text, so a write whose answer was lost is stored once. Every answer is recorded with its
time, so the drill can tell the fault windows apart.

Protocol on stdin/stdout, one JSON line each: the drill writes `{"known_issue": {"id", "path"}}`
when the issue is out and `{"stop": true}` when the load is over; the process prints its
records once every task has finished.
"""

import asyncio
import contextlib
import json
import random
import re
import sys
import time

from benchmarks.reply import csrf_token

NS = "/live"
ATTEMPTS = 3
RETRY_SECONDS = 2.0  # when a failed answer names no Retry-After
TRANSIENT = ("server_error", "busy", "no ack")  # chat acks worth sending again
TIMEOUT = 60
_POST_NUMBER = re.compile(r"#post-(\d+)")


class Crowd:
    def __init__(self, config: dict):
        self.config = config
        self.url = config["url"]
        self.requests: list[list] = []  # [time, kind, status (0: no answer), ms, banner]
        self.writes: list[dict] = []
        self.logins: list[dict] = []
        self.chat: list[dict] = []
        self.known_issue: dict | None = None
        self.issue_out = asyncio.Event()
        self.stopping = asyncio.Event()

    # --- HTTP ---------------------------------------------------------------------------

    def session(self, address: str):
        import aiohttp

        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(address, 0), limit=4),
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the hub's host is an IP address
            timeout=aiohttp.ClientTimeout(total=TIMEOUT),
        )

    async def send(self, http, kind: str, method: str, path: str, **options):
        """One request, recorded; returns (status, body text, headers); status 0: no answer."""
        began = time.time()
        try:
            async with http.request(
                method, self.url + path, allow_redirects=False, **options
            ) as response:
                body = await response.text()
                status, headers = response.status, response.headers
        except Exception:  # refused, reset or timed out: the person saw no answer
            status, body, headers = 0, "", {}
        banner = None
        if kind.startswith("visitor") and status == 200:
            banner = "data-known-issues" in body
        self.requests.append([began, kind, status, round((time.time() - began) * 1000, 1), banner])
        return status, body, headers

    # --- visitors -----------------------------------------------------------------------

    async def visitor(self, address: str, rng: random.Random) -> None:
        """Pages back to back until the load is over, as a crowd refreshing during an outage."""
        paths = self.config["paths"]
        async with self.session(address) as http:
            while not self.stopping.is_set():
                kind, path = self._pick(rng, paths)
                await self.send(http, kind, "GET", path)

    def _pick(self, rng: random.Random, paths: dict) -> tuple[str, str]:
        choices = [
            ("visitor: home", "/", 3),
            ("visitor: hot question", paths["hot"], 3),
            ("visitor: search", paths["search"], 1),
        ]
        if self.known_issue:
            choices.append(("visitor: known issue", self.known_issue["path"], 4))
        kinds, weights = zip(*[((k, p), w) for k, p, w in choices], strict=True)
        return rng.choices(kinds, weights)[0]

    # --- members ------------------------------------------------------------------------

    async def member(self, person: dict) -> None:
        """Log in (form members), then write at the planned times."""
        async with self.session(person["address"]) as http:
            if person["form"]:
                await self._at(person["login_at"])
                if not await self._log_in(http, person):
                    person["form"] = False  # no session: the member writes through the API
            await self._at(person["reply_at"])
            await self._reply(http, person)
            await self.issue_out.wait()
            await self._at(person["comment_at"])
            await self._comment(http, person)

    async def _at(self, moment: float) -> None:
        await asyncio.sleep(max(0.0, moment - time.time()))

    async def _log_in(self, http, person: dict) -> bool:
        status, page, _ = await self.send(http, "member: login page", "GET", "/login")
        form = {
            "login": person["username"],
            "password": self.config["password"],
            "csrf_token": csrf_token(page) or "",
        }
        status, _, _ = await self.send(http, "member: log in", "POST", "/login", data=form)
        self.logins.append({"username": person["username"], "status": status})
        return status in (302, 303)

    async def _reply(self, http, person: dict) -> None:
        hot = self.config["hot"]
        body = _text("Same here, the DSL light keeps blinking.", person["reply_marker"])
        if person["form"]:
            page_path, post_path = hot["path"], f"/t/{hot['id']}/reply"
            await self._form_write(http, person, "reply", page_path, post_path, body)
        else:
            api_path = f"/api/v1/topics/{hot['id']}/posts"
            await self.send(
                http, "api: topic", "GET", f"/api/v1/topics/{hot['id']}", **_auth(person)
            )
            await self._api_write(http, person, "reply", api_path, body)

    async def _comment(self, http, person: dict) -> None:
        issue = self.known_issue
        body = _text("Affected here too, in the north of the city.", person["comment_marker"])
        if person["form"]:
            post_path = f"/w/{issue['id']}/comments"
            await self._form_write(http, person, "comment", issue["path"], post_path, body)
        else:
            api_path = f"/api/v1/walls/posts/{issue['id']}/comments"
            await self._api_write(http, person, "comment", api_path, body)

    async def _api_write(self, http, person: dict, what: str, path: str, body: str) -> None:
        key = {"Idempotency-Key": f"drill-{_marker(body)}"}  # the same on every attempt

        async def attempt():
            status, text, headers = await self.send(
                http, f"api: {what}", "POST", path, json={"body": body}, **_auth(person, key)
            )
            created = _json(text).get("id") if status == 201 else None
            return status, created, headers

        await self._write(person, what, "api", body, attempt)

    async def _form_write(self, http, person, what: str, page: str, path: str, body: str) -> None:
        status, html, _ = await self.send(http, f"member: {what} page", "GET", page)
        fields = {"body": body}
        for name in ("csrf_token", "write_key"):  # both sent back unchanged on every attempt
            fields[name] = (csrf_token(html, name) if status == 200 else None) or ""

        async def attempt():
            status, _, headers = await self.send(http, f"form: {what}", "POST", path, data=fields)
            found = _POST_NUMBER.search(headers.get("Location", "")) if status == 302 else None
            return status, (int(found.group(1)) if found else None), headers

        await self._write(person, what, "form", body, attempt)

    async def _write(self, person: dict, what: str, via: str, body: str, attempt) -> None:
        """Send until accepted, refused (4xx) or out of attempts; record the outcome."""
        marker = _marker(body)
        record = {"marker": marker, "kind": what, "via": via, "attempts": [], "outcome": "failed"}
        self.writes.append(record)
        for _ in range(ATTEMPTS):
            status, created, headers = await attempt()
            record["attempts"].append([time.time(), status])
            if 200 <= status < 400 and (created is not None or via == "form"):
                record.update(outcome="accepted", created=created)
                return
            if 400 <= status < 500:
                record["outcome"] = "refused"
                return
            await asyncio.sleep(_retry_after(headers))

    # --- chat ---------------------------------------------------------------------------

    async def chatter(self, person: dict) -> None:
        """Connect with the token, join the room, send at the planned times."""
        import socketio

        async with self.session(person["address"]) as http:
            sio = socketio.AsyncClient(
                reconnection=True, reconnection_delay_max=2, http_session=http
            )

            async def joined_again():  # a handler must not wait for an ack itself
                asyncio.get_running_loop().create_task(self._join(sio))

            sio.on("connect", joined_again, namespace=NS)
            await sio.connect(
                f"{self.url}?token={person['token']}",
                namespaces=[NS],
                transports=["websocket"],
                wait_timeout=60,
                retry=True,
            )
            try:
                for number, moment in person["messages"]:
                    await self._at(moment)
                    await self._say(sio, number)
            finally:
                await sio.disconnect()

    async def _join(self, sio) -> None:
        with contextlib.suppress(Exception):  # the next connect joins again
            await sio.call("join", {"room": self.config["room"]}, namespace=NS, timeout=30)

    async def _say(self, sio, number: int) -> None:
        record = {"number": number, "attempts": [], "outcome": "failed"}
        self.chat.append(record)
        text = f"Still down here: m{number} t={time.time():.6f}"  # sent again unchanged
        message = {"room": self.config["room"], "body": text, "key": f"drill-m{number}"}
        for _ in range(ATTEMPTS):
            began = time.time()
            try:
                ack = await sio.call("chat", message, namespace=NS, timeout=30)
            except Exception as error:  # not connected, or no ack in time
                ack = {"ok": False, "error": {"code": type(error).__name__, "transient": True}}
            error = (ack or {}).get("error") or {}
            code = "ok" if ack and ack.get("ok") else error.get("code", "no ack")
            record["attempts"].append([began, code, round((time.time() - began) * 1000, 1)])
            if code == "ok":
                record.update(outcome="accepted", id=ack["message"]["id"])
                return
            if not (error.get("transient") or code in TRANSIENT):
                record["outcome"] = "refused"  # the service said no (muted, too fast, ...)
                return
            await asyncio.sleep(RETRY_SECONDS)

    # --- the run ------------------------------------------------------------------------

    async def commands(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                self.stopping.set()
                return
            command = json.loads(line)
            if "known_issue" in command:
                self.known_issue = command["known_issue"]
                self.issue_out.set()
            if command.get("stop"):
                self.stopping.set()
                self.issue_out.set()  # members still waiting for it give up their comment
                return

    async def run(self) -> None:
        asyncio.get_running_loop().create_task(self.commands())
        config, tasks = self.config, []
        if config["role"] == "visitors":
            rng = random.Random(config.get("seed", 1))
            for address in config["addresses"]:
                tasks.append(self.visitor(address, random.Random(rng.random())))
        else:
            tasks += [self._until_stopped(self.member(p)) for p in config["members"]]
            tasks += [self._until_stopped(self.chatter(p)) for p in config["chatters"]]
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _until_stopped(self, work) -> None:
        """A member's plan, cut short when the drill stops the load."""
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(self.stopping.wait())
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        if not task.done():
            await asyncio.wait({task}, timeout=TIMEOUT)  # a write under way gets its answer
            task.cancel()
        stop.cancel()


def _text(sentence: str, marker: str) -> str:
    return f"{sentence} [drill {marker}]"


def _marker(body: str) -> str:
    return body.rsplit("[drill ", 1)[1].rstrip("]")


def _auth(person: dict, more: dict | None = None) -> dict:
    return {"headers": {"Authorization": f"Bearer {person['token']}", **(more or {})}}


def _json(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _retry_after(headers) -> float:
    value = (headers or {}).get("Retry-After", "")
    return float(value) if value.isdigit() else RETRY_SECONDS


async def _main(config: dict) -> None:
    crowd = Crowd(config)
    cpu = time.process_time()
    await crowd.run()
    records = {
        "requests": crowd.requests,
        "writes": crowd.writes,
        "logins": crowd.logins,
        "chat": crowd.chat,
        "cpu_s": time.process_time() - cpu,
    }
    print(json.dumps(records), flush=True)


if __name__ == "__main__":
    asyncio.run(_main(json.loads(sys.argv[1])))
