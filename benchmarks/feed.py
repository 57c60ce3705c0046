"""Feed latency (`python -m benchmarks.feed`): a member following 200 people and 20 categories.

Seeds a fresh SQLite instance with bulk inserts (20 categories, 2,000 topics with 5 posts each,
200 member walls with 5 posts each, 50 company posts), then requests `/feed` in-process as that
member and prints p50/p99 latency and the number of SQL statements per request. `run()` is what
`make bench` can call on its own seeded database: it adds walls and follows to whatever is there.
"""

import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, func, insert, select
from werkzeug.security import generate_password_hash

from hub import content
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums.models import Follow, Post, Space, Topic

MEMBER = "feed_reader"
PASSWORD = "correct horse battery staple 42"
FOLLOWED_PEOPLE = 200
FOLLOWED_CATEGORIES = 20
WALL_POSTS_EACH = 5


def _forum(rng: random.Random, now) -> None:
    """A small forum when the database has none: 20 categories, 2,000 topics of 5 posts."""
    if db.session.scalar(select(func.count(Topic.id))):
        return
    html = content.render("A question about the **router**, with details.", hub_origin="")
    db.session.execute(
        insert(Space),
        [
            {"kind": "category", "slug": f"bench-{n}", "name": f"Bench {n}", "position": n}
            for n in range(FOLLOWED_CATEGORIES)
        ],
    )
    spaces = list(db.session.scalars(select(Space.id).where(Space.kind == "category")))
    authors = list(db.session.scalars(select(User.id)))
    topics, posts = [], []
    for n in range(2000):
        when = now - timedelta(minutes=rng.randrange(60 * 24 * 60))
        topics.append(
            {
                "id": n + 1,
                "space_id": rng.choice(spaces),
                "kind": "question",
                "title": f"Bench question number {n}",
                "slug": f"bench-question-{n}",
                "author_id": rng.choice(authors),
                "created_at": when,
                "last_activity_at": when,
                "reply_count": 4,
            }
        )
        for number in range(1, 6):
            posts.append(
                {
                    "topic_id": n + 1,
                    "number": number,
                    "author_id": rng.choice(authors),
                    "raw": "x",
                    "html": html,
                    "created_at": when + timedelta(minutes=number),
                }
            )
    db.session.execute(insert(Topic), topics)
    db.session.execute(insert(Post), posts)


def seed(rng: random.Random | None = None) -> str:
    """Add the feed's reader, 200 followed members with walls, company posts and follows."""
    rng = rng or random.Random(7)
    now = utcnow() - timedelta(minutes=5)
    password = generate_password_hash(PASSWORD, method="scrypt:2048:8:1")
    people = [
        {
            "username": f"wall_person_{n}",
            "username_key": f"wall_person_{n}",
            "email": f"wall_person_{n}@bench.example",
            "email_key": f"wall_person_{n}@bench.example",
            "created_at": now - timedelta(days=90),
        }
        for n in range(FOLLOWED_PEOPLE)
    ]
    people.append(
        {
            "username": MEMBER,
            "username_key": MEMBER,
            "email": f"{MEMBER}@bench.example",
            "email_key": f"{MEMBER}@bench.example",
            "password_hash": password,
            "email_confirmed_at": now - timedelta(days=90),
            "created_at": now - timedelta(days=90),
        }
    )
    db.session.execute(insert(User), people)
    ids = dict(db.session.execute(select(User.username, User.id)).all())
    _forum(rng, now)
    walls = [
        {"kind": "wall", "slug": f"wall-{ids[p['username']]}", "name": p["username"]}
        | {"owner_id": ids[p["username"]]}
        for p in people[:-1]
    ]
    walls.append({"kind": "wall", "slug": "company", "name": "Company", "owner_id": None})
    db.session.execute(insert(Space), walls)
    wall_ids = dict(
        db.session.execute(select(Space.slug, Space.id).where(Space.kind == "wall")).all()
    )
    html = content.render("News from my wall, with a [link](/t/1).", hub_origin="")
    next_topic = (db.session.scalar(select(func.max(Topic.id))) or 0) + 1
    topics, posts = [], []
    authors = [(wall_ids[f"wall-{ids[p['username']]}"], ids[p["username"]]) for p in people[:-1]]
    staff = ids[people[0]["username"]]
    authors += [(wall_ids["company"], staff)] * 10
    for space_id, author_id in authors:
        for _n in range(WALL_POSTS_EACH):
            when = now - timedelta(minutes=rng.randrange(60 * 24 * 30))
            topics.append(
                {
                    "id": next_topic,
                    "space_id": space_id,
                    "kind": "wall",
                    "title": "News from my wall",
                    "author_id": author_id,
                    "created_at": when,
                    "last_activity_at": when,
                }
            )
            posts.append(
                {
                    "topic_id": next_topic,
                    "number": 1,
                    "author_id": author_id,
                    "raw": "News",
                    "html": html,
                    "created_at": when,
                }
            )
            next_topic += 1
    db.session.execute(insert(Topic), topics)
    db.session.execute(insert(Post), posts)
    reader = ids[MEMBER]
    categories = db.session.scalars(
        select(Space.id).where(Space.kind == "category").limit(FOLLOWED_CATEGORIES)
    )
    follows = [
        {"user_id": reader, "kind": "user", "target_id": ids[p["username"]]} for p in people[:-1]
    ]
    follows += [{"user_id": reader, "kind": "space", "target_id": s} for s in categories]
    follows += [{"user_id": reader, "kind": "topic", "target_id": t} for t in range(1, 51)]
    db.session.execute(insert(Follow), follows)
    db.session.commit()
    return MEMBER


def run(app, requests: int = 300) -> dict:
    """Time `/feed` for the seeded reader (first page and one older page)."""
    client = app.test_client()
    response = client.post("/login", data={"login": MEMBER, "password": PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"the feed reader could not log in ({response.status_code})")
    statements: list[str] = []

    def count(*_args) -> None:
        statements.append("")

    with app.app_context():
        engine = db.engine
    timings = []
    event.listen(engine, "before_cursor_execute", count)
    try:
        for _n in range(requests):
            statements.clear()
            started = time.perf_counter()
            page = client.get("/feed")
            timings.append((time.perf_counter() - started) * 1000)
            if page.status_code != 200:
                raise RuntimeError(f"/feed answered {page.status_code}")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    timings.sort()
    return {
        "requests": requests,
        "p50_ms": round(statistics.median(timings), 2),
        "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 2),
        "statements_per_request": len(statements),
    }


def main() -> int:
    from flask_migrate import upgrade

    from hub import create_app

    instance = Path(tempfile.mkdtemp(prefix="nabe-feed-bench-"))
    app = create_app(
        {
            "INSTANCE_PATH": str(instance),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'hub.db'}",
            "SECRET_KEY": "feed-bench-only",
            "WORKER": "off",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,  # the in-process client posts the login form directly
            "BASE_URL": "http://localhost",
        }
    )
    with app.app_context():
        upgrade()
        seed()
    result = run(app)
    print(
        f"feed ({FOLLOWED_PEOPLE} people, {FOLLOWED_CATEGORIES} categories followed): "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{result['statements_per_request']} SQL statements per request"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
