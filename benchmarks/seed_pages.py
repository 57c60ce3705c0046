"""FAQ entries and company wall posts for the benchmark, written through the services.

They are few (a support FAQ and a few weeks of team news), so the services' Markdown rendering
costs a second or two, and the rows are exactly what the hub writes itself. Runs inside an app
context after `seed.seed`, with the same seeded random generator for every run.
"""

import random

from sqlalchemy import text

from benchmarks import corpus
from hub.accounts.models import Role, User
from hub.core.extensions import db
from hub.faq import service as faq
from hub.moderation import guard
from hub.walls import service as walls

FAQ_PER_CATEGORY = 5
WALL_POSTS = 24
COMMENTS_MAX = 6  # comments under one wall post: 0 to this many


def seed_pages(seed: int = 20_260_101) -> dict[str, int]:
    """Write the FAQ and the company wall; returns how many rows of each."""
    rng = random.Random(seed)
    experts = _users(Role.EXPERT)
    members = _users(Role.MEMBER)
    counts = {"FAQ entries": 0, "wall posts": 0, "wall comments": 0}
    if db.engine.dialect.name == "sqlite":  # a seed needs no fsync per commit (~4x faster)
        db.session.execute(text("PRAGMA synchronous = OFF"))
    with guard.bypassed():  # one script writes weeks of posts
        for slug, _name, _description in corpus.CATEGORIES:
            for _ in range(FAQ_PER_CATEGORY):
                question = f"{corpus.title(rng).rstrip('?')}: what can I do?"
                faq.create_entry(rng.choice(experts), slug, question, rng.choice(corpus.BODIES))
                counts["FAQ entries"] += 1
        for n in range(WALL_POSTS):
            body = f"{rng.choice(corpus.BODIES)}\n\n(Team news {n + 1})"
            topic = walls.create_wall_post(rng.choice(experts), "company", body)
            counts["wall posts"] += 1
            for c in range(rng.randint(0, COMMENTS_MAX)):
                said = f"{rng.choice(corpus.BODIES)}\n\n(Comment {n + 1}.{c + 1})"
                author, fan = rng.sample(members, 2)  # nobody likes their own comment
                comment = walls.create_comment(author, topic.id, said)
                walls.like(fan, comment.id)
                counts["wall comments"] += 1
    return counts


def _users(role: Role) -> list[User]:
    return list(db.session.scalars(db.select(User).where(User.role == role.value)))
