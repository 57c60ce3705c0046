"""`/go/<code>`: unique visitors per link and day from a daily-salted hash, nothing about the
visitor stored, and never a redirect off the hub."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, text

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost.models import TrackedLink
from hub.outbox import runner
from hub.referrals import visitors
from hub.referrals.models import LinkDay, LinkVisitor, VisitorSalt

PHONE = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "Phone/1.0"}
LAPTOP = {"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Laptop/2.0"}


def click(app, link, environ):
    return app.test_client().get(f"/go/{link.code}", environ_base=environ)


def today(link) -> LinkDay:
    db.session.expire_all()
    return db.session.get(LinkDay, (link.id, visitors.day_of(datetime.now(UTC))))


class TestUniqueVisitors:
    def test_each_visitor_counts_once_a_day_and_every_click_counts(self, app, link):
        for environ in (PHONE, PHONE, LAPTOP, PHONE):
            assert click(app, link, environ).status_code == 302

        assert (today(link).clicks, today(link).visitors) == (4, 2)
        assert db.session.get(TrackedLink, link.id).clicks == 4

    def test_the_same_address_with_another_browser_is_another_visitor(self, app, link):
        click(app, link, PHONE)
        click(app, link, {**PHONE, "HTTP_USER_AGENT": "Other/3"})

        assert today(link).visitors == 2

    def test_links_count_their_visitors_separately(self, app, link, account):
        from tests.factories import make_topic

        other_topic = make_topic(title="Another question about the router")
        other = links.link_for("topic", other_topic.id, account.id, f"/t/{other_topic.id}")
        db.session.commit()
        click(app, link, PHONE)
        click(app, other, PHONE)

        assert today(link).visitors == 1 and today(other).visitors == 1

    def test_no_address_or_user_agent_is_stored_anywhere(self, app, link):
        click(app, link, PHONE)

        with db.engine.connect() as connection:
            for table in ("referral_link_visitors", "referral_link_days", "tracked_links"):
                for row in connection.execute(text(f"SELECT * FROM {table}")):
                    dumped = repr(tuple(row))
                    assert "198.51.100.7" not in dumped and "Phone/1.0" not in dumped
        [seen] = db.session.scalars(select(LinkVisitor))
        assert len(seen.digest) == visitors.DIGEST_BYTES

    def test_a_new_day_gets_a_new_salt_and_yesterdays_is_gone(self, app, link):
        yesterday = datetime.now(UTC) - timedelta(days=1)
        visitors._salt_cache.clear()
        visitors.record_click(link.id, "198.51.100.7", "Phone/1.0", now=yesterday)
        db.session.commit()
        old_day = visitors.day_of(yesterday)
        assert db.session.get(VisitorSalt, old_day) is not None

        click(app, link, PHONE)

        db.session.expire_all()
        days = set(db.session.scalars(select(VisitorSalt.day)))
        assert days == {visitors.day_of(datetime.now(UTC))}
        # Same visitor on both days: two rows whose hashes cannot be linked to each other.
        digests = {row.day: row.digest for row in db.session.scalars(select(LinkVisitor))}
        assert len(digests) == 2 and len(set(digests.values())) == 2

    def test_yesterdays_salt_is_forgotten_after_midnight_without_any_click(self, app, link):
        yesterday = datetime.now(UTC) - timedelta(days=1)
        visitors._salt_cache.clear()
        visitors.record_click(link.id, "198.51.100.7", "Phone/1.0", now=yesterday)
        db.session.commit()

        runner.run_once(app)

        db.session.expire_all()
        assert db.session.scalars(select(VisitorSalt)).all() == []
        assert today(link) is None  # no click today: nothing was counted by the clean-up


@pytest.mark.parametrize(
    "target",
    [
        "%2F%2Fevil.example",
        "%2f%2fevil.example/t/1",
        "/%2F%2Fevil.example".replace("/%2F", "//"),
        "https:evil.example",
        "https:/evil.example",
        "http://evil.example",
        "HTTPS://evil.example",
        "///evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/\tevil.example",
        "/t/1\x00",
        " //evil.example",
        "javascript:alert(1)",
        "data:text/html,hi",
        "//evil.example@hub.example",
    ],
)
def test_foreign_targets_are_refused_when_made_and_when_followed(app, client, link, target):
    assert not links.is_hub_path(target)
    with pytest.raises(ValueError):
        links.link_for("topic", 99, None, target)

    if "\x00" in target and db.engine.dialect.name == "postgresql":
        return  # PostgreSQL cannot even store it
    db.session.get(TrackedLink, link.id).target_path = target
    db.session.commit()
    response = client.get(f"/go/{link.code}")

    assert response.status_code == 404
    assert "Location" not in response.headers


@pytest.mark.parametrize(
    "code",
    ["%2F%2Fevil.example", "https:%2F%2Fevil.example", "..%2F..%2Fadmin", "%5Cevil.example"],
)
def test_an_encoded_url_as_the_code_never_leaves_the_hub(client, link, code):
    response = client.get(f"/go/{code}")

    # Werkzeug may first merge the decoded slashes (a 308 to /go/evil.example, on this hub).
    if response.status_code == 308:
        assert urlsplit(response.headers["Location"]).netloc in ("", "localhost")
        response = client.get(response.headers["Location"])
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_an_encoded_slash_inside_a_hub_path_stays_on_the_hub(client, link):
    db.session.get(TrackedLink, link.id).target_path = "/%2F%2Fevil.example"
    db.session.commit()

    response = client.get(f"/go/{link.code}")

    # The browser keeps %2F encoded in a path: this is a (missing) page of the hub.
    assert response.status_code == 302
    assert response.headers["Location"] == "/%2F%2Fevil.example"
