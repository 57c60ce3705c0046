"""A question cross-posted to the fake Mastodon (and X, Facebook) through the real outbox, and
a worker whose clock moves forward."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery
from hub.spoke_inbox.models import InboxItem
from tests.factories import make_topic, make_user
from tests.hub.crosspost.conftest import (  # noqa: F401 (fixtures)
    admin,
    category,
    facebook_account,
    fake_facebook,
    fake_mastodon,
    fake_x,
    mastodon_account,
    new_questions,
    worker,
    x_account,
)

FIRST_ROUND = 5 * 60 + 1  # seconds until the first fetch is due


@pytest.fixture
def expert(app):
    return make_user("erik_expert", role="expert")


def cross_posted(space, worker, title="Router drops the line every evening"):  # noqa: F811
    """A question delivered to every connected account; returns (topic, deliveries)."""
    topic = make_topic(space=space, title=title)
    worker.run()
    deliveries = db.session.scalars(
        select(Delivery).where(Delivery.content_id == topic.id, Delivery.content_type == "topic")
    ).all()
    assert deliveries and all(d.status == "delivered" for d in deliveries)
    return topic, deliveries


@pytest.fixture
def on_mastodon(new_questions, mastodon_account, worker):  # noqa: F811
    """(topic, delivery) of a question delivered to the fake Mastodon."""
    topic, (delivery,) = cross_posted(new_questions, worker)
    return topic, delivery


@pytest.fixture
def item(on_mastodon, fake_mastodon, worker):  # noqa: F811
    """A reply from Mastodon under the cross-posted question, fetched into the inbox."""
    _topic, delivery = on_mastodon
    fake_mastodon.add_reply(
        delivery.remote_id, "<p>Which firmware do you run?</p>", acct="ada@elsewhere.example"
    )
    worker.later(FIRST_ROUND).run()
    return db.session.scalar(select(InboxItem))


@pytest.fixture
def as_expert(client, login, expert):
    login(expert)
    return client
