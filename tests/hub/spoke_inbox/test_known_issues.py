"""Replies on the spokes under a known issue from the company wall reach the inbox, and an
imported one shows on the wall post like on a forum thread."""

from sqlalchemy import select

from hub.crosspost.models import Delivery
from hub.extensions import db
from hub.spoke_inbox.models import InboxItem
from hub.walls import service as walls
from tests.hub.spoke_inbox.conftest import FIRST_ROUND


def test_a_reply_under_a_known_issue_is_imported_into_its_comments(
    client, login, expert, mastodon_account, fake_mastodon, worker
):
    issue = walls.create_wall_post(expert, "company", "Mail is slow in the north", known_issue=True)
    worker.run()
    delivery = db.session.scalar(select(Delivery).where(Delivery.content_id == issue.id))
    fake_mastodon.add_reply(delivery.remote_id, "<p>Same in Kiel since noon</p>")
    worker.later(FIRST_ROUND).run()
    item = db.session.scalar(select(InboxItem))
    assert item.topic_id == issue.id

    login(expert)
    inbox = client.get("/team/inbox").get_data(as_text=True)
    thread = client.get(f"/t/{item.topic_id}")
    assert "Same in Kiel since noon" in inbox and thread.location == f"/w/{issue.id}"
    client.post(f"/team/inbox/{item.id}/import")
    page = client.get(f"/w/{issue.id}").get_data(as_text=True)
    assert "Imported from Mastodon" in page and "Same in Kiel since noon" in page
