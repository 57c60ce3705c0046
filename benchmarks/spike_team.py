"""The spike drill's team and its view of the truth: the fake spokes it posts to, the team's
actions through the hub (API and logged-in forms, through nginx like everyone else), and what
the database and the fakes hold at the end."""

import json
import re
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass

from sqlalchemy import create_engine, text

from benchmarks.reply import Browser, csrf_token
from tests.fakes.facebook import FakeFacebook
from tests.fakes.mastodon import FakeMastodon
from tests.fakes.x import FakeX

ATTEMPTS = 3
ISSUE_TEXT = (
    "**Known issue:** DSL lines in the north of the city are down since 9:00. "
    "We are on it and post updates here."
)
ANSWER_TEXT = (
    "It is the outage on the company wall: a line card in the exchange failed. "
    "Nothing to do on your router; the line syncs again once it is replaced. [drill answer]"
)
DRILL_MARK = re.compile(r"\[drill (\w+)\]")
CHAT_NUMBER = re.compile(r"m(\d+) t=")


@dataclass
class Fakes:
    mastodon: FakeMastodon
    x: FakeX
    facebook: FakeFacebook


def start_fakes(cleanup: ExitStack) -> Fakes:
    """The three fake networks, serving until `cleanup` closes."""
    return Fakes(
        mastodon=cleanup.enter_context(FakeMastodon(token="mastodon-token")),
        x=cleanup.enter_context(FakeX()),
        facebook=cleanup.enter_context(FakeFacebook()),
    )


def spoke_settings(fakes: Fakes) -> dict:
    """Where the fakes listen and the tokens they accept, for connecting the accounts."""
    x = fakes.x
    return {
        "mastodon": {"url": fakes.mastodon.url, "token": fakes.mastodon.token},
        "x": {
            "access_token": x.access_token,
            "client_id": x.client_id,
            "client_secret": x.client_secret,
            "refresh_token": x.refresh_token,
        },
        "facebook": {"token": fakes.facebook.page_token, "page_id": fakes.facebook.page_id},
    }


def published(fakes: Fakes) -> dict[str, list[dict]]:
    return {name: getattr(fakes, name).published() for name in ("mastodon", "x", "facebook")}


class Team:
    """The lead (announces, updates, publishes the FAQ entry in a logged-in browser) and the
    expert who answers; every request is recorded like the crowd's."""

    def __init__(self, url: str, community, address: str):
        port = int(url.rsplit(":", 1)[1])
        self.browser = Browser(port, source=address)
        self.api = Browser(port, source=address)
        self.community = community
        self.lead, self.answerer = community.team[0], community.team[1]
        self.records: list[list] = []
        self.issue: dict | None = None

    def send(self, kind: str, method: str, path: str, *, browser=None, **options):
        """One request with retries on 5xx and no answer, as a person would press again."""
        browser = browser or self.api
        for _ in range(ATTEMPTS):
            began = time.time()
            try:
                status, body = browser.send(method, path, **options)
            except OSError:
                status, body = 0, ""
            self.records.append([began, kind, status, round((time.time() - began) * 1000, 1)])
            if 0 < status < 500:
                return status, body
            time.sleep(2)
        return status, body

    def _token(self, person) -> dict:
        return {"headers": {"Authorization": f"Bearer {person.token}"}}

    def log_in(self) -> None:
        _, page = self.send("team: login page", "GET", "/login", browser=self.browser)
        form = {
            "login": self.lead.username,
            "password": self.community.password,
            "csrf_token": csrf_token(page),
        }
        status, _ = self.send("team: log in", "POST", "/login", browser=self.browser, form=form)
        if status != 302:
            raise RuntimeError(f"the team lead could not log in: HTTP {status}")

    def post_known_issue(self) -> dict:
        body = {"body": ISSUE_TEXT, "known_issue": True}
        status, answer = self.send(
            "team: known issue",
            "POST",
            "/api/v1/walls/company/posts",
            body=body,
            **self._token(self.lead),
        )
        if status != 201:
            raise RuntimeError(f"the known issue was refused: HTTP {status} {answer[:300]}")
        topic_id = json.loads(answer)["id"]
        self.issue = {"id": topic_id, "path": f"/w/{topic_id}", "accepted_at": time.time()}
        return self.issue

    def update(self, text_: str, *, resolve: bool = False) -> int:
        """An update under the known issue, through the form on its page."""
        path = self.issue["path"]
        _, page = self.send("team: known issue page", "GET", path, browser=self.browser)
        form = {"issue-csrf_token": csrf_token(page, "issue-csrf_token"), "issue-body": text_}
        if resolve:
            form["issue-resolve"] = "y"
        kind = "team: resolution" if resolve else "team: update"
        status, _ = self.send(kind, "POST", f"{path}/issue", browser=self.browser, form=form)
        return status

    def answer_accept_and_promote(self) -> None:
        """An expert answers the hot question; the lead accepts it, promotes and publishes it."""
        hot = self.community.hot_question["id"]
        status, answer = self.send(
            "team: answer",
            "POST",
            f"/api/v1/topics/{hot}/posts",
            body={"body": ANSWER_TEXT},
            **self._token(self.answerer),
        )
        if status != 201:
            return
        post_id = json.loads(answer)["id"]
        self.send(
            "team: accept", "POST", f"/api/v1/posts/{post_id}/accept", **self._token(self.lead)
        )
        status, entry = self.send(
            "team: promote to FAQ", "POST", f"/api/v1/topics/{hot}/faq", **self._token(self.lead)
        )
        if status != 201:
            return
        entry_id = json.loads(entry)["id"]
        _, page = self.send(
            "team: FAQ editor", "GET", f"/faq/{entry_id}/edit", browser=self.browser
        )
        form = {"csrf_token": csrf_token(page)}
        self.send(
            "team: publish FAQ", "POST", f"/faq/{entry_id}/publish", browser=self.browser, form=form
        )


def wait_for_outbox(stack, seconds: float) -> list[dict]:
    """Until no cross-post is pending or retrying (or `seconds` are up); the deliveries."""
    engine = create_engine(stack.database_url)
    deadline = time.monotonic() + seconds
    try:
        while True:
            with engine.connect() as conn:
                rows = [
                    dict(row._mapping)
                    for row in conn.execute(
                        text(
                            "SELECT a.network, d.reason, d.status, d.error, d.parent_id "
                            "FROM crosspost_deliveries d "
                            "JOIN spoke_accounts a ON a.id = d.account_id ORDER BY d.id"
                        )
                    )
                ]
            open_ = [r for r in rows if r["status"] not in ("delivered", "dead")]
            if not open_ or time.monotonic() > deadline:
                return rows
            time.sleep(1.0)
    finally:
        engine.dispose()


def stored(stack, community) -> dict:
    """What the database holds: every drill marker in posts (counted), the chat room's
    message numbers (counted), and the team's results."""
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            raws = conn.execute(text("SELECT raw FROM posts WHERE raw LIKE '%[drill %'")).scalars()
            markers = Counter(m for raw in raws for m in DRILL_MARK.findall(raw))
            chats = conn.execute(
                text(
                    "SELECT m.raw FROM chat_messages m JOIN chat_rooms r ON r.id = m.room_id "
                    "WHERE r.slug = :slug"
                ),
                {"slug": community.room},
            ).scalars()
            numbers = Counter(int(n) for raw in chats for n in CHAT_NUMBER.findall(raw))
            team = _team_results(conn, community.hot_question["id"])
    finally:
        engine.dispose()
    return {"markers": markers, "chat_numbers": numbers, "team": team}


def _team_results(conn, hot: int) -> dict:
    one = lambda sql, **values: conn.execute(text(sql), values).scalar()  # noqa: E731
    return {
        "known issues": one("SELECT count(*) FROM wall_posts WHERE issue_status IS NOT NULL"),
        "issue updates": one("SELECT count(*) FROM wall_issue_updates"),
        "issue resolved": one("SELECT count(*) FROM wall_posts WHERE issue_status = 'resolved'"),
        "answer accepted": one(
            "SELECT count(*) FROM topics WHERE id = :hot AND accepted_post_id IS NOT NULL", hot=hot
        ),
        "FAQ entry published": one(
            "SELECT count(*) FROM faq_entries "
            "WHERE source_topic_id = :hot AND status = 'published'",
            hot=hot,
        ),
    }
