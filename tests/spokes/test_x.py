"""Posting to X through API v2 with a refreshable OAuth 2.0 token, against tests/fakes/x.py."""

from datetime import UTC, datetime, timedelta

import pytest

from spokes.base import AuthExpired, RateLimited, Rejected, Unavailable
from spokes.text import weight
from spokes.twitter import XSpoke, weighted_length
from tests.fakes.posts import HUB_LINK, cross_post
from tests.fakes.server import closed_port_url
from tests.fakes.x import FakeX


@pytest.fixture
def fake():
    with FakeX(access_token="access-1", refresh_token="refresh-1") as server:
        yield server


@pytest.fixture
def new_tokens():
    return []


@pytest.fixture
def spoke(fake, new_tokens):
    return make_spoke(fake.url, on_tokens=lambda *tokens: new_tokens.append(tokens))


def make_spoke(api_url, **overrides):
    credentials = {
        "access_token": "access-1",
        "refresh_token": "refresh-1",
        "client_id": "client-id",
        "client_secret": "client-secret",
    }
    return XSpoke(api_url=api_url, **{**credentials, **overrides})


def sent_text(fake):
    return fake.calls("POST", "/2/tweets")[-1].json()["text"]


def x_weight(text):
    return weight(text, link_weight=23, measure=weighted_length)


class TestPublish:
    def test_returns_the_post_id_and_its_url(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        assert receipt.remote_id in fake.tweets
        assert receipt.remote_url == f"https://x.com/i/web/status/{receipt.remote_id}"

    def test_sends_the_text_with_the_link_as_the_user(self, spoke, fake):
        spoke.publish(cross_post("Router FAQ updated"))

        assert sent_text(fake) == f"Router FAQ updated\n\n{HUB_LINK}"
        assert fake.requests[-1].header("Authorization") == "Bearer access-1"

    def test_over_long_text_is_shortened_to_280_and_keeps_the_link(self, spoke, fake):
        spoke.publish(cross_post("Our router firmware changelog explained " * 20))

        text = sent_text(fake)
        assert x_weight(text) <= 280
        assert text.endswith(f"…\n\n{HUB_LINK}")

    def test_cjk_text_is_shortened_by_weighted_length(self, spoke, fake):
        spoke.publish(cross_post("ルーターの再起動方法 " * 30))  # 330 characters weigh ~600

        assert x_weight(sent_text(fake)) <= 280  # the fake would have refused it otherwise

    def test_the_same_text_twice_is_rejected_as_duplicate(self, spoke):
        spoke.publish(cross_post("Same words"))

        with pytest.raises(Rejected) as rejected:
            spoke.publish(cross_post("Same words"))

        assert rejected.value.reason == "duplicate"


class TestTokenRefresh:
    def test_expired_token_is_refreshed_once_and_the_post_goes_out(self, spoke, fake, new_tokens):
        fake.expire_access_token()

        receipt = spoke.publish(cross_post())

        assert receipt.remote_id in fake.tweets
        assert len(fake.calls("POST", "/2/oauth2/token")) == 1
        assert fake.requests[-1].header("Authorization") == "Bearer access-2"

    def test_new_tokens_are_reported_to_the_caller(self, spoke, fake, new_tokens):
        fake.expire_access_token()

        spoke.publish(cross_post())

        ((access, refresh, expires_at),) = new_tokens
        assert (access, refresh) == ("access-2", "refresh-2")
        two_hours = datetime.now(UTC) + timedelta(hours=2)
        assert abs(expires_at - two_hours) < timedelta(seconds=10)

    def test_refresh_uses_client_credentials_and_the_refresh_token(self, spoke, fake):
        fake.expire_access_token()

        spoke.publish(cross_post())

        (refresh,) = fake.calls("POST", "/2/oauth2/token")
        assert refresh.form() == {"grant_type": "refresh_token", "refresh_token": "refresh-1"}
        assert refresh.header("Authorization").startswith("Basic ")

    def test_the_refreshed_token_is_used_for_later_calls(self, spoke, fake, new_tokens):
        fake.expire_access_token()
        spoke.publish(cross_post("first"))

        spoke.publish(cross_post("second"))

        assert len(new_tokens) == 1

    def test_revoked_refresh_token_needs_reauth(self, spoke, fake, new_tokens):
        fake.expire_access_token()
        fake.revoke_refresh_token()

        with pytest.raises(AuthExpired, match="refresh failed"):
            spoke.publish(cross_post())

        assert new_tokens == []

    def test_a_token_refused_after_refresh_needs_reauth_without_looping(self, spoke, fake):
        fake.fail_next("expired_token", times=2)

        with pytest.raises(AuthExpired):
            spoke.publish(cross_post())

        assert len(fake.calls("POST", "/2/oauth2/token")) == 1
        assert fake.tweets == {}

    def test_a_throttled_refresh_is_rate_limited_not_reauth(self, spoke, fake, new_tokens):
        fake.expire_access_token()
        fake.throttle_refresh(reset_in=60)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == pytest.approx(60, abs=2)
        assert new_tokens == []

    def test_without_a_refresh_token_an_expired_token_needs_reauth(self, fake):
        spoke = make_spoke(fake.url, refresh_token=None)
        fake.expire_access_token()

        with pytest.raises(AuthExpired):
            spoke.publish(cross_post())

        assert fake.calls("POST", "/2/oauth2/token") == []


class TestErrors:
    def test_rate_limit_waits_until_the_advertised_reset(self, spoke, fake):
        fake.rate_limit_next(reset_in=120)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == pytest.approx(120, abs=2)

    def test_an_exhausted_daily_cap_waits_for_the_daily_reset(self, spoke, fake):
        fake.rate_limit_next(reset_in=120, daily_reset_in=6 * 3600)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == pytest.approx(6 * 3600, abs=2)

    def test_text_x_counts_as_too_long_is_rejected(self, spoke, fake):
        fake.fail_next("too_long")

        with pytest.raises(Rejected) as rejected:
            spoke.publish(cross_post())

        assert rejected.value.reason == "too long"

    def test_app_without_write_access_needs_reauth(self, spoke, fake):
        fake.fail_next("not_enrolled")

        with pytest.raises(AuthExpired, match="Client Forbidden"):
            spoke.publish(cross_post())

    def test_server_errors_are_unavailable(self, spoke, fake):
        fake.fail_next("5xx")

        with pytest.raises(Unavailable):
            spoke.publish(cross_post())

    def test_network_down_is_unavailable(self):
        with pytest.raises(Unavailable):
            make_spoke(closed_port_url()).publish(cross_post())


class TestDelete:
    def test_removes_the_post(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        spoke.delete(receipt.remote_id)

        assert receipt.remote_id not in fake.tweets

    def test_a_post_already_gone_counts_as_deleted(self, spoke):
        spoke.delete("1")


class TestFetchReplies:
    def test_conversation_replies_come_back_oldest_first(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_reply(post_id, "@nabe_hub later", username="grace", minutes_ago=1)
        first_id = fake.add_reply(post_id, "@nabe_hub earlier", username="ada", minutes_ago=9)

        replies = spoke.fetch_replies(post_id, since=None)

        assert [r.text for r in replies] == ["@nabe_hub earlier", "@nabe_hub later"]
        first = replies[0]
        assert first.remote_id == first_id
        assert (first.author_name, first.author_handle) == ("Ada", "@ada")
        assert first.author_url == "https://x.com/ada"
        assert first.url == f"https://x.com/ada/status/{first_id}"
        assert first.created_at.tzinfo is not None

    def test_the_post_itself_is_not_a_reply(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id

        assert spoke.fetch_replies(post_id, since=None) == []

    def test_since_is_sent_as_start_time_and_respected(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_reply(post_id, "old", minutes_ago=90)
        fake.add_reply(post_id, "new", minutes_ago=5)

        replies = spoke.fetch_replies(post_id, since=datetime.now(UTC) - timedelta(hours=1))

        assert [r.text for r in replies] == ["new"]
        assert "start_time" in fake.requests[-1].query

    def test_since_beyond_the_search_window_is_not_sent(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        fake.add_reply(post_id, "hello")

        replies = spoke.fetch_replies(post_id, since=datetime.now(UTC) - timedelta(days=30))

        assert [r.text for r in replies] == ["hello"]
        assert "start_time" not in fake.requests[-1].query

    def test_follows_next_token_pages(self, spoke, fake):
        post_id = spoke.publish(cross_post()).remote_id
        for minute in range(120):
            fake.add_reply(post_id, f"reply {minute}", minutes_ago=200 - minute)

        replies = spoke.fetch_replies(post_id, since=None)

        assert len(replies) == 120
        assert len(fake.calls("GET", "/2/tweets/search/recent")) == 2

    def test_expired_token_is_refreshed_for_reads_too(self, spoke, fake, new_tokens):
        post_id = spoke.publish(cross_post()).remote_id
        fake.expire_access_token()

        spoke.fetch_replies(post_id, since=None)

        assert len(new_tokens) == 1
