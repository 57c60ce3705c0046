"""Visitors who arrive from a spoke (`/go/`) are served from the cache too, with their welcome
banner: on the day of an outage, most readers come through the cross-posted link."""

import pytest

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost import service as crosspost
from tests.factories import make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def link():
    admin = make_user("ada_admin", role="admin")
    account = crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "token", instance_url="https://social.example"
    )
    topic = make_topic(title="DSL outage in Kiel")
    made = links.link_for("topic", topic.id, account.id, f"/t/{topic.id}-{topic.slug}")
    db.session.commit()
    return made


def _arrive(cached_app, link):
    client = cached_app.test_client()
    landing = client.get(f"/go/{link.code}").headers["Location"]
    return client, landing


def test_an_arrival_from_a_spoke_is_a_hit_with_its_banner(cached_app, link):
    first, landing = _arrive(cached_app, link)
    first.get(landing)
    second, _ = _arrive(cached_app, link)  # another visitor through the same link

    page = second.get(landing)

    assert page.headers["X-Cache"] == "hit"
    assert "Welcome from Mastodon!" in page.get_data(as_text=True)


def test_visitors_without_the_link_get_the_page_without_the_banner(cached_app, visitor, link):
    client, landing = _arrive(cached_app, link)
    client.get(landing)

    text = visitor.cached(landing)

    assert "data-newcomer-banner" not in text


def test_a_closed_banner_stays_closed_on_cached_pages(cached_app, visitor, link):
    client, landing = _arrive(cached_app, link)
    visitor.cached(landing)  # the banner-less page is in the cache already
    client.get(f"/welcome/dismiss?next={landing}")

    page = client.get(landing)

    assert page.headers["X-Cache"] == "hit"
    assert "data-newcomer-banner" not in page.get_data(as_text=True)
