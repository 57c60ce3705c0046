"""Topic rows in the lists keep what every viewer sees alike by revision: whatever changes a
topic or its author shows in the very next list, and "active … ago" stays live."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from hub.accounts import service as accounts
from hub.core.extensions import db
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def row(client, topic, path: str = "/latest") -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(rf'<li class="topic-row">(?:(?!</li>).)*?/t/{topic.id}-.*?</li>', html, re.S)
    assert match, f"no row for topic {topic.id} on {path}"
    return match.group(0)


@pytest.fixture
def topic():
    asker = make_user("asker")
    return make_topic(asker, make_category("router"), title="Why does it blink?")


def test_a_reply_a_vote_and_an_accepted_answer_show_at_once(client, topic):
    assert "<strong>0</strong> replies" in row(client, topic)
    reply = make_reply(topic, make_user("helper"), "Unplug it for ten seconds.")
    assert "<strong>1</strong> reply" in row(client, topic, "/c/router")
    answers.vote(make_user(), reply.id)
    assert "<strong>1</strong> vote" in row(client, topic)
    assert "badge-solved" not in row(client, topic)
    answers.accept_answer(topic.author, reply.id)
    assert "badge-solved" in row(client, topic) and "badge-solved" in row(client, topic, "/")


def test_a_new_title_and_a_renamed_author_show_at_once(client, topic):
    assert "Why does it blink?" in row(client, topic)
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    forums.edit_post(topic.author, opening.id, "It blinks red.", title="Why does it blink red?")
    assert "Why does it blink red?" in row(client, topic)
    accounts.update_profile(topic.author, "Asker Anna", "")
    assert "Asker Anna" in row(client, topic)


def test_the_time_since_the_last_activity_follows_it(client, topic):
    assert "active <time" in row(client, topic) and "hours ago" not in row(client, topic)
    topic.last_activity_at -= timedelta(hours=3)
    db.session.commit()
    assert "3 hours ago" in row(client, topic)


def test_the_topic_page_and_its_row_show_the_tags_by_name(client):
    asker = make_user("asker")
    make_category("router")
    body = "Which mesh system works in an old house with thick walls?"
    title, tags = "Which mesh system?", "wifi, mesh"
    topic = forums.create_topic(asker, "router", "question", title, body, tags)
    page = client.get(f"/t/{topic.id}-{topic.slug}").get_data(as_text=True)
    assert re.findall(r'class="tag">(\w+)<', page) == ["mesh", "wifi"]
    listed = client.get("/latest").get_data(as_text=True)  # the only topic listed
    assert re.findall(r'class="tag">(\w+)<', listed) == ["mesh", "wifi"]
