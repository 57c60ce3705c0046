"""Tracked `/go/<code>` links: redirect to the hub page, count the click, never leave the hub."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost.models import TrackedLink
from tests.factories import make_topic


@pytest.fixture
def link(app):
    topic = make_topic()
    made = links.link_for("topic", topic.id, None, f"/t/{topic.id}")
    db.session.commit()
    return made


def test_a_click_redirects_to_the_hub_page(client, link):
    response = client.get(f"/go/{link.code}")

    assert response.status_code == 302
    assert response.headers["Location"] == link.target_path


def test_every_click_is_counted_without_storing_the_visitor(client, link):
    client.get(f"/go/{link.code}")
    client.get(f"/go/{link.code}", environ_base={"REMOTE_ADDR": "203.0.113.9"})

    db.session.expire_all()
    assert db.session.get(TrackedLink, link.id).clicks == 2
    columns = {column.name for column in TrackedLink.__table__.columns}
    assert not {"ip", "remote_addr", "user_agent"} & columns


def test_the_same_content_and_account_keep_one_code(app, link):
    again = links.link_for("topic", link.content_id, None, link.target_path)

    assert again.code == link.code
    assert len(db.session.scalars(select(TrackedLink)).all()) == 1


def test_an_unknown_code_is_not_found(client, link):
    assert client.get("/go/nope").status_code == 404


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/t/1",
        "/\\evil.example",
        "/t/1\\@evil.example",
        "javascript:alert(1)",
        "t/1",
        "/t/1\r\nLocation: https://evil.example",
        "",
    ],
)
def test_only_hub_paths_are_accepted(app, target):
    assert not links.is_hub_path(target)
    with pytest.raises(ValueError):
        links.link_for("topic", 1, None, target)


def test_a_stored_foreign_target_is_refused_not_followed(client, link):
    db.session.get(TrackedLink, link.id).target_path = "//evil.example/"
    db.session.commit()

    response = client.get(f"/go/{link.code}")

    assert response.status_code == 404
    assert "evil.example" not in response.headers.get("Location", "")
