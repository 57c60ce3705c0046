"""The spike drill's community: a forum seeded in bulk (`seed.py`, `seed_pages.py`), the team
and the members with API tokens, a hot question, the outage chat room, and the company's
spoke accounts on the fake Mastodon, X and Facebook servers.

`python -m benchmarks.spike_seed CONFIG_JSON` runs it in a process of its own, with the hub's
HUB_* settings in its environment, before any hub process starts (so the drill's own process,
which may be a test run, never builds an app on the drill's database); it prints the plain
values the clients need (names, tokens, ids, paths) as one JSON line.
"""

import json
import sys
from dataclasses import asdict, dataclass, field

from flask import Flask
from sqlalchemy import select

from benchmarks import corpus, seed, seed_pages
from benchmarks.shape import Shape
from hub.accounts import tokens
from hub.accounts.models import ApiToken, Role, User
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.forums import service as forums
from hub.moderation import guard

ROOM = "outage"
EXPERTS = 3  # the team: one announces and updates, one answers, one chats
CATEGORY = corpus.CATEGORIES[0][0]
HOT_TITLE = "Internet down since this morning: DSL light blinking, router says no sync"
HOT_BODY = (
    "Since about 9:00 my line is down. The DSL light blinks, the router shows *no sync*. "
    "I restarted it twice. Is this an outage or my line?"
)


@dataclass
class Person:
    username: str
    token: str


@dataclass
class Community:
    members: list[Person]
    team: list[Person]
    hot_question: dict  # id, path
    room: str = ROOM
    password: str = seed.PASSWORD
    counts: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, line: str) -> "Community":
        data = json.loads(line)
        data["members"] = [Person(**p) for p in data["members"]]
        data["team"] = [Person(**p) for p in data["team"]]
        return cls(**data)


def shape(members: int) -> Shape:
    """A forum of a few thousand posts: enough for real pages, quick to seed."""
    return Shape(
        users=members + EXPERTS + 3,  # + the admin and two moderators
        experts=EXPERTS,
        topics=300,
        posts=8_000,
        long_topics=4,
        long_min=300,
        long_max=600,
        short_max=150,
    )


def prepare(app: Flask, members: int, spokes: dict) -> Community:
    """Migrate, seed, and add what the drill needs; `spokes` says where the fakes listen."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        seeded = seed.seed(db.engine, shape(members), log=lambda message: None)
        with guard.bypassed():
            pages = seed_pages.seed_pages()
            admin = db.session.get(User, 1)
            _connect_spokes(admin, spokes)
            from hub.chat import service as chat

            chat.create_room(admin, ROOM, "Outage help", "Ask the team while the line is down.")
            team = _people(Role.EXPERT, EXPERTS)
            people = _people(Role.MEMBER, members)
            asker = db.session.scalar(select(User).where(User.username == people[-1].username))
            hot = forums.create_topic(asker, CATEGORY, "question", HOT_TITLE, HOT_BODY)
            hot_question = {"id": hot.id, "path": f"/t/{hot.id}-{hot.slug}"}
        db.engine.dispose()  # the hub processes get the connections
    counts = {**seeded.counts, **pages}
    return Community(people, team, hot_question, counts=counts)


def _connect_spokes(admin: User, spokes: dict) -> None:
    """The company's three accounts, as an admin connects them (tokens the fakes accept)."""
    mastodon, x, facebook = spokes["mastodon"], spokes["x"], spokes["facebook"]
    crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", mastodon["token"], instance_url=mastodon["url"]
    )
    crosspost.connect_account(
        admin,
        "x",
        "@nabe_hub",
        x["access_token"],
        client_id=x["client_id"],
        client_secret=x["client_secret"],
        refresh_token=x["refresh_token"],
    )
    crosspost.connect_account(
        admin, "facebook", "Nabe page", facebook["token"], page_id=facebook["page_id"]
    )


def _people(role: Role, n: int) -> list[Person]:
    """The first `n` users of a role, each with a fresh API token (one commit for all)."""
    users = list(
        db.session.scalars(select(User).where(User.role == role.value).order_by(User.id).limit(n))
    )
    if len(users) < n:
        raise RuntimeError(f"the seed made {len(users)} users of role {role.value}, not {n}")
    people = []
    for user in users:
        token, token_hash = tokens.new_token()
        db.session.add(ApiToken(user_id=user.id, token_hash=token_hash))
        people.append(Person(user.username, token))
    db.session.commit()
    return people


def main(config: dict) -> None:
    from hub import create_app

    community = prepare(create_app(), config["members"], config["spokes"])
    print(json.dumps(asdict(community)), flush=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
