"""Profile pages: public activity for everyone, the whole case history for the team."""

from hub.moderation import post_actions
from tests.factories import make_reply, make_topic, make_user


def test_team_sees_reports_and_hidden_posts_members_do_not(app, client, db, login):
    customer = make_user("kunde")
    topic = make_topic(customer, title="Router blinkt rot seit dem Update")
    reply = make_reply(topic, customer, body="Meine Kundennummer ist 12345678")
    post_actions.hide_post(make_user("mod", role="moderator"), reply.id, "personal data")

    login(make_user("nachbar"))
    page = client.get("/u/kunde").get_data(as_text=True)
    assert "Router blinkt rot" in page
    assert "Reports and decisions" not in page
    client.post("/logout")

    login(make_user("jana", role="expert"))
    page = client.get("/u/kunde").get_data(as_text=True)
    assert "Reports and decisions (visible to the team)" in page
    assert "1 of them hidden" in page
    assert "hidden" in page and "personal data" in page
