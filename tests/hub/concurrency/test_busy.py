"""When every attempt loses (another transaction keeps the lock), the writer is told to send
again and keeps what they wrote: the form shows it, the API answers 503 with Retry-After, and
nothing half-written is stored."""

import sqlite3

import psycopg
import pytest
from sqlalchemy import event, func, select

from hub.accounts import service as accounts
from hub.core import transactions
from hub.core.extensions import db
from hub.forums.models import Post, Topic
from hub.moderation import reports
from tests.factories import make_reply, make_topic, make_user

TEXT = "Since 8:00 the line drops every ten minutes; the router shows DSL red."


@pytest.fixture
def hold_lock(app, monkeypatch):
    """`hold_lock(table, row_id)`: another connection keeps the lock a write to that row needs
    (on SQLite the writer lock of the whole file), and ours give up waiting after a tenth of a
    second; the retries pause only briefly."""
    monkeypatch.setattr(transactions, "FIRST_PAUSE", 0.001)
    url = db.engine.url
    postgres = url.get_backend_name() == "postgresql"
    if postgres:
        rival = psycopg.connect(url.set(drivername="postgresql").render_as_string(False))
        short_wait = "SET lock_timeout = '100ms'"
    else:
        rival = sqlite3.connect(url.database, isolation_level=None)
        short_wait = "PRAGMA busy_timeout = 100"

    def wait_briefly(dbapi_connection, record, proxy):
        cursor = dbapi_connection.cursor()
        cursor.execute(short_wait)
        cursor.close()

    def hold(table: str, row_id: int) -> None:
        if postgres:
            rival.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", (row_id,))
        else:
            rival.execute("BEGIN IMMEDIATE")
        event.listen(db.engine, "checkout", wait_briefly)

    yield hold
    if event.contains(db.engine, "checkout", wait_briefly):
        event.remove(db.engine, "checkout", wait_briefly)
    rival.rollback()
    rival.close()
    db.engine.dispose()  # no pooled connection keeps the short wait


def _posts(topic_id: int) -> int:
    return db.session.scalar(select(func.count(Post.id)).where(Post.topic_id == topic_id))


def test_the_reply_form_comes_back_with_the_text_and_why(client, login, hold_lock):
    topic = make_topic()
    login(make_user())
    hold_lock("topics", topic.id)
    page = client.post(f"/t/{topic.id}/reply", data={"body": TEXT})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "So many people are writing right now" in html
    assert TEXT in html.split('name="body"', 1)[1]  # in the reply box, ready to send again
    assert _posts(topic.id) == 1


def test_the_api_answers_503_with_retry_after(client, hold_lock):
    topic = make_topic()
    token = accounts.create_api_token(make_user())
    hold_lock("topics", topic.id)
    answer = client.post(
        f"/api/v1/topics/{topic.id}/posts",
        json={"body": TEXT},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == str(transactions.RETRY_AFTER)
    assert answer.get_json()["error"]["code"] == "busy"
    assert _posts(topic.id) == 1
    assert db.session.get(Topic, topic.id).reply_count == 0


def test_a_failed_form_elsewhere_offers_the_text_again(client, login, hold_lock):
    """The dismiss form maps only its own errors; the busy page keeps the moderator's note."""
    reported = make_reply(make_topic())
    flag = reports.report_post(make_user(), reported.id, "spam")
    login(make_user(role="moderator"))
    hold_lock("flags", flag.id)
    note = "Checked with the customer: a real question, not spam."
    page = client.post(f"/moderation/flags/{flag.id}/dismiss", data={"note": note})
    html = page.get_data(as_text=True)
    assert page.status_code == 503
    assert page.headers["Retry-After"] == str(transactions.RETRY_AFTER)
    assert f">{note}</textarea>" in html
    assert 'action="/moderation/flags/' in html and "Send again" in html


def test_the_api_document_names_the_busy_answer(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"][
        "/api/v1/topics/{topic_id}/posts"
    ]
    busy = operation["post"]["responses"]["503"]
    assert "Retry-After" in busy["headers"]
