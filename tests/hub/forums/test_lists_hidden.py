"""Lists leave out topics whose question the moderators hid, however it was hidden, and show
them again once it is shown; the votes column counts shown replies only."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.forums import answers
from hub.forums import queries as forum_queries
from hub.forums.models import Post
from hub.moderation import account_actions, appeals, guard, post_actions, reasons
from hub.moderation.models import Action, ModerationAction
from tests.factories import make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def opening_of(topic) -> Post:
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


def listed(client, topic) -> bool:
    """Whether /latest and the topic's category list the topic for whoever `client` is."""
    latest = client.get("/latest").get_data(as_text=True)
    category = client.get(f"/c/{topic.space.slug}").get_data(as_text=True)
    assert (f"/t/{topic.id}-" in latest) == (f"/t/{topic.id}-" in category)
    return f"/t/{topic.id}-" in latest


@pytest.fixture
def moderator():
    return make_user(role="moderator")


def test_hidden_then_restored(client, moderator):
    topic = make_topic(title="Where is my invoice?")
    assert listed(client, topic)
    post_actions.hide_post(moderator, opening_of(topic).id, "Spam")
    assert not listed(client, topic)
    post_actions.restore_post(moderator, opening_of(topic).id)
    assert listed(client, topic)


def test_a_hidden_reply_leaves_the_topic_listed(client, moderator):
    topic = make_topic(title="Where is my invoice?")
    post_actions.hide_post(moderator, make_reply(topic).id, "Spam")
    assert listed(client, topic)


def test_deleted_for_a_legal_reason(client, moderator):
    topic = make_topic(title="Where is my invoice?")
    code = next(iter(reasons.DELETE_REASONS))
    post_actions.delete_post(moderator, opening_of(topic).id, code, "a court order")
    assert not listed(client, topic)


def test_held_for_approval_then_approved(client, moderator):
    topic = make_topic(make_user(new=True), title="My very first question")
    post = opening_of(topic)
    guard.hold_for_approval(post)  # as create_topic does when first posts wait for approval
    db.session.commit()
    assert not listed(client, topic)
    post_actions.approve_post(moderator, post.id)
    assert listed(client, topic)


def test_marked_as_spammer_then_overturned_on_appeal(client, moderator):
    spammer = make_user()
    topic = make_topic(spammer, title="Cheap watches here")
    account_actions.mark_spammer(moderator, spammer.username)
    assert not listed(client, topic)
    mark = db.session.scalar(
        select(ModerationAction).where(ModerationAction.action == Action.MARK_SPAMMER.value)
    )
    appeal = appeals.file_appeal(spammer, mark.id, "I sell no watches.")
    appeals.decide_appeal(make_user(role="moderator"), appeal.id, "overturned", "A mix-up.")
    assert listed(client, topic)


def test_the_author_and_the_team_still_see_it_listed(client, login, moderator):
    author = make_user("asker")
    topic = make_topic(author, title="Where is my invoice?")
    other = make_topic(title="And where is my router?")
    post_actions.hide_post(moderator, opening_of(topic).id, "Spam")
    login(author)
    assert listed(client, topic) and listed(client, other)
    login(moderator)
    assert listed(client, topic) and listed(client, other)


def test_the_votes_column_counts_shown_replies_only(moderator):
    topic, quiet = make_topic(), make_topic()
    voters = [make_user() for _ in range(3)]
    best, good = make_reply(topic), make_reply(topic)
    for voter in voters:
        answers.vote(voter, best.id)
    answers.vote(voters[0], good.id)
    assert forum_queries.top_scores([topic.id, quiet.id]) == {topic.id: 3, quiet.id: 0}
    post_actions.hide_post(moderator, best.id, "Spam")
    assert forum_queries.top_scores(t.id for t in (topic, quiet)) == {topic.id: 1, quiet.id: 0}
