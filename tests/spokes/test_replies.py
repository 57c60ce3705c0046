"""Replies under an earlier post (`CrossPost.reply_to`) on each network, against the fakes."""

import pytest

from spokes.base import Rejected
from spokes.facebook import FacebookSpoke
from spokes.mastodon import MastodonSpoke
from spokes.twitter import XSpoke
from tests.fakes.facebook import FakeFacebook
from tests.fakes.mastodon import FakeMastodon
from tests.fakes.posts import HUB_LINK, cross_post
from tests.fakes.x import FakeX


class TestMastodon:
    @pytest.fixture
    def fake(self):
        with FakeMastodon(token="mastodon-token") as server:
            yield server

    @pytest.fixture
    def spoke(self, fake):
        return MastodonSpoke(instance_url=fake.url, access_token="mastodon-token")

    def test_a_reply_lands_in_the_thread(self, spoke, fake):
        parent = spoke.publish(cross_post("Outage: mail is slow"))

        reply = spoke.publish(cross_post("Update: a fix is rolling out", reply_to=parent.remote_id))

        sent = fake.calls("POST", "/api/v1/statuses")[-1].form()
        assert sent["in_reply_to_id"] == parent.remote_id
        assert [s["id"] for s in fake.replies_to(parent.remote_id)] == [reply.remote_id]
        assert HUB_LINK in fake.statuses[reply.remote_id]["content"]

    def test_a_post_of_its_own_names_no_parent(self, spoke, fake):
        spoke.publish(cross_post())

        assert "in_reply_to_id" not in fake.calls("POST", "/api/v1/statuses")[-1].form()

    def test_a_reply_to_a_deleted_status_is_rejected(self, spoke, fake):
        parent = spoke.publish(cross_post())
        spoke.delete(parent.remote_id)

        with pytest.raises(Rejected):
            spoke.publish(cross_post("Too late", reply_to=parent.remote_id))


class TestX:
    @pytest.fixture
    def fake(self):
        with FakeX(access_token="access-1", refresh_token="refresh-1") as server:
            yield server

    @pytest.fixture
    def spoke(self, fake):
        return XSpoke(
            api_url=fake.url,
            access_token="access-1",
            refresh_token="refresh-1",
            client_id="client-id",
            client_secret="client-secret",
        )

    def test_a_reply_lands_in_the_conversation(self, spoke, fake):
        parent = spoke.publish(cross_post("Outage: mail is slow"))

        reply = spoke.publish(cross_post("Update: a fix is rolling out", reply_to=parent.remote_id))

        body = fake.calls("POST", "/2/tweets")[-1].json()
        assert body["reply"] == {"in_reply_to_tweet_id": parent.remote_id}
        assert [t["id"] for t in fake.replies_to(parent.remote_id)] == [reply.remote_id]
        assert fake.tweets[reply.remote_id]["conversation_id"] == parent.remote_id

    def test_a_post_of_its_own_sends_no_reply_field(self, spoke, fake):
        spoke.publish(cross_post())

        assert "reply" not in fake.calls("POST", "/2/tweets")[-1].json()

    def test_a_reply_to_a_deleted_post_is_rejected(self, spoke, fake):
        parent = spoke.publish(cross_post())
        spoke.delete(parent.remote_id)

        with pytest.raises(Rejected, match="deleted or not visible"):
            spoke.publish(cross_post("Too late", reply_to=parent.remote_id))


class TestFacebook:
    @pytest.fixture
    def fake(self):
        with FakeFacebook(page_id="1001", page_token="page-token") as server:
            yield server

    @pytest.fixture
    def spoke(self, fake):
        return FacebookSpoke(page_id="1001", page_token="page-token", api_url=fake.url)

    def test_a_reply_is_a_comment_on_the_post(self, spoke, fake):
        parent = spoke.publish(cross_post("Outage: mail is slow"))

        reply = spoke.publish(cross_post("Update: a fix is rolling out", reply_to=parent.remote_id))

        (comment,) = fake.replies_to(parent.remote_id)
        assert comment["id"] == reply.remote_id
        assert comment["message"] == f"Update: a fix is rolling out\n\n{HUB_LINK}"
        assert reply.remote_url == (
            f"https://www.facebook.com/{parent.remote_id}?comment_id={reply.remote_id}"
        )
        assert len(fake.posts) == 1  # no second feed post

    def test_a_reply_under_a_comment_names_the_comment(self, spoke, fake):
        parent = spoke.publish(cross_post())
        comment_id = fake.add_comment(parent.remote_id, "Is it fixed yet?")

        reply = spoke.publish(cross_post("Yes, since noon", reply_to=comment_id))

        (answer,) = fake.replies_to(comment_id)
        assert answer["id"] == reply.remote_id
        assert answer["parent"] == {"id": comment_id}

    def test_a_reply_to_a_deleted_post_is_rejected(self, spoke, fake):
        parent = spoke.publish(cross_post())
        spoke.delete(parent.remote_id)

        with pytest.raises(Rejected):
            spoke.publish(cross_post("Too late", reply_to=parent.remote_id))
