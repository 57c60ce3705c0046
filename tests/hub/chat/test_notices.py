"""A team reply on the private line rings the member's bell (and mails, per their settings) when
they are not looking: once per burst of replies, again after they have read the conversation."""

import pytest
from sqlalchemy import select

from hub.chat import service as chat
from hub.core.extensions import db
from hub.notifications.models import Kind, Notification
from hub.outbox import runner
from hub.outbox.jobs import Job
from tests.factories import make_user


@pytest.fixture
def line(app, db):
    owner = make_user("kundin")
    room = chat.open_private_line(owner)
    chat.post_message(owner, room.slug, "My router blinks red")
    return owner, room, make_user("kai", role="expert")


def _bells(owner) -> list[Notification]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification).where(
                Notification.user_id == owner.id, Notification.kind == Kind.CHAT_REPLY.value
            )
        )
    )


def test_one_bell_per_burst_of_replies_and_again_after_reading(app, line):
    owner, room, expert = line
    first = chat.post_message(expert, room.slug, "Hello, which model is it?")
    chat.post_message(expert, room.slug, "And since when?")
    runner.run_once(app)
    [bell] = _bells(owner)
    assert bell.path == f"/chat/{room.slug}" and "kai" in bell.text
    assert bell.actor_id == expert.id and bell.ref.endswith(":read-" + str(first.id - 1))

    chat.mark_read(owner, room.slug, chat.latest_messages(owner, room.slug)[-1].id)
    chat.post_message(expert, room.slug, "Please restart it")
    runner.run_once(app)
    assert len(_bells(owner)) == 2


def test_a_reply_read_before_the_job_runs_rings_nothing(app, line):
    owner, room, expert = line
    reply = chat.post_message(expert, room.slug, "Hello!")
    chat.mark_read(owner, room.slug, reply.id)
    runner.run_once(app)
    assert _bells(owner) == []


def test_no_notice_while_the_member_has_the_conversation_open(app, line, connect):
    owner, room, expert = line
    page = connect(owner)
    assert page.call("join", {"room": room.slug})["ok"]
    chat.post_message(expert, room.slug, "Hello, I see you are here")
    assert db.session.scalar(select(Job).where(Job.kind == "chat.reply")) is None


def test_the_members_own_messages_and_public_rooms_ring_nothing(app, line, room):
    owner, line_room, expert = line
    chat.post_message(owner, line_room.slug, "Anyone there?")
    chat.post_message(expert, room.slug, "Public news")
    assert db.session.scalar(select(Job).where(Job.kind == "chat.reply")) is None
