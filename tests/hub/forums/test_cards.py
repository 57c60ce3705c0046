"""Post cards keep their viewer-independent part by revision: whatever changes a post, its
author or its place in the topic shows on the very next page view."""

import re

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post
from hub.moderation import post_actions
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def card(client, topic, number: int, path_extra: str = "") -> str:
    html = client.get(f"/t/{topic.id}-{topic.slug}{path_extra}").get_data(as_text=True)
    match = re.search(rf'<article id="post-{number}".*?</article>', html, re.S)
    assert match, f"no card for post #{number}"
    return match.group(0)


@pytest.fixture
def thread():
    """A question by an asker, with a member's reply and an expert's reply."""
    asker, member, expert = make_user("asker"), make_user("answerer"), make_user(role="expert")
    topic = make_topic(asker, make_category("router"), title="Why does it blink?")
    reply = make_reply(topic, member, "Unplug it for ten seconds.")
    official = make_reply(topic, expert, "We know about it; a fix is coming.")
    return topic, reply, official, (asker, member, expert)


def test_an_edit_shows_at_once(client, thread):
    topic, reply, _official, (_asker, member, _expert) = thread
    assert "edited" not in card(client, topic, 2)
    forums.edit_post(member, reply.id, "Unplug it for thirty seconds.", reason="longer")
    shown = card(client, topic, 2)
    assert "thirty seconds" in shown
    assert f'href="/p/{reply.id}/revisions"' in shown


def test_hiding_and_restoring_show_at_once(client, login, thread):
    topic, reply, _official, _people = thread
    moderator = make_user(role="moderator")
    card(client, topic, 2)
    post_actions.hide_post(moderator, reply.id, "Off topic")
    hidden = card(client, topic, 2)
    assert "is-hidden" in hidden
    assert "Hidden by the moderators: Off topic" in hidden
    assert "Unplug it" not in hidden
    post_actions.restore_post(moderator, reply.id)
    shown = card(client, topic, 2)
    assert "is-hidden" not in shown and "Unplug it" in shown


def test_accepting_and_marking_official_show_at_once(client, thread):
    topic, reply, official, (asker, _member, expert) = thread
    assert "badge-solved" not in card(client, topic, 2)
    answers.accept_answer(asker, reply.id)
    assert "post-accepted" in card(client, topic, 2)
    assert '<span class="badge badge-solved">Accepted</span>' in card(client, topic, 2)
    answers.unaccept_answer(asker, topic.id)
    assert "post-accepted" not in card(client, topic, 2)
    answers.unmark_official(expert, official.id)
    assert "post-official" not in card(client, topic, 3)
    answers.mark_official(expert, official.id)
    assert '<span class="badge badge-team">Official</span>' in card(client, topic, 3)


def test_a_vote_shows_the_new_score_to_everyone(client, login, thread):
    topic, reply, _official, _people = thread
    assert "0 votes" in card(client, topic, 2)
    answers.vote(make_user(), reply.id)
    assert "1 vote<" in card(client, topic, 2)
    login(make_user("reader"))
    assert "▲ Helpful · 1" in card(client, topic, 2)


def test_a_renamed_author_shows_at_once(client, thread):
    topic, _reply, _official, (_asker, member, _expert) = thread
    assert ">answerer</a>" in card(client, topic, 2)
    member.display_name = "Ann Swerer"
    db.session.commit()
    shown = card(client, topic, 2)
    assert ">Ann Swerer</a>" in shown
    assert ">AS</span>" in shown  # the avatar's initials follow the name


def test_a_retitled_topic_moves_the_links(client, thread):
    topic, _reply, _official, (asker, _member, _expert) = thread
    assert f'href="/t/{topic.id}-why-does-it-blink#post-2"' in card(client, topic, 2)
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    forums.edit_post(asker, opening.id, opening.raw, title="Why does my router blink?")
    db.session.refresh(topic)
    shown = card(client, topic, 2)
    assert f'href="/t/{topic.id}-why-does-my-router-blink#post-2"' in shown


def test_each_language_gets_its_own_card(client, thread):
    topic, reply, _official, (_asker, member, _expert) = thread
    forums.edit_post(member, reply.id, "Unplug it for thirty seconds.", reason="longer")
    assert ">edited</a>" in card(client, topic, 2)
    client.post("/language", data={"lang": "de"})
    assert ">bearbeitet</a>" in card(client, topic, 2)
    client.post("/language", data={"lang": "en"})
    assert ">edited</a>" in card(client, topic, 2)


def test_the_viewer_part_is_never_shared(client, login, thread):
    """The author sees Edit on their own reply; the next viewer does not, from the same face."""
    topic, reply, _official, (_asker, member, _expert) = thread
    login(member)
    assert f'href="/p/{reply.id}/edit"' in card(client, topic, 2)
    client.post("/logout")
    login(make_user("stranger"))
    shown = card(client, topic, 2)
    assert f'href="/p/{reply.id}/edit"' not in shown
    assert f'action="/report/post/{reply.id}"' in shown
    assert f'id="report-note-{reply.id}"' in shown
