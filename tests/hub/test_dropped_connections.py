"""A database connection that ends under a request (pg_terminate_backend, a restart, a
failover) costs the request a second try at most, never a 500: on PostgreSQL, for real."""

import psycopg
import pytest
from flask import request_finished
from flask_migrate import upgrade
from sqlalchemy import select, text

from hub import create_app
from hub.core import events
from hub.core.extensions import db
from hub.forums.models import Post
from tests import services
from tests.conftest import FreshContextClient, app_config
from tests.factories import make_topic, make_user

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(services_postgres, tmp_path):
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=services_postgres))
    app.test_client_class = FreshContextClient  # each request ends its own session
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def _end_this_requests_connection(sender, **extra) -> None:
    """Like pg_terminate_backend from outside, once the page is made: the request's
    connection still has its reading transaction open."""
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))
    with psycopg.connect(services.PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_page_whose_connection_ends_after_it_was_made_is_answered(pg_app):
    topic = make_topic(title="Router blinkt rot")
    client = pg_app.test_client()

    with request_finished.connected_to(_end_this_requests_connection, pg_app):
        page = client.get(f"/t/{topic.id}-{topic.slug}")

    assert page.status_code == 200
    assert "Router blinkt rot" in page.get_data(as_text=True)
    assert client.get(f"/t/{topic.id}-{topic.slug}").status_code == 200  # a fresh connection


def test_a_reply_whose_connection_ends_after_its_commit_is_answered_with_it(pg_app):
    """The reply is stored, then the database ends the connection before the page could say
    so: the request runs again under the form's write key, finds the reply and answers with it
    (once, not as a 500 the member would send again)."""
    topic = make_topic(title="DSL down in Kiel")
    client = pg_app.test_client()
    member = make_user()
    client.post("/login", data={"login": member.username, "password": "correct horse battery"})

    def end_connection(post, **extra):
        _end_this_requests_connection(None)

    form = {"body": "Here too, since 8:00.", "write_key": "form-shown-at-8"}
    with events.post_created.connected_to(end_connection):
        answer = client.post(f"/t/{topic.id}/reply", data=form)

    assert answer.status_code == 302
    stored = db.session.scalars(select(Post).where(Post.topic_id == topic.id, Post.number > 1))
    [reply] = list(stored)
    assert answer.location.endswith(f"#post-{reply.number}")
    page = client.get(answer.location).get_data(as_text=True)
    assert page.count("Your answer is posted.") == 1
