"""Who manages spokes and who shares topics, role by role."""

import pytest

from hub import permissions
from tests.factories import make_category, make_topic, make_user


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("member", False), ("expert", False), ("moderator", False), ("admin", True)],
)
def test_only_admins_manage_spokes(app, role, allowed):
    assert bool(permissions.can_manage_spokes(make_user(role=role))) is allowed


def test_visitors_do_not_manage_spokes(app):
    assert not permissions.can_manage_spokes(None)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("member", False), ("expert", True), ("moderator", False), ("admin", True)],
)
def test_the_team_shares_public_topics(app, role, allowed):
    topic = make_topic()

    assert bool(permissions.can_share_topic(make_user(role=role), topic)) is allowed


def test_nobody_shares_a_private_topic(app):
    expert = make_user(role="expert")
    topic = make_topic(expert, make_category(private=True))

    decision = permissions.can_share_topic(expert, topic)

    assert not decision
    assert decision.reason


def test_templates_can_ask(app):
    assert {"manage_spokes", "share_topic"} <= set(permissions.PREDICATES)
