"""Members' pages keep the parts every viewer sees alike (the known-issue banner, the top
helpers) between writes, and show a write that changes them on the next page."""

import pytest
from sqlalchemy import select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums import answers
from hub.pagecache import fragments
from hub.walls import service as walls
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.pagecache.conftest import log_in

pytestmark = pytest.mark.usefixtures("db")


def person(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def member(cached_app):
    """A logged-in member's browser on the caching app."""
    make_user("ines")
    make_user("jana", role="expert")
    walls.company_wall()
    client = cached_app.test_client()
    log_in(client, "ines")
    return client


def page(client, path: str = "/") -> str:
    response = client.get(path)
    assert response.status_code == 200 and "X-Cache" not in response.headers, path
    return response.get_data(as_text=True)


def test_a_known_issue_shows_and_goes_at_once(member, writing):
    assert "Known issue:" not in page(member)
    with writing():
        issue_id = walls.create_wall_post(
            person("jana"), "company", "Outage in Altona since 7:40.", known_issue=True
        ).id
    assert "Outage in Altona" in page(member) and "Outage in Altona" in page(member, "/latest")
    with writing():
        walls.add_issue_update(person("jana"), issue_id, "Back at 11:00.", resolve=True)
    assert "Known issue:" not in page(member)


def test_an_accepted_answer_shows_among_the_top_helpers_at_once(member, writing):
    assert "No accepted answers yet this month." in page(member)
    asker, helper = make_user("asker"), make_user("helper")
    topic = make_topic(asker, make_category("internet"), title="Wi-Fi drops every evening")
    reply = make_reply(topic, helper, body="Move the router out of the cupboard.")
    assert "No accepted answers yet this month." in page(member)  # kept: nothing it shows changed
    with writing():
        answers.accept_answer(person("asker"), reply.id)
    home = page(member)
    assert 'href="/u/helper"' in home.split("Top helpers this month")[1]


def test_a_part_is_rendered_once_until_a_write_outdates_it(cached_app, writing):
    renders = []

    def render() -> str:
        renders.append(1)
        return "<p>part</p>"

    with cached_app.test_request_context():
        assert fragments.remember("test-part", (), render) == "<p>part</p>"
        assert fragments.remember("test-part", (), render) == "<p>part</p>"
    assert len(renders) == 1
    with writing():
        make_user("ann").display_name = "Ann B."  # a name on every page: outdates `site`
        db.session.commit()
    with cached_app.test_request_context():
        fragments.remember("test-part", (), render)
    assert len(renders) == 2
