"""Chat actions: the one name the surfaces, the demo loader and the tests call them by.

Each action lives with what it decides: `rooms` (finding rooms and messages, membership,
opening public rooms, how far a member has read), `private_line` (the member's line to the
team), `messages` (sending, editing, deleting, reading a room), `moderation` (mutes, reports,
the log of chat decisions) and `conversions` (a chat answer published as a forum question).
These modules are the only code that writes the chat tables.
"""

from hub.chat.conversions import decide_conversion, propose_conversion
from hub.chat.messages import (
    delete_message,
    edit_message,
    latest_messages,
    messages_after,
    post_message,
)
from hub.chat.moderation import mute_member, report_message
from hub.chat.private_line import open_private_line
from hub.chat.rooms import MAX_ID, create_room, get_message, get_room, mark_read, membership

__all__ = [
    "MAX_ID",
    "create_room",
    "decide_conversion",
    "delete_message",
    "edit_message",
    "get_message",
    "get_room",
    "latest_messages",
    "mark_read",
    "membership",
    "messages_after",
    "mute_member",
    "open_private_line",
    "post_message",
    "propose_conversion",
    "report_message",
]
