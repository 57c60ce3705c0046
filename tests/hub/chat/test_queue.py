"""A reported chat message shows up in the moderators' queue without breaking it."""

from hub.chat import service as chat
from tests.factories import make_user


def test_the_queue_page_renders_with_a_message_report(room, client, login):
    author, reporter = make_user("troll"), make_user("melder")
    message = chat.post_message(author, room.slug, "insult")
    chat.report_message(reporter, message.id, "abuse")
    login(make_user("petra", role="moderator"))
    assert client.get("/moderation").status_code == 200
