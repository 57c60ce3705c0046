"""Notifications about something other than a post: a private chat reply, a moderator's decision,
a spoke account that needs reconnecting (`hub.notifications.direct.notify`)."""

import pytest

from hub.accounts import service as accounts
from hub.core.extensions import db
from hub.notifications.direct import notify
from hub.notifications.models import Kind
from tests.factories import make_user
from tests.hub.notifications.helpers import mails_to, notifications_of, unconfirm
from tests.hub.notifications.test_notify_live import Listener, disconnect_all


def tell(users, kind=Kind.CHAT_REPLY, ref="chat-message:1", actor=None):
    created = notify(
        [user.id for user in users],
        kind,
        path="/chat/private",
        text="The team answered you in your private chat",
        ref=ref,
        actor_id=actor.id if actor else None,
    )
    db.session.commit()
    return created


class TestWriting:
    def test_the_member_sees_it_in_the_list_and_is_taken_to_its_page(self, client, login):
        member = make_user("member")
        [notification] = tell([member])
        login(member)
        html = client.get("/notifications").get_data(as_text=True)
        assert "The team answered you in your private chat" in html
        response = client.get(f"/notifications/{notification.id}/open")
        assert (response.status_code, response.location) == (302, "/chat/private")
        assert notifications_of(member)[0].is_read

    def test_a_retry_tells_nobody_twice(self, db):
        member = make_user("member")
        tell([member])
        assert tell([member]) == []
        assert len(notifications_of(member)) == 1
        assert len(mails_to(member)) == 1

    def test_another_ref_is_another_notification(self, db):
        member = make_user("member")
        tell([member], ref="chat-message:1")
        tell([member], ref="chat-message:2")
        assert len(notifications_of(member)) == 2

    def test_nothing_stays_when_the_caller_rolls_back(self, db):
        member = make_user("member")
        notify([member.id], Kind.CHAT_REPLY, path="/chat", text="x", ref="r")
        db.session.rollback()
        assert notifications_of(member) == []
        assert mails_to(member) == []

    def test_the_actor_is_not_told_of_their_own_action(self, db):
        expert = make_user("expert", role="expert")
        assert tell([expert], actor=expert) == []

    def test_team_matters_reach_the_team_only(self, db):
        admin, member = make_user("admin", role="admin"), make_user("member")
        created = tell([admin, member], kind=Kind.SPOKE_RECONNECT, ref="spoke:1")
        assert [n.user_id for n in created] == [admin.id]

    @pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example", "chat", ""])
    def test_only_hub_paths(self, db, path):
        with pytest.raises(ValueError):
            notify([make_user().id], Kind.CHAT_REPLY, path=path, text="x", ref="r")

    def test_post_kinds_need_a_post(self, db):
        with pytest.raises(ValueError):
            notify([make_user().id], Kind.REPLY, path="/", text="x", ref="r")


class TestMail:
    def test_the_mail_says_it_and_links_to_the_page(self, app, db):
        member = make_user("member")
        tell([member])
        [mail] = mails_to(member)
        assert mail["subject"] == "The team answered you in your private chat"
        assert f"{app.config['BASE_URL'].rstrip('/')}/chat/private" in mail["body"]

    def test_no_mail_when_turned_off_or_unconfirmed(self, client, login, db):
        member, stranger = make_user("member"), unconfirm(make_user("stranger"))
        login(member)
        client.post("/settings/notifications", data={"reply": "y"})  # chat replies unchecked
        tell([member, stranger])
        assert mails_to(member) == [] and mails_to(stranger) == []
        assert len(notifications_of(member)) == 1  # the bell still tells


class TestApiAndLive:
    def test_the_api_lists_it_with_its_url(self, app, client, db):
        member = make_user("member")
        tell([member])
        token = accounts.create_api_token(member)
        body = client.get(
            "/api/v1/notifications", headers={"Authorization": f"Bearer {token}"}
        ).get_json()
        [item] = body["items"]
        assert (item["kind"], item["topic_id"], item["post_id"]) == ("chat_reply", None, None)
        assert item["url"] == f"{app.config['BASE_URL'].rstrip('/')}/chat/private"

    def test_the_bell_rings_after_the_commit_only(self, app, db, live_server):
        member = make_user("member")
        listener = Listener(live_server.url, accounts.create_api_token(member))
        try:
            notify([member.id], Kind.CHAT_REPLY, path="/chat", text="rolled back", ref="a")
            db.session.rollback()
            [notification] = tell([member], ref="b")
            events = listener.wait_for(1)
            listener.client.sleep(0.3)
        finally:
            disconnect_all(listener)
        assert [event["text"] for event in listener.events] == [
            "The team answered you in your private chat"
        ]
        assert events[0]["unread"] == 1
        assert events[0]["url"] == f"/notifications/{notification.id}/open"
