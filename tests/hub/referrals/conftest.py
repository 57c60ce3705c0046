"""A cross-posted question with its tracked link on a Mastodon account (nothing is sent)."""

import pytest

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost import service as crosspost
from tests.factories import make_topic, make_user


@pytest.fixture
def admin(app):
    return make_user("ada_admin", role="admin")


@pytest.fixture
def account(admin):
    return crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "token", instance_url="https://social.example"
    )


@pytest.fixture
def topic(app):
    return make_topic(title="Router drops the line every evening")


@pytest.fixture
def link(account, topic):
    made = links.link_for("topic", topic.id, account.id, f"/t/{topic.id}")
    db.session.commit()
    return made
