"""Forum pages issue a constant number of SQL statements, whatever the number of posts and voters.

Statements are counted on the engine (`before_cursor_execute`), so lazy loads in templates,
permission checks and the login lookup all count.
"""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from hub.core.extensions import db
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")

# A logged-in reader: session with its user, topic with its space, posts, pinned, votes, tags,
# follow, the FAQ link, the team badges (on a page with a team member's name), and the
# navigation's bell, chat unread count, known-issue banner and the footer's legal links (one
# each; with the page cache on, the banner and the links are kept between writes).
LIMIT = 13


@contextmanager
def counting():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def statements_for(client, path: str) -> list[str]:
    with counting() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return statements


def writes(statements: list[str]) -> list[str]:
    return [
        s for s in statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def build_topic(category, replies: int, voters: list):
    """A question with `replies` replies by several people, each reply up-voted by every voter,
    one reply accepted and one team reply official; some replies edited."""
    asker, expert = make_user(), make_user(role="expert")
    topic = make_topic(asker, category, title=f"A question with {replies} replies", body="Why?")
    authors = [make_user() for _ in range(5)]
    posts = []
    for n in range(replies):
        author = expert if n == 1 else authors[n % len(authors)]
        posts.append(make_reply(topic, author, f"Answer {n} with **some** text."))
    for post in posts:
        for voter in voters:
            answers.vote(voter, post.id)
    answers.accept_answer(asker, posts[0].id)
    answers.mark_official(expert, posts[1].id)
    forums.edit_post(posts[2].author, posts[2].id, "Edited answer.", reason="typo")
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    forums.edit_post(asker, opening.id, "Why, really?")
    return topic


@pytest.fixture
def reader(client, login):
    """A member who voted on some posts of both topics (so the 'voted' lookup has hits)."""
    return login(make_user("reader"))


def test_topic_page_is_constant_in_posts_and_voters(client, reader):
    category = make_category("router")
    voters = [make_user() for _ in range(8)]
    small = build_topic(category, 5, [*voters[:1], reader])
    large = build_topic(category, 60, [*voters, reader])
    path = "/t/{}-{}".format

    small_first = statements_for(client, path(small.id, small.slug))
    large_first = statements_for(client, path(large.id, large.slug))
    large_second = statements_for(client, path(large.id, large.slug) + "?page=2")
    large_third = statements_for(client, path(large.id, large.slug) + "?page=3")

    print(
        "topic page statements:",
        {"5 replies": len(small_first), "60 replies p1": len(large_first)},
        {"60 replies p2": len(large_second), "60 replies p3": len(large_third)},
    )
    assert len(small_first) == len(large_first)
    # Pages after the first show no pinned answers, and here no team member's name (whose
    # badge is looked up), so they skip those two queries.
    assert len(large_second) == len(large_third) == len(large_first) - 2
    assert len(large_first) <= LIMIT
    assert writes(small_first + large_first + large_third) == []


def test_topic_page_for_a_visitor_is_constant_too(client):
    category = make_category("router")
    voters = [make_user() for _ in range(4)]
    small = build_topic(category, 5, voters[:1])
    large = build_topic(category, 45, voters)
    first = statements_for(client, f"/t/{small.id}-{small.slug}")
    second = statements_for(client, f"/t/{large.id}-{large.slug}")
    print("visitor topic page statements:", len(first), len(second))
    assert len(first) == len(second) <= LIMIT - 2  # no login, no votes, no follow lookup


def test_category_page_is_constant_in_topics(client, reader):
    small_space, large_space = make_category("small"), make_category("large")
    people = [make_user(role="expert" if n == 0 else "member") for n in range(6)]
    for n in range(5):
        topic = make_topic(people[n % 6], small_space, title=f"Small topic number {n}")
        make_reply(topic, people[(n + 1) % 6])
    for n in range(40):
        topic = forums.create_topic(
            people[n % 6],
            large_space.slug,
            "question",
            f"Large topic {n}",
            "Body",
            ["tag", f"t{n}"],
        )
        make_reply(topic, people[(n + 1) % 6])

    small = statements_for(client, "/c/small")
    large = statements_for(client, "/c/large")
    large_second = statements_for(client, "/c/large?page=2")
    print("category page statements:", len(small), len(large), len(large_second))
    assert len(small) == len(large) == len(large_second) <= LIMIT
    assert writes(small + large) == []


def test_home_and_lists_are_constant(client):
    space = make_category("router")
    people = [make_user() for _ in range(3)]
    make_topic(people[0], space)
    few = statements_for(client, "/")
    few_latest = statements_for(client, "/latest")
    for n in range(35):
        make_topic(people[n % 3], space, title=f"Another topic {n}")
    many = statements_for(client, "/")
    many_latest = statements_for(client, "/latest")
    print("home / latest statements:", len(few), len(many), len(few_latest), len(many_latest))
    assert len(few) == len(many) <= LIMIT
    assert len(few_latest) == len(many_latest) <= LIMIT
