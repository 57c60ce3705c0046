"""Replies on the spokes under a known issue from the company wall reach the inbox, and an
imported one shows on the wall post like on a forum thread."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery
from hub.spoke_inbox.models import InboxItem
from hub.walls import service as walls
from tests.hub.spoke_inbox.conftest import FIRST_ROUND


@pytest.fixture
def issue(expert, mastodon_account, worker):
    """A known issue on the company wall, cross-posted to the fake Mastodon."""
    issue = walls.create_wall_post(expert, "company", "Mail is slow in the north", known_issue=True)
    worker.run()
    return issue


@pytest.fixture
def item(issue, fake_mastodon, worker):
    """A reply written on Mastodon under the known issue, fetched into the inbox."""
    delivery = db.session.scalar(select(Delivery).where(Delivery.content_id == issue.id))
    fake_mastodon.add_reply(delivery.remote_id, "<p>Same in Kiel since noon</p>")
    worker.later(FIRST_ROUND).run()
    return db.session.scalar(select(InboxItem))


def test_a_reply_under_a_known_issue_is_imported_into_its_comments(
    client, login, expert, issue, item
):
    assert item.topic_id == issue.id

    login(expert)
    inbox = client.get("/team/inbox").get_data(as_text=True)
    thread = client.get(f"/t/{item.topic_id}")
    assert "Same in Kiel since noon" in inbox and thread.location == f"/w/{issue.id}"
    client.post(f"/team/inbox/{item.id}/import")
    page = client.get(f"/w/{issue.id}").get_data(as_text=True)
    assert "Imported from Mastodon" in page and "Same in Kiel since noon" in page


def test_an_answer_from_the_inbox_reaches_mastodon_under_the_reply(
    client, login, expert, issue, item, fake_mastodon, worker
):
    login(expert)
    client.post(f"/team/inbox/{item.id}/answer", data={"body": "Fixed at 14:10, sorry."})
    worker.run()

    (reply,) = fake_mastodon.replies_to(item.remote_id)
    assert "We answered you" in reply["content"]
    db.session.expire_all()
    answer = db.session.scalar(select(Delivery).where(Delivery.content_type == "inbox-answer"))
    assert (answer.status, answer.remote_id) == ("delivered", reply["id"])
    comments = client.get(f"/w/{issue.id}").get_data(as_text=True)
    assert "Fixed at 14:10, sorry." in comments


def test_an_answer_hidden_before_it_goes_out_stays_off_mastodon(
    client, login, expert, admin, item, fake_mastodon, worker
):
    from hub.moderation import post_actions

    login(expert)
    client.post(f"/team/inbox/{item.id}/answer", data={"body": "Call 0800 123 456 789."})
    db.session.expire_all()
    post_actions.hide_post(admin, db.session.get(InboxItem, item.id).post_id, "Personal data")
    worker.run()

    assert fake_mastodon.replies_to(item.remote_id) == []
    answer = db.session.scalar(select(Delivery).where(Delivery.content_type == "inbox-answer"))
    assert answer.status == "dead"
