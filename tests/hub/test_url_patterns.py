"""Addresses filled from route patterns are exactly the ones url_for builds."""

import pytest
from flask import url_for

from hub.core import url_patterns

CASES = [
    ("forums.home", {}),
    ("static", {"filename": "css/hub.css"}),
    ("forums.topic", {"topic_id": 7, "slug": "router-blinks"}),
    ("forums.topic", {"topic_id": 7, "slug": "router-blinks", "page": 3}),
    ("forums.topic", {"topic_id": 7, "slug": "a", "page": None, "quote": 12, "_anchor": "reply"}),
    ("forums.topic", {"topic_id": 7, "slug": "a", "quote": "12&x=1 ü"}),
    ("forums.topic", {"topic_id": 7, "slug": "a", "_anchor": "post 5/ü#x"}),
    ("forums.category", {"slug": "tv-streaming", "filter": "solved", "page": 2}),
    ("accounts.profile", {"username": "Jörg Müller/../x?y"}),
    ("accounts.login", {"next": "/t/7-a?page=2#reply"}),
    ("forums.vote", {"post_id": 2_147_483_647}),
]


@pytest.mark.parametrize(("endpoint", "values"), CASES)
def test_same_address_as_url_for(app, endpoint, values):
    with app.test_request_context("/"):
        expected = url_for(endpoint, **values)
        assert url_patterns.build(endpoint, **values) == expected
        assert url_patterns.build(endpoint, **values) == expected  # from the kept pattern


def test_follows_the_mount_point(app):
    with app.test_request_context("/", environ_overrides={"SCRIPT_NAME": "/community"}):
        assert url_patterns.build("forums.topic", topic_id=5, slug="x") == "/community/t/5-x"
    with app.test_request_context("/"):
        assert url_patterns.build("forums.topic", topic_id=5, slug="x") == "/t/5-x"


def test_what_a_pattern_cannot_say_goes_to_url_for(app):
    with app.test_request_context("/"):
        # A string for an integer route, a boolean, an external address: url_for's answers.
        for odd in ("12", True):
            expected = url_for("forums.vote", post_id=odd)
            assert url_patterns.build("forums.vote", post_id=odd) == expected
        external = url_patterns.url_for_templates("forums.home", _external=True)
        assert external == url_for("forums.home", _external=True)
    with app.app_context(), pytest.raises(RuntimeError, match="outside an active request"):
        url_patterns.build("forums.home")  # no request: url_for's own rules (and errors)


def test_unknown_routes_still_fail_loudly(app):
    from werkzeug.routing import BuildError

    with app.test_request_context("/"), pytest.raises(BuildError):
        url_patterns.build("forums.nowhere", topic_id=1)
