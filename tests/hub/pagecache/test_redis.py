"""Two app instances sharing a real Redis: one copy of each page, every write seen by both; and
Redis gone never costs a visitor the page."""

import socket
import uuid

import pytest
import redis

from hub.core.extensions import db
from hub.forums import service as forums
from hub.moderation import post_actions
from hub.walls import service as walls
from tests import services
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.pagecache.conftest import Visitor, make_cached_app
from tests.hub.pagecache.test_invalidation import person, shows_at_once, topic_path

pytestmark = [pytest.mark.usefixtures("db"), pytest.mark.redis]


@pytest.fixture
def redis_url():
    return services.require_redis()


@pytest.fixture
def prefix(redis_url):
    """A key prefix of this test's own (parallel test workers share the Redis); removed after."""
    name = f"test-pages-{uuid.uuid4().hex[:10]}"
    yield name
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{name}:*"):
        client.delete(key)


@pytest.fixture
def pair(app, tmp_path, database_url, redis_url, prefix):
    """Two processes' worth of app, on one database and one Redis."""
    apps = [
        make_cached_app(
            tmp_path / name,
            database_url,
            PAGE_CACHE_REDIS_URL=redis_url,
            PAGE_CACHE_PREFIX=prefix,
        )
        for name in ("one", "two")
    ]
    yield apps
    for each in apps:
        with each.app_context():
            db.engine.dispose()


@pytest.fixture
def reply():
    make_user("helper")
    make_user("mod", role="moderator")
    walls.company_wall()
    topic = make_topic(space=make_category("internet"), title="Wi-Fi drops every evening")
    return make_reply(topic, person("helper"), body="Move the router out of the cupboard.")


@pytest.fixture
def topic(reply):
    return reply.topic


def test_a_page_rendered_by_one_is_served_by_the_other(pair, topic):
    one, two = Visitor(pair[0]), Visitor(pair[1])
    assert one.page(topic_path(topic))[0] == "miss"
    how, page = two.page(topic_path(topic))
    assert how == "hit" and "Move the router out of the cupboard." in page


def test_a_write_in_one_shows_at_once_in_the_other(pair, topic, reply):
    one, two = Visitor(pair[0]), Visitor(pair[1])
    two.cached(topic_path(topic))
    two.cached("/c/internet")

    with pair[0].app_context():
        forums.create_reply(person("helper"), topic.id, "Channel 36 fixed it for me.")
    shows_at_once(two, topic_path(topic), "Channel 36 fixed it for me.")
    shows_at_once(two, "/c/internet", "<strong>2</strong> replies")

    one.cached(topic_path(topic))
    with pair[1].app_context():
        post_actions.hide_post(person("mod"), reply.id, reason_code="spam")
    shows_at_once(one, topic_path(topic), "Hidden by the moderators: spam or advertising")


def test_the_known_issue_banner_reaches_both(pair, topic):
    one, two = Visitor(pair[0]), Visitor(pair[1])
    for visitor in (one, two):
        visitor.cached("/")
    make_user("jana", role="expert")
    with pair[1].app_context():
        walls.create_wall_post(person("jana"), "company", "Outage in Altona.", known_issue=True)
    for visitor in (one, two):
        assert "Known issue:" in visitor.page("/")[1]


def test_redis_unreachable_still_serves_every_page(app, tmp_path, database_url, topic):
    closed = f"redis://127.0.0.1:{services.free_port()}/0"
    down = make_cached_app(tmp_path / "down", database_url, PAGE_CACHE_REDIS_URL=closed)
    visitor = Visitor(down)
    for _ in range(3):
        response = visitor.get(topic_path(topic))
        assert response.status_code == 200 and "X-Cache" not in response.headers
        assert "Move the router out of the cupboard." in response.text
    with down.app_context():  # a write whose bump cannot reach Redis still succeeds
        forums.create_reply(person("helper"), topic.id, "Written while Redis was away.")
    assert "Written while Redis was away." in visitor.get(topic_path(topic)).text
    with down.app_context():
        db.engine.dispose()


def test_redis_that_never_answers_costs_one_short_wait_then_nothing(
    app, tmp_path, database_url, topic, caplog
):
    silent = socket.socket()  # accepts connections (the kernel does), never replies
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
    slow = make_cached_app(tmp_path / "slow", database_url, PAGE_CACHE_REDIS_URL=url)
    visitor = Visitor(slow)
    try:
        for _ in range(5):
            response = visitor.get(topic_path(topic))
            assert response.status_code == 200
            assert "Move the router out of the cupboard." in response.text
    finally:
        silent.close()
        with slow.app_context():
            db.engine.dispose()
    warnings = [r for r in caplog.records if "page cache: Redis failed" in r.getMessage()]
    assert len(warnings) == 1  # logged once, then it stands aside
