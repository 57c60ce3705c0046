"""A team member's badge shows the team's title next to their name on posts, and official
answers say which team gave them."""

import re

import pytest

from hub.admin import team_service
from hub.forums import answers
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.teams.helpers import make_team

pytestmark = pytest.mark.usefixtures("db")


def page(client, topic) -> str:
    return client.get(f"/t/{topic.id}-{topic.slug}").get_data(as_text=True)


def card(html: str, anchor: str) -> str:
    match = re.search(rf'<article id="{anchor}".*?</article>', html, re.S)
    assert match, f"no card {anchor}"
    return match.group(0)


@pytest.fixture
def thread():
    expert = make_user("erik", role="expert")
    topic = make_topic(make_user("asker"), make_category("router"), title="Why does it blink?")
    reply = make_reply(topic, expert, "We know about it; a fix is coming.")
    return topic, reply, expert


def test_a_team_members_badge_shows_the_team_title(client, thread):
    topic, _reply, expert = thread
    assert '<span class="badge badge-team" title="Works for the company">Team</span>' in card(
        page(client, topic), "post-2"
    )
    make_team("Technik-Team", title="Technik", members=[expert])
    shown = card(page(client, topic), "post-2")
    assert '<span class="badge badge-team" title="Works for the company">Technik</span>' in shown


def test_the_official_stamp_names_the_team(client, thread):
    topic, reply, expert = thread
    if not reply.is_official:
        answers.mark_official(expert, reply.id)
    make_team("Technik-Team", members=[expert])
    html = page(client, topic)
    assert "Official answer · Technik-Team" in card(html, "post-2")
    assert "Official answer · Technik-Team · by erik" in card(html, "pinned-2")


def test_the_first_staff_team_joined_is_the_badge(client, thread):
    topic, _reply, expert = thread
    make_team("Super-User", staff=False, members=[expert])
    make_team("Rechnungs-Team", members=[expert])
    make_team("Technik-Team", members=[expert])
    assert ">Rechnungs-Team</span>" in card(page(client, topic), "post-2")


def test_a_renamed_or_left_team_shows_at_once(client, thread):
    topic, _reply, expert = thread
    team = make_team("Technik-Team", members=[expert])
    assert ">Technik-Team</span>" in card(page(client, topic), "post-2")
    admin = make_user(role="admin")
    team_service.edit_team(admin, team.slug, name="Technik-Team", title="Technik")
    assert ">Technik</span>" in card(page(client, topic), "post-2")
    team_service.remove_member(admin, team.slug, expert.id)
    assert 'title="Works for the company">Team</span>' in card(page(client, topic), "post-2")


def test_a_group_gives_no_badge(client):
    kim = make_user("kim")
    topic = make_topic(kim, make_category("router"))
    make_team("Super-User", staff=False, members=[kim])
    assert "badge" not in card(page(client, topic), "post-1").split("</header>")[0]


def test_a_demoted_member_loses_the_staff_badge(client, db, thread):
    topic, _reply, expert = thread
    make_team("Technik-Team", members=[expert])
    expert.role = "member"
    db.session.commit()
    assert "Technik-Team" not in card(page(client, topic), "post-2")
