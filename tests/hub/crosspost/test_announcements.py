"""The company wall on the spokes: a known issue, its updates and its resolution in one
thread per account; plain announcements only when the admins switch them on."""

import re

import pytest
from sqlalchemy import select

from hub.core.errors import Forbidden
from hub.core.extensions import db
from hub.crosspost import announcements
from hub.crosspost.models import Delivery, TrackedLink
from hub.walls import service as walls


def deliveries(**where) -> list[Delivery]:
    query = select(Delivery).order_by(Delivery.id)
    for name, value in where.items():
        query = query.where(getattr(Delivery, name) == value)
    return list(db.session.scalars(query))


@pytest.fixture
def issue(expert, mastodon_account, x_account, facebook_account):
    return walls.create_wall_post(
        expert, "company", "Mail is slow in the north since 9:00", known_issue=True
    )


class TestKnownIssue:
    def test_goes_to_every_account_at_once(
        self, issue, worker, fake_mastodon, fake_x, fake_facebook
    ):
        worker.run()

        sent = deliveries(content_type="topic", content_id=issue.id)
        assert {d.status for d in sent} == {"delivered"}
        assert len(sent) == 3
        (status,) = fake_mastodon.statuses.values()
        (tweet,) = fake_x.tweets.values()
        (page_post,) = fake_facebook.posts.values()
        for text in (status["content"], tweet["text"], page_post["message"]):
            assert "Mail is slow in the north" in text
            assert "Follow updates on our community" in text
            assert "/go/" in text

    def test_tracked_links_lead_to_the_wall_post(self, issue, worker, mastodon_account):
        worker.run()

        link = db.session.scalar(
            select(TrackedLink).where(TrackedLink.account_id == mastodon_account.id)
        )
        assert link.target_path == f"/w/{issue.id}"

    def test_updates_and_the_resolution_are_replies_in_each_thread(
        self, expert, issue, worker, fake_mastodon, fake_x, fake_facebook
    ):
        worker.run()
        walls.add_issue_update(expert, issue.id, "A fix is rolling out.")
        worker.run()
        walls.add_issue_update(expert, issue.id, "Mail flows again.", resolve=True)
        worker.run()

        threads = deliveries(content_type="topic", content_id=issue.id)
        replies = deliveries(content_type="issue-update")
        assert len(replies) == 6
        assert {d.status for d in replies} == {"delivered"}
        assert {d.parent_id for d in replies} == {d.id for d in threads}
        mastodon_thread = next(d for d in threads if d.account.network == "mastodon")
        texts = [s["content"] for s in fake_mastodon.replies_to(mastodon_thread.remote_id)]
        assert "A fix is rolling out." in texts[0]
        assert "Resolved: Mail flows again." in texts[1]
        x_thread = next(d for d in threads if d.account.network == "x")
        assert len(fake_x.replies_to(x_thread.remote_id)) == 2
        facebook_thread = next(d for d in threads if d.account.network == "facebook")
        comments = fake_facebook.replies_to(facebook_thread.remote_id)
        assert comments[-1]["message"].startswith("Resolved: Mail flows again.")

    def test_a_resolution_without_an_update_says_resolved(
        self, expert, issue, worker, fake_mastodon
    ):
        worker.run()
        walls.resolve_issue(expert, issue.id)
        worker.run()

        (thread,) = [
            d
            for d in deliveries(content_type="topic", content_id=issue.id)
            if d.account.network == "mastodon"
        ]
        (reply,) = fake_mastodon.replies_to(thread.remote_id)
        assert "Resolved: Mail is slow in the north" in reply["content"]
        walls.resolve_issue(expert, issue.id)  # again: nothing more goes out
        assert len(deliveries(content_type="issue-resolution")) == 3

    def test_an_update_before_the_issue_is_out_waits_for_it(
        self, expert, mastodon_account, worker, fake_mastodon
    ):
        fake_mastodon.rate_limit_next(reset_in=300)
        topic = walls.create_wall_post(expert, "company", "VPN is down", known_issue=True)
        worker.run()  # rate limited
        walls.add_issue_update(expert, topic.id, "Still investigating.")
        worker.run()
        assert fake_mastodon.statuses == {}

        worker.later(310).run()
        worker.run()

        (thread,) = deliveries(content_type="topic", content_id=topic.id)
        (reply,) = fake_mastodon.replies_to(thread.remote_id)
        assert "Still investigating." in reply["content"]

    def test_hiding_the_issue_removes_the_thread_with_its_replies(
        self, expert, issue, worker, fake_mastodon
    ):
        from hub.forums.models import Post
        from hub.moderation import post_actions
        from tests.factories import make_user

        worker.run()
        walls.add_issue_update(expert, issue.id, "A fix is rolling out.")
        worker.run()
        assert len(fake_mastodon.statuses) == 2

        moderator = make_user("mona_mod", role="moderator")
        opening = db.session.scalar(select(Post).where(Post.topic_id == issue.id, Post.number == 1))
        post_actions.hide_post(moderator, opening.id, "Wrong wall", reason_code="spam")
        worker.run()

        assert fake_mastodon.statuses == {}


class TestAnnouncements:
    def test_are_off_by_default(self, expert, mastodon_account, worker, fake_mastodon):
        walls.create_wall_post(expert, "company", "We moved to a new office")
        worker.run()

        assert deliveries() == []
        assert fake_mastodon.statuses == {}

    def test_go_out_when_switched_on(self, admin, expert, mastodon_account, worker, fake_mastodon):
        announcements.set_announcements(admin, True)
        walls.create_wall_post(expert, "company", "We moved to a new office")
        worker.run()

        (status,) = fake_mastodon.statuses.values()
        assert "We moved to a new office" in status["content"]
        assert "Join the discussion" in status["content"]

    def test_member_walls_never_go_out(self, admin, mastodon_account, worker):
        from tests.factories import make_user

        announcements.set_announcements(admin, True)
        member = make_user("mia_member")
        walls.create_wall_post(member, "mia_member", "My holiday pictures")
        worker.run()

        assert deliveries() == []

    def test_only_admins_switch_them(self, expert):
        with pytest.raises(Forbidden):
            announcements.set_announcements(expert, True)
        assert not announcements.announcements_enabled()


class TestAdminPage:
    def test_admins_switch_announcements_on_and_off(self, client, login, admin):
        login(admin)

        client.post("/admin/spokes/announcements", data={"enabled": "y"})
        assert announcements.announcements_enabled()
        page = client.get("/admin/spokes").get_data(as_text=True)
        (checkbox,) = re.findall(r'<input[^>]*name="enabled"[^>]*>', page)
        assert "checked" in checkbox

        client.post("/admin/spokes/announcements", data={})
        assert not announcements.announcements_enabled()

    def test_experts_cannot_switch_them(self, client, login, expert):
        login(expert)

        assert client.post("/admin/spokes/announcements", data={"enabled": "y"}).status_code == 403
        assert not announcements.announcements_enabled()

    def test_updates_are_listed_as_replies(self, client, login, admin, expert, issue, worker):
        worker.run()
        walls.add_issue_update(expert, issue.id, "A fix is rolling out.")
        worker.run()
        login(admin)

        page = client.get("/admin/spokes").get_data(as_text=True)

        assert page.count('data-content-type="issue-update"') == 3
        assert page.count("data-reply-to=") == 3
        assert f'href="/w/{issue.id}"' in page
