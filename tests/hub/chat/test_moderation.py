"""Moderators in chat: mute a member in a room, delete with a reason; members report messages."""

from datetime import timedelta

import pytest

from hub.chat import service as chat
from hub.chat.models import ChatMessage
from hub.core.errors import Conflict, Forbidden, Invalid
from hub.core.extensions import db
from hub.moderation.models import Flag
from tests.factories import make_user


@pytest.fixture
def moderator(app, db):
    return make_user("petra", role="moderator")


class TestMute:
    def test_muted_member_gets_an_error_ack_and_nothing_is_stored(self, room, moderator, connect):
        member = make_user("laut")
        client = connect(member)
        assert client.call("chat", {"room": room.slug, "body": "before"})["ok"]
        chat.mute_member(moderator, room.slug, "laut", 30, "Shouting in every message")
        ack = client.call("chat", {"room": room.slug, "body": "after"})
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
        assert "muted" in ack["error"]["message"]
        assert db.session.query(ChatMessage).count() == 1

    def test_a_mute_ends(self, room, moderator):
        member = make_user("laut")
        mute = chat.mute_member(moderator, room.slug, "laut", 1, "Cool down")
        mute.muted_until -= timedelta(minutes=2)
        db.session.commit()
        assert chat.post_message(member, room.slug, "back again").id

    def test_members_cannot_mute(self, room):
        make_user("laut")
        with pytest.raises(Forbidden):
            chat.mute_member(make_user("auch_member"), room.slug, "laut", 5, "no")

    def test_mute_needs_a_reason_and_a_sane_duration(self, room, moderator):
        make_user("laut")
        with pytest.raises(Invalid):
            chat.mute_member(moderator, room.slug, "laut", 5, " ")
        with pytest.raises(Invalid):
            chat.mute_member(moderator, room.slug, "laut", 60 * 24 * 31, "too long")


class TestModeratorDelete:
    def test_moderator_deletes_with_a_public_reason(self, room, moderator, connect):
        author = make_user("spammer")
        reader = connect(make_user("leserin"))
        reader.call("join", {"room": room.slug})
        message = chat.post_message(author, room.slug, "Buy cheap phones at example.com")
        with pytest.raises(Invalid):
            chat.delete_message(moderator, message.id, "")
        chat.delete_message(moderator, message.id, "Advertising")
        pushed = reader.wait_for(2)
        assert pushed[-1]["deleted"] is True and pushed[-1]["deleted_reason"] == "Advertising"
        assert "example.com" not in str(pushed[-1])

    def test_author_window_is_five_minutes(self, room):
        author = make_user("langsam")
        message = chat.post_message(author, room.slug, "old news")
        message.created_at -= timedelta(minutes=6)
        db.session.commit()
        with pytest.raises(Forbidden):
            chat.edit_message(author, message.id, "new news")
        with pytest.raises(Forbidden):
            chat.delete_message(author, message.id)


class TestReport:
    def test_member_reports_a_message_into_the_moderation_queue(self, room, client):
        from hub.accounts import service as accounts

        author, reporter = make_user("troll"), make_user("melder")
        message = chat.post_message(author, room.slug, "you are all idiots")
        response = client.post(
            f"/api/v1/chat/messages/{message.id}/flags",
            json={"reason": "abuse", "note": "insult"},
            headers={"Authorization": f"Bearer {accounts.create_api_token(reporter)}"},
        )
        assert response.status_code == 201
        flag = db.session.get(Flag, response.get_json()["id"])
        assert (flag.target_type, flag.target_id, flag.target_user_id) == (
            "message",
            message.id,
            author.id,
        )
        with pytest.raises(Conflict):
            chat.report_message(reporter, message.id, "abuse")

    def test_the_queue_shows_the_message_and_its_room(self, room, moderator, client, login):
        message = chat.post_message(make_user("laut"), room.slug, "Buy **cheap** watches")
        chat.report_message(make_user("leserin"), message.id, "spam")
        login(moderator)
        page = client.get("/moderation").get_data(as_text=True)
        assert f"Chat message in “{room.name}”" in page
        assert "Buy <strong>cheap</strong> watches" in page
        assert f'href="/chat/{room.slug}"' in page

    def test_nobody_reports_their_own_message(self, room):
        author = make_user("selbst")
        message = chat.post_message(author, room.slug, "hello")
        with pytest.raises(Forbidden):
            chat.report_message(author, message.id, "spam")


class TestOverTheSocket:
    def test_moderator_mutes_and_member_reports_over_the_socket(self, room, moderator, connect):
        member, reporter = make_user("laut"), make_user("melderin")
        loud = connect(member)
        sent = loud.call("chat", {"room": room.slug, "body": "SPAM SPAM"})["message"]
        report = connect(reporter).call("report", {"id": sent["id"], "reason": "spam"})
        assert report["ok"] and report["flag"]["status"] == "open"
        bad_reason = connect(reporter).call("report", {"id": sent["id"], "reason": "meh"})
        assert bad_reason["ok"] is False
        mod = connect(moderator)
        muted = mod.call(
            "mute", {"room": room.slug, "username": "laut", "minutes": 10, "reason": "Spam"}
        )
        assert muted["ok"] is True
        assert loud.call("chat", {"room": room.slug, "body": "more"})["error"]["code"] == (
            "forbidden"
        )
        refused = connect(reporter).call(
            "mute", {"room": room.slug, "username": "laut", "minutes": 10, "reason": "x"}
        )
        assert refused["error"]["code"] == "forbidden"


class TestModerationLog:
    def test_a_moderator_deletion_is_logged_and_closes_its_reports(self, room, moderator):
        from hub.moderation.models import Action, FlagStatus, ModerationAction

        author = make_user("spammer")
        message = chat.post_message(author, room.slug, "Buy cheap phones")
        flag = chat.report_message(make_user("leserin"), message.id, "spam")
        chat.delete_message(moderator, message.id, "Advertising")
        entry = db.session.query(ModerationAction).one()
        assert entry.action == Action.CHAT_DELETE and entry.target_type == "message"
        assert entry.target_id == message.id and entry.target_user_id == author.id
        assert entry.public_reason == "Advertising" and entry.actor_id == moderator.id
        assert "Störungen live" in entry.note
        assert db.session.get(Flag, flag.id).status == FlagStatus.ACTIONED

    def test_an_author_taking_a_message_back_is_not_logged(self, room):
        from hub.moderation.models import ModerationAction

        author = make_user("schnell")
        message = chat.post_message(author, room.slug, "typo")
        chat.delete_message(author, message.id, "whatever the author writes")
        assert db.session.get(ChatMessage, message.id).deleted_reason == ""
        assert db.session.query(ModerationAction).count() == 0

    def test_a_mute_is_logged_with_its_end(self, room, moderator, client, login):
        from hub.moderation.models import Action, ModerationAction

        member = make_user("laut")
        mute = chat.mute_member(moderator, room.slug, "laut", 60, "Shouting")
        entry = db.session.query(ModerationAction).one()
        assert entry.action == Action.CHAT_MUTE and entry.target_user_id == member.id
        assert entry.until == mute.muted_until and entry.public_reason == "Shouting"
        login(moderator)
        log_page = client.get("/moderation/log").get_data(as_text=True)
        assert "muted in chat" in log_page and "Shouting" in log_page

    def test_the_muted_member_reads_until_when_and_why(self, room, moderator, client, login):
        member = make_user("laut")
        chat.mute_member(moderator, room.slug, "laut", 60, "Shouting in every message")
        login(member)
        page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
        assert "You are muted in this room until" in page
        assert "Reason: Shouting in every message" in page
        assert "data-chat-composer" not in page

    def test_the_muted_member_is_told_live(self, room, moderator, connect):
        page = connect(make_user("laut"))
        chat.mute_member(moderator, room.slug, "laut", 10, "Cool down")
        [pushed] = page.wait_for(1, "chat_muted")
        assert pushed["room"] == room.slug and pushed["reason"] == "Cool down"
        ack = page.call("chat", {"room": room.slug, "body": "hello?"})
        assert "until" in ack["error"]["message"] and "Cool down" in ack["error"]["message"]
