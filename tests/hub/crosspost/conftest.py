"""Spoke accounts pointed at the fake servers in tests/fakes, and a worker stepping the outbox."""

from datetime import timedelta

import pytest

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.outbox import runner
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.fakes.facebook import FakeFacebook
from tests.fakes.mastodon import FakeMastodon
from tests.fakes.x import FakeX


@pytest.fixture
def admin(app):
    return make_user("ada_admin", role="admin")


@pytest.fixture
def expert(app):
    return make_user("erik_expert", role="expert")


@pytest.fixture
def fake_mastodon():
    with FakeMastodon(token="mastodon-token") as server:
        yield server


@pytest.fixture
def fake_x(app, monkeypatch):
    with FakeX() as server:
        monkeypatch.setitem(app.config, "SPOKE_X_API", server.url)
        yield server


@pytest.fixture
def fake_facebook(app, monkeypatch):
    with FakeFacebook() as server:
        monkeypatch.setitem(app.config, "SPOKE_FACEBOOK_API", server.url)
        yield server


@pytest.fixture
def mastodon_account(admin, fake_mastodon):
    return crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "mastodon-token", instance_url=fake_mastodon.url
    )


@pytest.fixture
def x_account(admin, fake_x):
    return crosspost.connect_account(
        admin,
        "x",
        "@nabe_hub",
        "access-1",
        client_id="client-id",
        client_secret="client-secret",
        refresh_token="refresh-1",
    )


@pytest.fixture
def facebook_account(admin, fake_facebook):
    return crosspost.connect_account(admin, "facebook", "Nabe page", "page-token", page_id="1001")


@pytest.fixture
def category(admin):
    space = make_category("router-help")
    return space


@pytest.fixture
def new_questions(admin, category):
    crosspost.set_rule(admin, category.id, "new", "#router")
    return category


class Worker:
    """Runs due jobs with a clock it moves forward, so backoff passes without sleeping."""

    def __init__(self, app):
        self.app = app
        self.offset = timedelta(0)

    @property
    def now(self):
        return utcnow() + self.offset

    def run(self) -> int:
        taken = runner.run_once(self.app, now=self.now)
        db.session.expire_all()  # the worker used its own session
        return taken

    def later(self, seconds: float) -> "Worker":
        self.offset += timedelta(seconds=seconds)
        return self


@pytest.fixture
def worker(app):
    return Worker(app)


def solved_question(space, asker=None, expert=None):
    topic = make_topic(asker, space, title="Router drops the line every evening")
    answer = make_reply(topic, expert)
    return topic, answer
