"""Posting to a Facebook Page through the Graph API, against tests/fakes/facebook.py."""

from datetime import UTC, datetime, timedelta

import pytest

from spokes.base import AuthExpired, RateLimited, Rejected, Unavailable
from spokes.facebook import DEFAULT_THROTTLE_WAIT, FacebookSpoke
from tests.fakes.facebook import FakeFacebook
from tests.fakes.posts import HUB_LINK, cross_post
from tests.fakes.server import closed_port_url


@pytest.fixture
def fake():
    with FakeFacebook(page_id="1001", page_token="page-token") as server:
        yield server


@pytest.fixture
def spoke(fake):
    return FacebookSpoke(page_id="1001", page_token="page-token", api_url=fake.url)


def published_message(fake):
    return fake.calls("POST", r"/v\d+\.0/1001/feed")[-1].form()


class TestPublish:
    def test_returns_the_post_id_and_its_url(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        assert receipt.remote_id in fake.posts
        assert receipt.remote_id.startswith("1001_")
        assert receipt.remote_url == f"https://www.facebook.com/{receipt.remote_id}"

    def test_sends_message_link_and_page_token(self, spoke, fake):
        spoke.publish(cross_post("Router FAQ updated", hashtags=("wifi",)))

        sent = published_message(fake)
        assert sent["message"] == f"Router FAQ updated\n\n#wifi\n\n{HUB_LINK}"
        assert sent["link"] == HUB_LINK
        assert sent["access_token"] == "page-token"

    def test_uses_the_configured_graph_version(self, fake):
        spoke = FacebookSpoke(
            page_id="1001", page_token="page-token", api_url=fake.url, version="v26.0"
        )

        spoke.publish(cross_post())

        assert fake.requests[-1].path == "/v26.0/1001/feed"

    def test_over_long_text_is_shortened_and_keeps_the_link(self, spoke, fake):
        spoke.publish(cross_post("very long story " * 5000))

        message = published_message(fake)["message"]
        assert len(message) <= 63_206
        assert message.endswith(f"…\n\n{HUB_LINK}")
        assert message.rsplit("…", 1)[0].split()[-1] in {"very", "long", "story"}

    def test_the_same_message_twice_is_rejected_as_duplicate(self, spoke):
        spoke.publish(cross_post("Same words"))

        with pytest.raises(Rejected) as rejected:
            spoke.publish(cross_post("Same words"))

        assert rejected.value.reason == "duplicate"


class TestErrors:
    def test_expired_token_needs_reauth(self, spoke, fake):
        fake.token_expired = True

        with pytest.raises(AuthExpired, match="190"):
            spoke.publish(cross_post())

    @pytest.mark.parametrize("token", ["wrong-token", ""])
    def test_invalid_or_missing_token_needs_reauth(self, fake, token):
        spoke = FacebookSpoke(page_id="1001", page_token=token, api_url=fake.url)

        with pytest.raises(AuthExpired):
            spoke.publish(cross_post())

    def test_token_of_another_page_lacks_permission(self, fake):
        spoke = FacebookSpoke(page_id="2002", page_token="page-token", api_url=fake.url)

        with pytest.raises(AuthExpired, match="200"):
            spoke.publish(cross_post())

    @pytest.mark.parametrize("code", [17, 32, 613, 80001])
    def test_throttling_waits_for_the_estimated_time_to_regain_access(self, spoke, fake, code):
        fake.rate_limit_next(reset_in=600, code=code)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == 600

    def test_app_throttling_without_an_estimate_waits_the_default(self, spoke, fake):
        fake.rate_limit_next(code=4)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == DEFAULT_THROTTLE_WAIT

    def test_policy_block_is_rejected(self, spoke, fake):
        fake.fail_next("blocked")

        with pytest.raises(Rejected) as rejected:
            spoke.publish(cross_post())

        assert rejected.value.reason == "policy"

    @pytest.mark.parametrize("kind", ["unknown", "5xx"])
    def test_transient_errors_are_unavailable(self, spoke, fake, kind):
        fake.fail_next(kind)

        with pytest.raises(Unavailable):
            spoke.publish(cross_post())

    def test_network_down_is_unavailable(self):
        spoke = FacebookSpoke(page_id="1001", page_token="t", api_url=closed_port_url())

        with pytest.raises(Unavailable):
            spoke.publish(cross_post())


class TestDelete:
    def test_removes_the_post(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        spoke.delete(receipt.remote_id)

        assert receipt.remote_id not in fake.posts

    def test_a_post_already_gone_counts_as_deleted(self, spoke):
        spoke.delete("1001_999")

    def test_expired_token_needs_reauth(self, spoke, fake):
        receipt = spoke.publish(cross_post())
        fake.token_expired = True

        with pytest.raises(AuthExpired):
            spoke.delete(receipt.remote_id)


class TestFetchReplies:
    def test_comments_become_replies_oldest_first(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_comment(post_id, "Second!", name="Grace Hopper", minutes_ago=1)
        first_id = fake.add_comment(post_id, "First!", minutes_ago=5)

        replies = spoke.fetch_replies(post_id, since=None)

        assert [r.text for r in replies] == ["First!", "Second!"]
        first = replies[0]
        assert first.remote_id == first_id
        assert first.author_name == "Ada Lovelace"
        assert first.author_url.startswith("https://www.facebook.com/")
        assert first.url.endswith(f"comment_id={first_id}")
        assert first.created_at.tzinfo is not None
        assert not first.deleted

    def test_only_comments_after_since(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_comment(post_id, "old", minutes_ago=60)
        fake.add_comment(post_id, "new", minutes_ago=1)

        replies = spoke.fetch_replies(post_id, since=datetime.now(UTC) - timedelta(minutes=30))

        assert [r.text for r in replies] == ["new"]

    def test_follows_paging_cursors(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        for minute in range(130):
            fake.add_comment(post_id, f"comment {minute}", minutes_ago=200 - minute)

        replies = spoke.fetch_replies(post_id, since=None)

        assert len(replies) == 130
        assert len(fake.calls("GET", r".*/comments")) == 2

    def test_authors_hidden_without_moderate_permission(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_comment(post_id, "Hello")
        fake.show_comment_authors = False

        (reply,) = spoke.fetch_replies(post_id, since=None)

        assert reply.author_name == "Facebook user"
        assert reply.author_url == ""
