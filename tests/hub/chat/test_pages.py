"""What the chat pages offer each person before any JavaScript runs."""

from hub.chat import service as chat
from tests.factories import make_category, make_user


def test_the_team_finds_the_private_line_in_the_members_case_history(app, db, client, login):
    owner = make_user("kundin")
    line = chat.open_private_line(owner)
    chat.post_message(owner, line.slug, "My customer number is 4711")
    login(make_user("kai", role="expert"))
    page = client.get("/u/kundin").get_data(as_text=True)
    assert "Private line to the team: 1 message," in page
    assert f'href="/chat/{line.slug}"' in page


def test_other_members_do_not_see_the_private_line_on_a_profile(app, db, client, login):
    owner = make_user("kundin")
    line = chat.open_private_line(owner)
    login(make_user("nachbar"))
    assert line.slug not in client.get("/u/kundin").get_data(as_text=True)


def test_moderators_get_the_moderation_panels_and_members_do_not(room, client, login):
    chat.post_message(make_user("schreiber"), room.slug, "hello")
    login(make_user("petra", role="moderator"))
    page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
    assert 'data-moderate="yes"' in page and 'data-template="mute"' in page
    client.post("/logout")
    login(make_user("mitglied"))
    page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
    assert 'data-moderate="no"' in page and 'data-template="mute"' not in page
    assert 'data-template="report"' in page and "Spam or advertising" in page


def test_an_expert_on_a_private_line_may_turn_it_into_a_question(app, db, client, login):
    make_category("tarife")
    owner = make_user("kundin")
    line = chat.open_private_line(owner)
    chat.post_message(owner, line.slug, "Which plan fits me?")
    login(make_user("kai", role="expert"))
    page = client.get(f"/chat/{line.slug}").get_data(as_text=True)
    assert 'data-convert="yes"' in page and 'value="tarife"' in page


def test_the_member_finds_an_open_proposal_on_the_line(app, db, client, login):
    make_category("tarife")
    owner, expert = make_user("kundin"), make_user("kai", role="expert")
    line = chat.open_private_line(owner)
    asked = chat.post_message(owner, line.slug, "Which plan fits me, number 4711?")
    answered = chat.post_message(expert, line.slug, "The M plan.")
    chat.propose_conversion(
        expert, asked.id, answered.id, "tarife", "Which plan?", "Which plan fits me?", "M."
    )
    login(owner)
    page = client.get(f"/chat/{line.slug}").get_data(as_text=True)
    assert "data-chat-proposals" in page and "Which plan fits me?" in page
    assert "4711" not in page.split("data-proposals=")[1].split("data-topic-url")[0]


def test_visitors_read_a_room_without_action_panels(room, client):
    chat.post_message(make_user("schreiber"), room.slug, "hello visitors")
    page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
    assert "hello visitors" in page and "data-chat-actions" not in page
