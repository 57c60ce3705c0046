"""Chat over /live with real python-socketio clients against a real server."""

import threading
import time

from sqlalchemy import insert, select

from hub.accounts.models import User
from hub.chat import service as chat
from hub.chat.models import ChatMessage
from hub.core.columns import utcnow
from hub.core.extensions import db
from tests.factories import make_user


class TestJoinAndLeave:
    def test_visitor_reads_a_public_room_but_cannot_write(self, room, connect):
        member, visitor = make_user("anna"), connect()
        assert visitor.call("join", {"room": room.slug})["ok"] is True
        writer = connect(member)
        writer.call("join", {"room": room.slug})
        assert writer.call("chat", {"room": room.slug, "body": "Is the line down?"})["ok"]
        [pushed] = visitor.wait_for(1)
        assert pushed["html"].strip() == "<p>Is the line down?</p>"
        refused = visitor.call("chat", {"room": room.slug, "body": "me too"})
        assert refused == {
            "ok": False,
            "error": {"code": "unauthorized", "message": "Log in first.", "fields": {}},
        }

    def test_join_reports_presence_and_team_online(self, room, connect):
        member, expert = make_user("berta"), make_user("jana", role="expert")
        first = connect(member).call("join", {"room": room.slug})
        assert first["room"]["online_count"] == 1 and first["room"]["team_online"] is False
        second = connect(expert).call("join", {"room": room.slug})
        assert second["room"]["online_count"] == 2 and second["room"]["team_online"] is True

    def test_after_leaving_a_room_its_messages_no_longer_arrive(self, room, connect):
        reader, writer = connect(make_user("carl")), connect(make_user("dora"))
        reader.call("join", {"room": room.slug})
        assert reader.call("leave", {"room": room.slug}) == {"ok": True}
        writer.call("chat", {"room": room.slug, "body": "Anyone here?"})
        reader.sio.sleep(0.5)
        assert reader.received() == []

    def test_unknown_room_is_refused(self, app, db, connect):
        ack = connect(make_user("emil")).call("join", {"room": "no-such-room"})
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_room"


class TestSending:
    def test_ack_carries_the_stored_message_and_the_room_gets_it(self, room, connect):
        author = make_user("frieda")
        sender, reader = connect(author), connect(make_user("gustav"))
        reader.call("join", {"room": room.slug})
        ack = sender.call("chat", {"room": room.slug, "body": "Router **blinks** red, @gustav"})
        assert ack["ok"] is True
        message = ack["message"]
        stored = db.session.get(ChatMessage, message["id"])
        assert stored.raw == "Router **blinks** red, @gustav" == message["raw"]
        assert message["html"] == stored.html and "<strong>blinks</strong>" in stored.html
        assert 'class="mention"' in stored.html
        assert message["created_at"] == stored.created_at.isoformat()
        assert message["room"] == room.slug and message["author"]["username"] == "frieda"
        [pushed] = reader.wait_for(1)
        assert pushed["id"] == message["id"] and pushed["html"] == message["html"]
        assert "raw" not in pushed

    def test_markdown_cannot_inject_markup(self, room, connect):
        ack = connect(make_user("hugo")).call(
            "chat", {"room": room.slug, "body": "<script>alert(1)</script>"}
        )
        assert "<script>" not in ack["message"]["html"]
        assert "&lt;script&gt;" in ack["message"]["html"]

    def test_rate_limit_is_five_messages_in_ten_seconds(self, room, connect):
        sender = connect(make_user("ida"))
        acks = [sender.call("chat", {"room": room.slug, "body": f"msg {n}"}) for n in range(6)]
        assert [a["ok"] for a in acks] == [True] * 5 + [False]
        assert acks[5]["error"]["code"] == "rate_limited"
        assert 1 <= acks[5]["error"]["retry_after"] <= 11
        assert db.session.query(ChatMessage).count() == 5

    def test_a_message_sent_again_with_its_key_is_stored_once(self, room, connect):
        sender, reader = connect(make_user("lotte")), connect(make_user("max"))
        reader.call("join", {"room": room.slug})
        first = sender.call("chat", {"room": room.slug, "body": "Still down", "key": "k-1"})
        again = sender.call("chat", {"room": room.slug, "body": "Still down", "key": "k-1"})

        assert first["ok"] and again["ok"]
        assert again["message"]["id"] == first["message"]["id"]
        assert db.session.query(ChatMessage).count() == 1
        # The room gets the one message again (a page replaces it by its id).
        assert {m["id"] for m in reader.wait_for(2)} == {first["message"]["id"]}
        # The same words under a new key, or without one, are a new message.
        assert sender.call("chat", {"room": room.slug, "body": "Still down", "key": "k-2"})["ok"]
        assert sender.call("chat", {"room": room.slug, "body": "Still down"})["ok"]
        assert db.session.query(ChatMessage).count() == 3

    def test_a_stored_message_whose_broadcast_was_lost_reaches_the_room_on_resend(
        self, room, connect
    ):
        member = make_user("rita")
        reader = connect(make_user("sven"))
        reader.call("join", {"room": room.slug})
        lost = dict(room_id=room.id, author_id=member.id, raw="Lost?", html="<p>Lost?</p>")
        # Stored, then the database connection died before the broadcast and the answer.
        db.session.execute(insert(ChatMessage).values(**lost, client_key="k", created_at=utcnow()))
        db.session.commit()
        assert reader.wait_for(1, timeout=0.5) == []

        again = connect(member).call("chat", {"room": room.slug, "body": "Lost?", "key": "k"})

        assert again["ok"] and db.session.query(ChatMessage).count() == 1
        [pushed] = reader.wait_for(1)
        assert pushed["id"] == again["message"]["id"] and pushed["html"] == "<p>Lost?</p>"

    def test_two_tabs_sending_one_key_at_once_store_it_once(self, room, connect):
        member = make_user("paula")
        tabs, slug, acks = [connect(member), connect(member)], room.slug, [None, None]

        def send(n: int) -> None:
            acks[n] = tabs[n].call("chat", {"room": slug, "body": "Twice?", "key": "tab"})

        threads = [threading.Thread(target=send, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)

        assert acks[0]["ok"] and acks[1]["ok"], acks
        assert acks[0]["message"]["id"] == acks[1]["message"]["id"]
        assert db.session.query(ChatMessage).count() == 1

    def test_a_resend_while_the_first_is_being_stored_is_stored_once(self, app, room):
        member = make_user("quinn")
        slug, member_id = room.slug, member.id
        first_row = dict(room_id=room.id, author_id=member_id, raw="On its way", client_key="k")
        resent = {}

        def resend() -> None:
            with app.app_context():
                author = db.session.get(User, member_id)
                resent["id"] = chat.post_message(author, slug, "On its way", "k").id

        with db.engine.connect() as first:  # the first send, written but not yet committed
            first.execute(insert(ChatMessage).values(**first_row, html="", created_at=utcnow()))
            thread = threading.Thread(target=resend)
            thread.start()
            time.sleep(0.5)  # the resend found nothing committed and now waits for the row
            first.commit()
        thread.join(20)

        assert resent["id"] == db.session.scalar(select(ChatMessage.id))
        assert db.session.query(ChatMessage).count() == 1

    def test_another_members_key_is_theirs_alone(self, room, connect):
        one, other = connect(make_user("nora")), connect(make_user("olaf"))
        mine = one.call("chat", {"room": room.slug, "body": "Mine", "key": "same"})
        theirs = other.call("chat", {"room": room.slug, "body": "Theirs", "key": "same"})
        assert theirs["message"]["id"] != mine["message"]["id"]
        assert theirs["message"]["raw"] == "Theirs"

    def test_team_is_not_rate_limited(self, room, connect):
        sender = connect(make_user("kai", role="expert"))
        acks = [sender.call("chat", {"room": room.slug, "body": f"answer {n}"}) for n in range(7)]
        assert all(a["ok"] for a in acks)


class TestBadInput:
    def test_bad_payloads_get_error_acks_and_the_connection_survives(self, room, connect):
        client = connect(make_user("jonas"))
        bad = [
            ("chat", None),
            ("chat", "just a string"),
            ("chat", [1, 2]),
            ("chat", {"body": "no room"}),
            ("chat", {"room": 7, "body": "room is a number"}),
            ("chat", {"room": room.slug}),
            ("chat", {"room": room.slug, "body": 42}),
            ("chat", {"room": room.slug, "body": "   "}),
            ("chat", {"room": room.slug, "body": "x" * 2001}),
            ("chat", {"room": room.slug, "body": "nul\x00byte"}),
            ("chat", {"room": room.slug, "body": "hi", "key": 7}),
            ("chat", {"room": room.slug, "body": "hi", "key": ""}),
            ("chat", {"room": room.slug, "body": "hi", "key": "k" * 65}),
            ("chat", {"room": room.slug, "body": "hi", "key": "no spaces"}),
            ("chat", {"room": "../../etc", "body": "hi"}),
            ("chat", {"room": "x" * 10_000, "body": "hi"}),
            ("history", {"room": room.slug, "after": "zero"}),
            ("history", {"room": room.slug, "after": -1}),
            ("history", {"room": room.slug, "after": 2**80}),
            ("edit", {"id": "1", "body": "x"}),
            ("edit", {"id": 999999, "body": "x"}),
            ("delete", {"id": True}),
            ("typing", {"room": 3}),
            ("join", {"room": ["a"]}),
            ("join", "stoerungen-live"),
        ]
        for event, payload in bad:
            ack = client.call(event, payload)
            assert ack["ok"] is False, (event, payload, ack)
            assert set(ack["error"]) >= {"code", "message"}
        assert db.session.query(ChatMessage).count() == 0
        good = client.call("chat", {"room": room.slug, "body": "still works"})
        assert good["ok"] is True


class TestEditAndDelete:
    def test_author_edits_and_the_room_sees_the_new_text(self, room, connect):
        author, reader = connect(make_user("lena")), connect(make_user("max"))
        reader.call("join", {"room": room.slug})
        sent = author.call("chat", {"room": room.slug, "body": "typo hier"})["message"]
        edited = author.call("edit", {"id": sent["id"], "body": "Tippfehler hier"})
        assert edited["ok"] and edited["message"]["edited_at"] is not None
        pushed = reader.wait_for(2)
        assert pushed[1]["id"] == sent["id"] and "Tippfehler" in pushed[1]["html"]

    def test_others_cannot_edit_or_delete(self, room, connect):
        sent = connect(make_user("nina")).call("chat", {"room": room.slug, "body": "mine"})
        other = connect(make_user("otto"))
        message_id = sent["message"]["id"]
        assert other.call("edit", {"id": message_id, "body": "yours"})["error"]["code"] == (
            "forbidden"
        )
        assert other.call("delete", {"id": message_id})["error"]["code"] == "forbidden"

    def test_author_deletes_and_replay_keeps_the_id_without_text(self, room, connect):
        author = connect(make_user("paula"))
        sent = author.call("chat", {"room": room.slug, "body": "my customer number 123"})
        deleted = author.call("delete", {"id": sent["message"]["id"]})
        assert deleted["ok"] and deleted["message"]["deleted"] is True
        history = author.call("history", {"room": room.slug, "after": 0})
        [item] = history["messages"]
        assert item["deleted"] is True and item["html"] == "" and "123" not in str(item)
