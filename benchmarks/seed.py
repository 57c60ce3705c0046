"""Fill a freshly migrated database with a realistic forum in seconds.

Rows go in with SQLAlchemy Core bulk inserts (lists of dicts, in chunks, one transaction), not
through the services: those render Markdown for every post, which would take minutes for
100,000 posts. Here each distinct body is rendered once with `hub.content.render` and shared.
Everything derives from one seeded random generator, so every run measures the same forum.

What is seeded: users (a few experts, moderators and one admin), categories, topics with
contiguous post numbers, reply counts, last activity, expert replies, official and accepted
answers, scores with matching votes rows, and a follow for everyone who posted in a topic (so
posting a reply fans out to realistic numbers of followers).
"""

import random
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, insert, text, update
from werkzeug.security import generate_password_hash

from benchmarks import corpus
from benchmarks.shape import Shape, post_times, topic_sizes, topic_starts
from hub import content
from hub.accounts.models import Role, User
from hub.core.columns import utcnow
from hub.core.text import slugify
from hub.forums.models import Follow, Post, Space, Topic, TopicKind, Vote

MEMBER = "bench_member"  # the account the reply benchmark logs in with
PASSWORD = "correct horse battery staple 42"
CHUNK = 10_000


@dataclass
class Seeded:
    counts: dict[str, int]
    seconds: float
    category_slug: str
    long_topic: dict  # id, slug, reply_count of the longest topic


def seed(engine, shape: Shape | None = None, seed: int = 20_260_101, log=print) -> Seeded:
    started = time.perf_counter()
    shape = shape or Shape()
    rng = random.Random(seed)
    end = utcnow() - timedelta(hours=1)
    users = _users(rng, shape, end)
    spaces = _spaces(end)
    topics, posts, follows = _topics_and_posts(rng, shape, users, end)
    experts = {u["id"] for u in users if u["role"] in (Role.EXPERT, Role.ADMIN)}
    accepted = _answers(rng, topics, posts, experts)
    votes = _votes(rng, shape, posts, end)
    log(f"  planned {len(posts):,} posts in {len(topics):,} topics; inserting")
    tables = [
        (User, users),
        (Space, spaces),
        (Topic, topics),
        (Post, posts),
        (Vote, votes),
        (Follow, follows),
    ]
    with engine.begin() as conn:
        for model, rows in tables:
            for i in range(0, len(rows), CHUNK):
                conn.execute(insert(model.__table__), rows[i : i + CHUNK])
            log(f"  {model.__tablename__}: {len(rows):,} rows")
        if accepted:
            table = Topic.__table__
            stmt = update(table).where(table.c.id == bindparam("tid"))
            conn.execute(stmt.values(accepted_post_id=bindparam("pid")), accepted)
        _advance_sequences(conn, [model for model, rows in tables if rows and "id" in rows[0]])
    longest = max(topics, key=lambda t: t["reply_count"])
    counts = {
        "users": len(users),
        "categories": len(spaces),
        "topics": len(topics),
        "posts": len(posts),
        "votes": len(votes),
        "follows": len(follows),
        "accepted": len(accepted),
        "long topics (500+ posts)": sum(1 for t in topics if t["reply_count"] >= 499),
    }
    return Seeded(
        counts=counts,
        seconds=time.perf_counter() - started,
        category_slug=spaces[0]["slug"],
        long_topic={k: longest[k] for k in ("id", "slug", "reply_count")},
    )


def _advance_sequences(conn, models) -> None:
    """PostgreSQL hands out ids from a sequence that explicit ids do not move: set it past
    them, so the hub's own inserts after the seed do not collide (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )


def _users(rng: random.Random, shape: Shape, end) -> list[dict]:
    password_hash = generate_password_hash(PASSWORD, method="scrypt")  # once: scrypt is slow
    rows = []
    for i in range(1, shape.users + 1):
        first, last = rng.choice(corpus.FIRST), rng.choice(corpus.LAST)
        if i == 1:
            role = Role.ADMIN
        elif i <= 1 + shape.experts:
            role = Role.EXPERT
        elif i <= 3 + shape.experts:
            role = Role.MODERATOR
        else:
            role = Role.MEMBER
        username = MEMBER if i == shape.users else f"{first.lower()}_{last.lower()}_{i}"
        rows.append(
            {
                "id": i,
                "username": username,
                "username_key": username.lower(),
                "email": f"{username}@example.com",
                "email_key": f"{username}@example.com",
                "email_confirmed_at": end - timedelta(days=shape.days),
                "password_hash": password_hash,
                "display_name": f"{first} {last}",
                "role": role.value,
                "locale": "en",
                "bio": "",
                "created_at": end - timedelta(days=shape.days + 1),
                "suspended_until": None,
                "suspended_reason": "",
                "silenced_until": None,
            }
        )
    return rows


def _spaces(end) -> list[dict]:
    return [
        {
            "id": i,
            "kind": "category",
            "slug": slug,
            "name": name,
            "description": description,
            "position": i,
            "is_private": False,
            "owner_id": None,
            "created_at": end - timedelta(days=800),
        }
        for i, (slug, name, description) in enumerate(corpus.CATEGORIES, start=1)
    ]


class _Authors:
    """Who writes: members with a skewed activity (a few regulars write much), and experts."""

    def __init__(self, rng: random.Random, users: list[dict]):
        self.rng = rng
        self.experts = [u["id"] for u in users if u["role"] in (Role.EXPERT, Role.ADMIN)]
        self.members = [u["id"] for u in users if u["role"] == Role.MEMBER]
        rng.shuffle(self.members)
        self.weights = [1 / (rank + 1) ** 0.7 for rank in range(len(self.members))]

    def member(self) -> int:
        return self.rng.choices(self.members, self.weights)[0]

    def reply(self, kind: str) -> int:
        expert_share = 0.06 if kind == TopicKind.QUESTION else 0.02
        return self.rng.choice(self.experts) if self.rng.random() < expert_share else self.member()


def _topics_and_posts(rng: random.Random, shape: Shape, users: list[dict], end):
    """Topics, and their posts sorted by time across all topics (ids follow time)."""
    pool = [(raw, content.render(raw, hub_origin="http://127.0.0.1")) for raw in corpus.BODIES]
    authors = _Authors(rng, users)
    categories = len(corpus.CATEGORIES)
    starts = topic_starts(rng, shape, end)
    topics, timeline, follows = [], [], set()
    for i, ((size, is_long), start) in enumerate(zip(topic_sizes(rng, shape), starts, strict=True)):
        topic_id = i + 1
        kind = TopicKind.QUESTION if rng.random() < 0.7 else TopicKind.DISCUSSION
        opener = authors.member()
        title = corpus.title(rng)
        times = post_times(rng, start, size, is_long, end)
        writers = [opener] + [authors.reply(kind) for _ in range(size - 1)]
        for number, (when, author) in enumerate(zip(times, writers, strict=True), start=1):
            timeline.append((when, topic_id, number, author))
            follows.add((author, topic_id))
        topics.append(
            {
                "id": topic_id,
                "space_id": rng.randint(1, categories),
                "kind": kind.value,
                "title": title,
                "slug": slugify(title),
                "author_id": opener,
                "created_at": start,
                "last_activity_at": times[-1],
                "reply_count": size - 1,
                "accepted_post_id": None,
                "is_locked": False,
                "has_expert_reply": any(w in authors.experts for w in writers[1:]),
                "view_count": size * rng.randint(3, 30),
            }
        )
    timeline.sort()
    posts = []
    for post_id, (when, topic_id, number, author) in enumerate(timeline, start=1):
        raw, html = rng.choice(pool)
        edited = when + timedelta(minutes=30) if rng.random() < 0.03 else None
        posts.append(
            {
                "id": post_id,
                "topic_id": topic_id,
                "number": number,
                "author_id": author,
                "raw": raw,
                "html": html,
                "created_at": when,
                "edited_at": edited if edited and edited < end else None,
                "is_official": False,
                "official_by_id": None,
                "official_at": None,
                "score": 0,
                "hidden_at": None,
                "hidden_reason": "",
            }
        )
    follow_rows = [
        {"user_id": u, "kind": "topic", "target_id": t, "created_at": end}
        for u, t in sorted(follows)
    ]
    return topics, posts, follow_rows


def _answers(rng: random.Random, topics: list[dict], posts: list[dict], experts) -> list[dict]:
    """Mark the first expert reply official in some questions; accept an answer in others."""
    replies_by_topic: dict[int, list[dict]] = {}
    for post in posts:
        if post["number"] > 1:
            replies_by_topic.setdefault(post["topic_id"], []).append(post)
    accepted = []
    for topic in topics:
        replies = replies_by_topic.get(topic["id"], [])
        if topic["kind"] != TopicKind.QUESTION or not replies:
            continue
        official = None
        if topic["has_expert_reply"] and rng.random() < 0.6:
            official = next(p for p in replies if p["author_id"] in experts)
            official.update(
                is_official=True,
                official_by_id=official["author_id"],
                official_at=official["created_at"] + timedelta(minutes=5),
            )
        if rng.random() < 0.4:
            answer = official if official and rng.random() < 0.5 else rng.choice(replies)
            accepted.append({"tid": topic["id"], "pid": answer["id"]})
    return accepted


def _votes(rng: random.Random, shape: Shape, posts: list[dict], end) -> list[dict]:
    """Up-votes on about one reply in eight, never by the author; `score` kept in step."""
    rows = []
    for post in posts:
        if post["number"] == 1 or rng.random() >= 0.12:
            continue
        wanted = rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 9))
        candidates = rng.sample(range(1, shape.users + 1), wanted + 1)
        voters = [u for u in candidates if u != post["author_id"]][:wanted]
        post["score"] = len(voters)
        for user_id in voters:
            when = post["created_at"] + timedelta(hours=rng.uniform(0.1, 72))
            rows.append({"post_id": post["id"], "user_id": user_id, "created_at": min(when, end)})
    return rows
