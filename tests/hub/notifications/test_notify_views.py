"""The bell, the list, mark read, e-mail settings and the unsubscribe link, through HTTP."""

import re

import pytest
from sqlalchemy import event

from hub.notifications import queries
from hub.notifications import service as notifications
from tests.factories import make_reply, make_topic, make_user
from tests.hub.notifications.helpers import notifications_of, run_worker, tamper


@pytest.fixture
def asker(db):
    return make_user("asker")


@pytest.fixture
def topic(asker):
    return make_topic(asker)


@pytest.fixture
def two_replies(app, asker, topic):
    """Bob replies, then Carla mentions the asker: two unread notifications for the asker."""
    make_reply(topic, make_user("bob"))
    make_reply(topic, make_user("carla"), "@asker did that help?")
    run_worker(app)
    return notifications_of(asker)


def notification_queries(db, action) -> list[str]:
    """The SQL statements touching the notifications table while `action` runs."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return [s for s in statements if "notifications" in s]


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


class TestBell:
    def test_the_header_shows_the_unread_count_to_screen_readers_too(
        self, client, login, asker, two_replies
    ):
        login(asker)
        html = page(client.get("/"))
        bell = re.search(r'<a class="notification-bell"[^>]*>.*?</a>', html).group(0)
        assert 'aria-label="Notifications (2 unread)"' in bell
        assert 'data-label="Notifications ({n} unread)"' in bell
        assert '<span class="badge" data-notification-count>2</span>' in bell

    def test_no_unread_shows_no_badge(self, client, login, asker):
        login(asker)
        html = page(client.get("/"))
        assert 'aria-label="Notifications (0 unread)"' in html
        assert "<span hidden data-notification-count>0</span>" in html

    def test_the_scripts_carry_the_nonce_and_the_socket_client_comes_first(
        self, client, login, asker
    ):
        login(asker)
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        html = page(response)
        scripts = re.findall(r'<script nonce="([^"]+)" src="([^"]+)" defer></script>', html)
        sources = [src for _nonce, src in scripts]
        assert {n for n, _src in scripts} == {nonce}
        assert sources.index("/static/vendor/socket.io.min.js") < sources.index(
            "/static/js/notifications.js"
        )
        assert "<script>" not in html and " style=" not in html

    def test_one_count_query_for_members_none_for_visitors(self, client, db, login, asker):
        assert notification_queries(db, lambda: client.get("/")) == []
        login(asker)
        [count] = notification_queries(db, lambda: client.get("/"))
        assert count.startswith("SELECT count(notifications.id)")

    def test_the_bell_asks_for_the_count_after_a_reconnect(self, client, login, asker, two_replies):
        login(asker)
        assert client.get("/notifications/unread.json").get_json() == {"unread": 2}

    def test_visitors_get_no_bell_and_no_socket(self, client, db):
        html = page(client.get("/"))
        assert "notification-bell" not in html and "notifications.js" not in html


class TestList:
    def test_newest_first_says_who_did_what_where(self, client, login, asker, two_replies):
        login(asker)
        html = page(client.get("/notifications"))
        mention = html.index("carla mentioned you in “How do I reset my router?”")
        reply = html.index("bob replied in “How do I reset my router?”")
        assert mention < reply
        assert html.count('class="notification is-unread"') == 2
        assert f'href="/notifications/{two_replies[0].id}/open"' in html

    def test_visitors_are_sent_to_log_in(self, client, db):
        response = client.get("/notifications")
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]

    def test_thirty_per_page_then_a_more_link(self, app, client, login, asker, topic):
        bob = make_user("bob")
        for n in range(31):
            make_reply(topic, bob, f"Idea number {n}.")
        run_worker(app)
        login(asker)
        first = page(client.get("/notifications"))
        assert first.count('class="notification ') == 30
        more = re.search(r'href="(/notifications\?cursor=\d+)"', first).group(1)
        second = page(client.get(more))
        assert second.count('class="notification ') == 1
        assert 'rel="next"' not in second


class TestMarkRead:
    def test_opening_marks_read_and_goes_to_the_post(self, client, login, asker, two_replies):
        login(asker)
        newest = two_replies[0]
        response = client.get(f"/notifications/{newest.id}/open")
        assert response.headers["Location"] == f"/p/{newest.post_id}"
        assert [n.is_read for n in notifications_of(asker)] == [True, False]
        on_topic = client.get(response.headers["Location"])
        assert on_topic.headers["Location"].endswith(f"#post-{newest.post.number}")

    def test_a_post_deep_in_a_long_topic_is_found(self, app, client, login, asker, topic):
        bob = make_user("bob")
        for n in range(25):  # more than fit on the topic's first page
            make_reply(topic, bob, f"Idea number {n}.")
        run_worker(app)
        login(asker)
        newest = notifications_of(asker)[0]
        html = page(client.get(f"/notifications/{newest.id}/open", follow_redirects=True))
        assert f'id="post-{newest.post.number}"' in html

    def test_the_button_marks_one_read(self, client, login, asker, two_replies):
        login(asker)
        oldest = two_replies[-1]
        response = client.post(f"/notifications/{oldest.id}/read", data={"next": "/notifications"})
        assert response.headers["Location"] == "/notifications"
        assert [n.is_read for n in notifications_of(asker)] == [False, True]

    def test_someone_elses_notification_is_not_found(self, client, login, two_replies):
        login(make_user("mallory"))
        assert client.post(f"/notifications/{two_replies[0].id}/read").status_code == 404
        assert client.get(f"/notifications/{two_replies[0].id}/open").status_code == 404
        assert not any(n.is_read for n in two_replies)

    def test_mark_all_read(self, client, login, asker, two_replies):
        login(asker)
        response = client.post("/notifications/read-all", follow_redirects=True)
        html = page(response)
        assert "All notifications are marked read." in html
        assert 'aria-label="Notifications (0 unread)"' in html
        assert queries.unread_count(asker.id) == 0

    def test_a_post_without_the_csrf_token_changes_nothing(
        self, app, client, login, asker, two_replies, monkeypatch
    ):
        login(asker)
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        assert client.post("/notifications/read-all").status_code == 400
        assert client.post(f"/notifications/{two_replies[0].id}/read").status_code == 400
        assert queries.unread_count(asker.id) == 2


class TestSettings:
    def test_every_kind_is_on_until_turned_off(self, client, login, asker):
        login(asker)
        html = page(client.get("/settings/notifications"))
        checked = re.findall(r'<input checked id="\w+" name="(\w+)" type="checkbox"', html)
        assert len(checked) == 7
        assert "spoke_reconnect" not in checked  # a team matter: members are not asked

    def test_the_team_also_chooses_about_spoke_accounts(self, client, login):
        login(make_user(role="admin"))
        html = page(client.get("/settings/notifications"))
        assert 'name="spoke_reconnect"' in html

    def test_unchecked_boxes_turn_e_mail_off(self, client, login, asker):
        login(asker)
        response = client.post(
            "/settings/notifications", data={"mention": "y", "accepted": "y", "official": "y"}
        )
        assert response.status_code == 302
        choices = queries.email_choices(asker.id)
        assert (choices["reply"], choices["expert_answer"], choices["mention"]) == (
            False,
            False,
            True,
        )
        html = page(client.get("/settings/notifications"))
        assert len(re.findall(r"<input checked", html)) == 3


class TestUnsubscribe:
    def test_the_link_asks_then_turns_that_kind_off(self, app, client, db, asker):
        token = notifications.unsubscribe_token(asker.id, "reply")
        html = page(client.get(f"/notifications/unsubscribe/{token}"))
        assert "Stop e-mails to asker for “Replies in topics I follow”?" in html
        assert queries.email_choices(asker.id)["reply"] is True  # a GET changes nothing
        done = page(client.post(f"/notifications/unsubscribe/{token}"))
        assert "Done: asker gets no more e-mails" in done
        assert queries.email_choices(asker.id) == {
            "reply": False,
            "mention": True,
            "accepted": True,
            "official": True,
            "expert_answer": True,
            "new_question": True,
            "chat_reply": True,
            "moderation": True,
            "spoke_reconnect": True,
        }

    def test_a_tampered_link_is_refused(self, client, db, asker):
        victim = make_user("victim")
        token = tamper(notifications.unsubscribe_token(asker.id, "reply"), uid=victim.id)
        assert client.get(f"/notifications/unsubscribe/{token}").status_code == 422
        assert client.post(f"/notifications/unsubscribe/{token}").status_code == 422
        assert queries.email_choices(victim.id)["reply"] is True

    def test_the_confirm_button_needs_the_csrf_token(self, app, client, db, asker, monkeypatch):
        token = notifications.unsubscribe_token(asker.id, "reply")
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        form = page(client.get(f"/notifications/unsubscribe/{token}"))
        assert client.post(f"/notifications/unsubscribe/{token}").status_code == 400
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        response = client.post(f"/notifications/unsubscribe/{token}", data={"csrf_token": csrf})
        assert response.status_code == 200
        assert queries.email_choices(asker.id)["reply"] is False
