"""GET /healthz tells a load balancer whether the hub can serve."""

from hub.outbox import jobs


def test_healthy_hub_answers_200_with_its_parts(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["parts"]) >= {"database", "jobs", "search"}
    assert "secret" not in response.get_data(as_text=True).lower()


def test_backlog_is_reported(client, db):
    jobs.enqueue("mail", {"to": "a@example.com", "subject": "s", "body": "b"}, key="health-test")
    db.session.commit()
    parts = client.get("/healthz").get_json()["parts"]
    assert parts["jobs"]["pending"] == 1


def test_unreachable_redis_is_named_and_503(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["failing"] == ["redis"]
