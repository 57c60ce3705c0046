"""Two real server processes share one room through Redis: messages, presence and typing cross."""

import time
import uuid

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user
from tests.hub.chat.conftest import Client


def test_messages_presence_and_typing_cross_between_processes(app, db, two_hubs):
    admin = make_user("fanout_admin", role="admin")
    slug = f"fanout-{uuid.uuid4().hex[:8]}"  # presence lives in the shared Redis: a fresh room
    room = chat.create_room(admin, slug, "Fan-out", "")
    anna, bernd = make_user("anna"), make_user("bernd", role="expert")
    first = Client(two_hubs[0].url, accounts.create_api_token(anna))
    second = Client(two_hubs[1].url, accounts.create_api_token(bernd))
    try:
        assert first.call("join", {"room": room.slug})["ok"]
        joined = second.call("join", {"room": room.slug})
        # Presence is counted across both processes.
        assert joined["room"]["online_count"] == 2 and joined["room"]["team_online"] is True
        # The first client hears of the second one (joins are announced at most once a second).
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
            p["online_count"] == 2 and p["team_online"] for p in first.received("presence")
        ):
            time.sleep(0.05)
        assert any(p["online_count"] == 2 for p in first.received("presence"))

        sent = first.call("chat", {"room": room.slug, "body": "from process one"})
        assert sent["ok"]
        [crossed] = second.wait_for(1)
        assert crossed["id"] == sent["message"]["id"]

        answer = second.call("chat", {"room": room.slug, "body": "answered from process two"})
        received = first.wait_for(2)
        assert [m["id"] for m in received] == [sent["message"]["id"], answer["message"]["id"]]

        assert second.call("typing", {"room": room.slug})["ok"]
        [typing] = first.wait_for(1, "typing")
        assert typing["user"]["username"] == "bernd"
    finally:
        first.disconnect()
        second.disconnect()
