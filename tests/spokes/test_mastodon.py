"""Posting to a Mastodon instance, against tests/fakes/mastodon.py."""

from datetime import UTC, datetime, timedelta

import pytest

from spokes.base import AuthExpired, RateLimited, Rejected, Unavailable
from spokes.mastodon import MastodonSpoke
from tests.fakes.mastodon import FakeMastodon, status_length
from tests.fakes.posts import HUB_LINK, cross_post
from tests.fakes.server import closed_port_url


@pytest.fixture
def fake():
    with FakeMastodon(token="mastodon-token") as server:
        yield server


@pytest.fixture
def spoke(fake):
    return make_spoke(fake.url)


def make_spoke(instance_url, **options):
    return MastodonSpoke(instance_url=instance_url, access_token="mastodon-token", **options)


def sent_form(fake):
    return fake.calls("POST", "/api/v1/statuses")[-1].form()


class TestPublish:
    def test_returns_the_status_id_and_its_url(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        assert receipt.remote_id in fake.statuses
        assert receipt.remote_url == f"{fake.url}/@nabe/{receipt.remote_id}"

    def test_sends_text_with_link_language_and_visibility(self, spoke, fake):
        spoke.publish(cross_post("Router FAQ updated", language="de-DE"))

        assert sent_form(fake) == {
            "status": f"Router FAQ updated\n\n{HUB_LINK}",
            "visibility": "public",
            "language": "de",
        }
        assert fake.requests[-1].header("Authorization") == "Bearer mastodon-token"

    def test_over_long_text_is_shortened_to_the_instance_limit(self, spoke, fake):
        spoke.publish(cross_post("Firmware notes, part one " * 40))

        status = sent_form(fake)["status"]
        assert status_length(status) <= 500
        assert status.endswith(f"…\n\n{HUB_LINK}")

    def test_a_larger_instance_limit_is_used(self, fake):
        fake.max_characters = 5000
        text = "Firmware notes, part one " * 40  # 1,000 characters

        make_spoke(fake.url).publish(cross_post(text))

        assert sent_form(fake)["status"] == f"{text.strip()}\n\n{HUB_LINK}"

    def test_the_instance_limit_is_asked_once(self, spoke, fake):
        spoke.publish(cross_post("one"))
        spoke.publish(cross_post("two"))

        assert len(fake.calls("GET", "/api/v2/instance")) == 1

    def test_older_servers_report_max_toot_chars(self):
        with FakeMastodon(max_characters=100, legacy=True) as legacy:
            make_spoke(legacy.url).publish(cross_post("word " * 50))

            assert status_length(sent_form(legacy)["status"]) <= 100
            assert len(legacy.calls("GET", "/api/v1/instance")) == 1


class TestIdempotency:
    def test_a_repeat_with_the_same_key_does_not_post_twice(self, spoke, fake):
        post = cross_post(idempotency_key="crosspost:42")

        first = spoke.publish(post)
        second = spoke.publish(post)

        assert first == second
        assert len(fake.statuses) == 1
        assert fake.requests[-1].header("Idempotency-Key") == "crosspost:42"

    def test_a_retry_after_a_timeout_returns_the_status_that_was_created(self, fake):
        spoke = make_spoke(fake.url, timeout=(1.0, 0.2))
        post = cross_post(idempotency_key="crosspost:43")
        spoke.status_limits()  # so the stall below hits the status request
        fake.stall_next(0.5)

        with pytest.raises(Unavailable):
            spoke.publish(post)
        receipt = spoke.publish(post)

        assert list(fake.statuses) == [receipt.remote_id]

    def test_different_keys_make_different_statuses(self, spoke, fake):
        spoke.publish(cross_post("one", idempotency_key="a"))
        spoke.publish(cross_post("two", idempotency_key="b"))

        assert len(fake.statuses) == 2


class TestErrors:
    def test_revoked_token_needs_reauth(self, spoke, fake):
        fake.revoke_token()

        with pytest.raises(AuthExpired, match="access token is invalid"):
            spoke.publish(cross_post())

    def test_missing_scope_needs_reauth(self, spoke, fake):
        fake.fail_next("forbidden")

        with pytest.raises(AuthExpired, match="authorized scopes"):
            spoke.publish(cross_post())

    def test_rate_limit_waits_until_the_iso_reset_time(self, spoke, fake):
        fake.rate_limit_next(reset_in=240)

        with pytest.raises(RateLimited) as limited:
            spoke.publish(cross_post())

        assert limited.value.retry_after == pytest.approx(240, abs=2)

    def test_validation_failure_is_rejected_with_the_instance_reason(self, spoke, fake):
        spoke.status_limits()
        fake.max_characters = 40  # the instance lowered its limit after we asked

        with pytest.raises(Rejected) as rejected:
            spoke.publish(cross_post("A sentence that is now too long"))

        assert rejected.value.reason == "Validation failed: Text character limit of 40 exceeded"

    def test_server_errors_are_unavailable(self, spoke, fake):
        fake.fail_next("5xx")

        with pytest.raises(Unavailable):
            spoke.publish(cross_post())

    def test_network_down_is_unavailable(self):
        with pytest.raises(Unavailable):
            make_spoke(closed_port_url()).publish(cross_post())


class TestDelete:
    def test_removes_the_status(self, spoke, fake):
        receipt = spoke.publish(cross_post())

        spoke.delete(receipt.remote_id)

        assert receipt.remote_id not in fake.statuses

    def test_a_status_already_gone_counts_as_deleted(self, spoke):
        spoke.delete("1")

    def test_revoked_token_needs_reauth(self, spoke, fake):
        receipt = spoke.publish(cross_post())
        fake.revoke_token()

        with pytest.raises(AuthExpired):
            spoke.delete(receipt.remote_id)


class TestFetchReplies:
    def test_thread_descendants_become_plain_text_replies(self, spoke, fake):
        status_id = spoke.publish(cross_post()).remote_id
        reply_id = fake.add_reply(
            status_id,
            '<p><span class="h-card"><a href="#" class="u-url mention">@<span>nabe</span></a>'
            "</span> Works now &amp; thanks!</p><p>Second line<br />third</p>",
        )

        (reply,) = spoke.fetch_replies(status_id, since=None)

        assert reply.remote_id == reply_id
        assert reply.text == "@nabe Works now & thanks!\n\nSecond line\nthird"
        assert (reply.author_name, reply.author_handle) == ("Ada", "@ada@elsewhere.example")
        assert reply.author_url == "https://elsewhere.example/@ada"
        assert reply.url == f"{fake.url}/@ada/{reply_id}"
        assert reply.created_at.tzinfo is not None

    def test_local_authors_get_the_instance_domain_in_their_handle(self, spoke, fake):
        status_id = spoke.publish(cross_post()).remote_id
        fake.add_reply(status_id, "<p>hi</p>", acct="grace", display_name="")

        (reply,) = spoke.fetch_replies(status_id, since=None)

        assert reply.author_handle == f"@grace@{spoke.domain}"
        assert reply.author_name == "grace"

    def test_nested_replies_and_since_oldest_first(self, spoke, fake):
        status_id = spoke.publish(cross_post()).remote_id
        answer = fake.add_reply(status_id, "<p>new</p>", minutes_ago=2)
        fake.add_reply(answer, "<p>newest</p>", minutes_ago=1)
        fake.add_reply(status_id, "<p>old</p>", minutes_ago=120)

        replies = spoke.fetch_replies(status_id, since=datetime.now(UTC) - timedelta(hours=1))

        assert [r.text for r in replies] == ["new", "newest"]

    def test_a_deleted_status_is_rejected(self, spoke):
        with pytest.raises(Rejected, match="Record not found"):
            spoke.fetch_replies("1", since=None)
