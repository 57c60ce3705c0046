"""The team answers a spoke reply on the hub, imports it into the thread, or dismisses it."""

from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery, TrackedLink
from hub.forums.models import Post
from hub.spoke_inbox import polling
from hub.spoke_inbox.models import InboxItem
from tests.factories import make_user


def reload(item) -> InboxItem:
    db.session.expire_all()
    return db.session.get(InboxItem, item.id)


class TestInboxPage:
    def test_lists_who_wrote_what_where_with_links(self, as_expert, item):
        page = as_expert.get("/team/inbox").get_data(as_text=True)

        assert "Which firmware do you run?" in page
        assert "@ada@elsewhere.example" in page
        assert "on Mastodon (Nabe on Mastodon)" in page
        assert item.url in page
        assert f"/t/{item.topic_id}" in page

    def test_the_team_navigation_links_to_it(self, as_expert, item):
        assert 'href="/team/inbox"' in as_expert.get("/").get_data(as_text=True)

    def test_members_may_not_see_it(self, client, login, item):
        login(make_user("maria"))

        assert client.get("/team/inbox").status_code == 403
        assert client.post(f"/team/inbox/{item.id}/dismiss").status_code == 302
        assert reload(item).status == "new"


class TestAnswerOnTheHub:
    def test_replies_in_the_thread_and_points_the_spoke_reply_to_it(
        self, as_expert, item, expert, fake_mastodon, worker
    ):
        response = as_expert.post(
            f"/team/inbox/{item.id}/answer", data={"body": "Version 7.2 fixes the drops."}
        )
        assert response.status_code == 302

        handled = reload(item)
        post = db.session.get(Post, handled.post_id)
        assert (handled.status, handled.handled_by_id) == ("answered", expert.id)
        assert post.topic_id == item.topic_id and post.author_id == expert.id
        worker.run()
        reply = db.session.scalar(select(Delivery).where(Delivery.content_type == "inbox-answer"))
        assert reply.status == "delivered"
        status = fake_mastodon.statuses[reply.remote_id]
        assert status["in_reply_to_id"] == item.remote_id
        link = db.session.scalar(
            select(TrackedLink).where(TrackedLink.content_type == "inbox-answer")
        )
        assert f"/go/{link.code}" in status["content"]
        assert link.target_path == f"/p/{post.id}"

    def test_an_empty_answer_changes_nothing(self, as_expert, item):
        as_expert.post(f"/team/inbox/{item.id}/answer", data={"body": "  "})

        assert reload(item).status == "new"
        assert db.session.scalars(select(Post).where(Post.number > 1)).all() == []

    def test_a_handled_item_cannot_be_answered_again(self, as_expert, item):
        as_expert.post(f"/team/inbox/{item.id}/dismiss")
        page = as_expert.post(
            f"/team/inbox/{item.id}/answer", data={"body": "Late answer."}, follow_redirects=True
        ).get_data(as_text=True)

        assert "already handled" in page
        assert db.session.scalars(select(Post).where(Post.number > 1)).all() == []


class TestImport:
    def test_copies_it_into_the_thread_marked_and_attributed(self, as_expert, item):
        as_expert.post(f"/team/inbox/{item.id}/import")

        handled = reload(item)
        post = db.session.get(Post, handled.post_id)
        assert handled.status == "imported"
        assert "Which firmware do you run?" in post.raw
        page = as_expert.get(f"/t/{item.topic_id}", follow_redirects=True).get_data(as_text=True)
        assert "Imported from Mastodon: written there by Ada (@ada@elsewhere.example)." in page
        assert "View the original" in page

    def test_the_mark_is_not_forged_by_a_member_quoting_the_text(self, client, login, item):
        from hub.forums import service as forums

        member = login(make_user("maria"))
        forums.create_reply(member, item.topic_id, "> Which firmware do you run?\n\n— Ada")

        page = client.get(f"/t/{item.topic_id}", follow_redirects=True).get_data(as_text=True)
        assert "data-imported" not in page

    def test_nothing_is_imported_twice(self, as_expert, item):
        as_expert.post(f"/team/inbox/{item.id}/import")
        as_expert.post(f"/team/inbox/{item.id}/import")

        assert len(db.session.scalars(select(Post).where(Post.number > 1)).all()) == 1

    def test_a_reply_deleted_on_the_spoke_is_marked_on_the_hub_too(
        self, as_expert, item, fake_mastodon, worker
    ):
        as_expert.post(f"/team/inbox/{item.id}/import")
        del fake_mastodon.statuses[item.remote_id]
        worker.later(polling.SETTLED).run()

        page = as_expert.get(f"/t/{item.topic_id}", follow_redirects=True).get_data(as_text=True)
        assert "deleted on Mastodon" in page
        inbox = as_expert.get("/team/inbox?status=imported").get_data(as_text=True)
        assert "deleted on the network" in inbox

    def test_a_deleted_reply_cannot_be_imported(self, as_expert, item, fake_mastodon, worker):
        del fake_mastodon.statuses[item.remote_id]
        worker.later(polling.SETTLED).run()

        as_expert.post(f"/team/inbox/{item.id}/import")

        assert reload(item).status == "new"


def test_dismissing_takes_it_off_the_new_list(as_expert, item):
    as_expert.post(f"/team/inbox/{item.id}/dismiss")

    assert reload(item).status == "dismissed"
    assert "Which firmware" not in as_expert.get("/team/inbox").get_data(as_text=True)
