"""From chat to the community: an expert proposes, the member agrees, a public question exists."""

import pytest

from hub.chat import service as chat
from hub.core.errors import Forbidden, NotFound
from hub.core.extensions import db
from hub.forums.models import Post, Topic
from tests.factories import make_category, make_user


@pytest.fixture
def dialogue(app, db):
    category = make_category("internet-dsl")
    member, expert = make_user("kundin"), make_user("jana", role="expert")
    line = chat.open_private_line(member)
    asked = chat.post_message(member, line.slug, "My router (customer 4711) drops every night.")
    answered = chat.post_message(expert, line.slug, "Switch off the nightly 'Auto update' option.")
    return category, member, expert, line, asked, answered


def _proposal(expert_client, category, asked, answered) -> dict:
    return expert_client.call(
        "convert",
        {
            "question_id": asked.id,
            "answer_id": answered.id,
            "category": category.slug,
            "title": "Router drops the line every night",
            "question": "My router drops the line every night.",
            "answer": "Switch off the nightly 'Auto update' option.",
        },
    )


def test_member_agrees_and_the_question_is_published_without_personal_data(dialogue, connect):
    category, member, expert, _line, asked, answered = dialogue
    member_client, expert_client = connect(member), connect(expert)
    proposed = _proposal(expert_client, category, asked, answered)
    assert proposed["ok"] and proposed["conversion"]["status"] == "proposed"
    [asking] = member_client.wait_for(1, "chat_conversion")
    assert asking["id"] == proposed["conversion"]["id"] and "4711" not in str(asking)
    assert db.session.query(Topic).count() == 0  # nothing public before the member agrees
    agreed = member_client.call("consent", {"id": asking["id"], "agree": True})
    assert agreed["ok"] and agreed["conversion"]["status"] == "accepted"
    topic = db.session.get(Topic, agreed["conversion"]["topic_id"])
    assert topic.title == "Router drops the line every night"
    assert topic.author_id == member.id and topic.accepted_post_id is not None
    posts = db.session.query(Post).filter_by(topic_id=topic.id).all()
    texts = " ".join(post.raw for post in posts)
    assert "4711" not in texts and "Auto update" in texts


def test_member_may_decline(dialogue, connect):
    category, member, expert, _line, asked, answered = dialogue
    proposed = _proposal(connect(expert), category, asked, answered)
    declined = connect(member).call("consent", {"id": proposed["conversion"]["id"], "agree": False})
    assert declined["conversion"]["status"] == "declined"
    assert db.session.query(Topic).count() == 0


def test_only_the_member_decides_and_only_experts_propose(dialogue, connect):
    category, member, expert, _line, asked, answered = dialogue
    refused = _proposal(connect(member), category, asked, answered)
    assert refused["ok"] is False
    proposal = chat.propose_conversion(
        expert, asked.id, answered.id, category.slug, "Title", "Question?", "Answer."
    )
    other = connect(make_user("fremd"))
    ack = other.call("consent", {"id": proposal.id, "agree": True})
    assert ack["error"]["code"] == "not_found"
    with pytest.raises(NotFound):
        chat.decide_conversion(expert, proposal.id, True)
    assert db.session.query(Topic).count() == 0


def test_a_member_cannot_propose_in_a_public_room(room, app):
    category = make_category("mobil")
    member, other = make_user("frage"), make_user("antwort")
    asked = chat.post_message(member, room.slug, "Roaming in CH?")
    answered = chat.post_message(other, room.slug, "Costs extra.")
    with pytest.raises(Forbidden):
        chat.propose_conversion(other, asked.id, answered.id, category.slug, "T", "Q", "A")


def test_member_can_agree_over_the_api(dialogue, client):
    from hub.accounts import service as accounts

    category, member, expert, _line, asked, answered = dialogue
    proposal = chat.propose_conversion(
        expert, asked.id, answered.id, category.slug, "Nightly drops", "Why?", "Updates."
    )
    url = f"/api/v1/chat/conversions/{proposal.id}/consent"
    other = {"Authorization": f"Bearer {accounts.create_api_token(make_user('fremd'))}"}
    assert client.post(url, json={"agree": True}, headers=other).status_code == 404
    mine = {"Authorization": f"Bearer {accounts.create_api_token(member)}"}
    response = client.post(url, json={"agree": True}, headers=mine)
    assert response.status_code == 200 and response.get_json()["status"] == "accepted"
    assert client.post(url, json={"agree": True}, headers=mine).status_code == 409
