"""The lists' rows (`lists.list_rows`) are the topics `queries.list_topics` finds, in the same
order, for every kind of viewer, filter, category and page."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.forums import answers, lists
from hub.forums import queries as forum_queries
from hub.forums import service as forums
from hub.forums.models import Post
from hub.moderation import post_actions
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def forum():
    """Public and private categories; a solved question, a hidden one, team-answered ones."""
    asker, expert = make_user("asker"), make_user(role="expert")
    moderator = make_user(role="moderator")
    public, private = make_category("router"), make_category("staff", private=True)
    for n in range(7):
        topic = make_topic(asker if n % 2 else make_user(), public, title=f"Question {n}")
        reply = make_reply(topic, expert if n % 3 == 0 else make_user())
        if n == 2:
            answers.accept_answer(topic.author, reply.id)
    make_topic(expert, private, title="Team only")
    forums.create_topic(asker, "router", "discussion", "Tagged", "Which mesh?", ["wifi", "mesh"])
    hidden = make_topic(asker, public, title="Hidden question")
    opening = db.session.scalar(select(Post).where(Post.topic_id == hidden.id, Post.number == 1))
    post_actions.hide_post(moderator, opening.id, "Spam")
    return public, asker, expert, moderator


@pytest.mark.parametrize("who", ["visitor", "asker", "expert", "moderator"])
@pytest.mark.parametrize("filter_name", forum_queries.LIST_FILTERS)
def test_rows_are_the_topics_of_the_list(forum, who, filter_name):
    public, asker, expert, moderator = forum
    viewer = {"visitor": None, "asker": asker, "expert": expert, "moderator": moderator}[who]
    for space in (None, public):
        for page in (1, 2, 3):
            options = {"space": space, "filter_name": filter_name, "page": page, "per_page": 3}
            topics = forum_queries.list_topics(viewer, **options)
            rows = lists.list_rows(viewer, **options)
            assert [r.id for r in rows.items] == [t.id for t in topics.items]
            assert rows.total == topics.total
            for row, topic in zip(rows.items, topics.items, strict=True):
                assert row.author.name == topic.author.name and row.is_solved == topic.is_solved
                assert [t.name for t in row.tags] == [t.name for t in topic.tags]
