"""/api/v1 FAQ endpoints: list, create (team), promote a solved question (team)."""

import pytest

from hub.accounts import service as accounts
from hub.faq import service as faq
from hub.forums import answers
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {accounts.create_api_token(user)}"}


@pytest.fixture
def expert():
    return make_user("jana", role="expert")


class TestList:
    def test_published_entries_in_order(self, client, expert):
        make_category("rechnung")
        make_category("mobil")
        first = faq.create_entry(expert, "rechnung", "Wann wird abgebucht?", "Am 3.")
        faq.create_entry(expert, "mobil", "Was kostet Roaming?", "Nichts in der EU.")
        faq.create_entry(expert, "rechnung", "Ein Entwurf hier?", "x", publish=False)
        body = client.get("/api/v1/faq?category=rechnung").get_json()
        assert body["items"] == [
            {
                "id": first.id,
                "question": "Wann wird abgebucht?",
                "answer_html": "<p>Am 3.</p>\n",
                "category": "rechnung",
                "source_topic_id": None,
                "helpful_count": 0,
                "url": f"http://localhost/faq/{first.id}-wann-wird-abgebucht",
                "status": "published",
                "updated_at": first.updated_at.isoformat(),
                "maintainer": "jana",
            }
        ]
        assert len(client.get("/api/v1/faq").get_json()["items"]) == 2

    def test_unknown_category(self, client):
        assert client.get("/api/v1/faq?category=nope").status_code == 404
        assert client.get("/api/v1/faq?category=bad%20slug").status_code == 422

    def test_private_category_only_for_the_team(self, client, expert):
        make_category("intern", private=True)
        faq.create_entry(expert, "intern", "Interne Frage hier?", "x")
        assert client.get("/api/v1/faq").get_json()["items"] == []
        team = client.get("/api/v1/faq", headers=bearer(expert)).get_json()["items"]
        assert [item["question"] for item in team] == ["Interne Frage hier?"]
        assert team[0]["not_helpful_count"] == 0


class TestCreate:
    def test_needs_a_token_and_the_team(self, client):
        make_category("rechnung")
        body = {"question": "Eine neue Frage?", "answer": "Ja.", "category": "rechnung"}
        assert client.post("/api/v1/faq", json=body).status_code == 401
        assert client.post("/api/v1/faq", json=body, headers=bearer(make_user())).status_code == 403

    def test_expert_creates(self, client, expert):
        make_category("rechnung")
        body = {"question": "Eine neue Frage?", "answer": "**Ja.**", "category": "rechnung"}
        response = client.post("/api/v1/faq", json=body, headers=bearer(expert))
        assert response.status_code == 201
        entry = response.get_json()
        assert entry["answer_html"] == "<p><strong>Ja.</strong></p>\n"
        assert entry["status"] == "published"

    def test_draft_and_validation(self, client, expert):
        make_category("rechnung")
        headers = bearer(expert)
        draft = {
            "question": "Ein Entwurf?",
            "answer": "x",
            "category": "rechnung",
            "status": "draft",
        }
        assert client.post("/api/v1/faq", json=draft, headers=headers).get_json()["status"] == (
            "draft"
        )
        bad = {"question": "?", "answer": "x", "category": "rechnung"}
        response = client.post("/api/v1/faq", json=bad, headers=headers)
        assert response.status_code == 422
        assert "question" in response.get_json()["error"]["fields"]
        extra = {**bad, "question": "Gute Frage hier?", "pinned": True}
        assert client.post("/api/v1/faq", json=extra, headers=headers).status_code == 400


class TestPromote:
    def test_expert_promotes_a_solved_question_once(self, client, expert):
        asker = make_user()
        topic = make_topic(asker, title="Wo ist meine Rechnung?", body="Finde sie nicht.")
        answers.accept_answer(asker, make_reply(topic, expert, body="Im Portal.").id)
        response = client.post(f"/api/v1/topics/{topic.id}/faq", headers=bearer(expert))
        assert response.status_code == 201
        entry = response.get_json()
        assert entry["source_topic_id"] == topic.id and entry["status"] == "draft"
        assert entry["question"] == "Wo ist meine Rechnung?"
        again = client.post(f"/api/v1/topics/{topic.id}/faq", headers=bearer(expert))
        assert again.status_code == 409

    def test_refusals(self, client, expert):
        topic = make_topic(title="Noch ungelöste Frage hier", body="?")
        assert client.post(f"/api/v1/topics/{topic.id}/faq").status_code == 401
        member = bearer(make_user())
        assert client.post(f"/api/v1/topics/{topic.id}/faq", headers=member).status_code == 403
        headers = bearer(expert)
        assert client.post(f"/api/v1/topics/{topic.id}/faq", headers=headers).status_code == 403
        assert client.post("/api/v1/topics/9999/faq", headers=headers).status_code == 404
