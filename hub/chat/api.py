"""/api/v1 chat: rooms the caller may see, a room's history (`after=` for catching up), and
sending, reporting and opening the private line with the same services the sockets use."""

from pydantic import BaseModel, Field

from hub.api.auth import api_user, require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.chat import publish, queries
from hub.chat import service as chat
from hub.chat.models import BODY_MAX

bp = api_blueprint("chat_api", __name__)

TAG = "chat"
PAGE = 100  # messages per page of history


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    is_expert: bool
    url: str


class ChatRoomOut(BaseModel):
    slug: str
    name: str
    description: str
    private: bool
    online_count: int
    team_online: bool
    unread: int


class ChatRoomListOut(BaseModel):
    items: list[ChatRoomOut]
    next: str | None


class ChatMessageOut(BaseModel):
    id: int
    room: str
    author: UserOut
    html: str
    created_at: str
    edited_at: str | None
    deleted: bool


class ChatMessageListOut(BaseModel):
    items: list[ChatMessageOut]
    next: str | None


class HistoryQuery(BaseModel):
    after: int = Field(default=0, ge=0, le=2**63 - 1)
    cursor: int | None = Field(default=None, ge=0, le=2**63 - 1)


class MessageIn(Strict):
    body: str = Field(max_length=BODY_MAX * 2)


class ReportIn(Strict):
    reason: str = Field(max_length=32)
    note: str = Field(default="", max_length=1000)


class FlagOut(BaseModel):
    id: int
    status: str


@endpoint(bp, "/chat/rooms", "GET", summary="Chat rooms", response=ChatRoomListOut, tag=TAG)
def list_rooms():
    viewer = api_user()
    return {"items": queries.rooms_json(viewer, queries.visible_rooms(viewer)), "next": None}


@endpoint(
    bp,
    "/chat/rooms/<slug>/messages",
    "GET",
    summary="A room's messages after an id, oldest first",
    query=HistoryQuery,
    response=ChatMessageListOut,
    tag=TAG,
)
def room_messages(slug: str, params: HistoryQuery):
    after = params.cursor if params.cursor is not None else params.after
    messages = chat.messages_after(api_user(), slug, after, PAGE + 1)
    more = len(messages) > PAGE
    messages = messages[:PAGE]
    return {
        "items": [publish.message_json(m) for m in messages],
        "next": str(messages[-1].id) if more else None,
    }


@endpoint(
    bp,
    "/chat/rooms/<slug>/messages",
    "POST",
    summary="Send a message",
    body=MessageIn,
    response=ChatMessageOut,
    status=201,
    auth=True,
    tag=TAG,
)
def send_message(slug: str, data: MessageIn):
    message = chat.post_message(require_api_user(), slug, data.body)
    return publish.message_json(message, with_raw=True), 201


@endpoint(
    bp,
    "/chat/private",
    "POST",
    summary="Open (or find) the caller's private line to the team",
    response=ChatRoomOut,
    auth=True,
    tag=TAG,
)
def open_private_line():
    user = require_api_user()
    room = chat.open_private_line(user)
    return queries.rooms_json(user, [room])[0]


@endpoint(
    bp,
    "/chat/messages/<int:message_id>/flags",
    "POST",
    summary="Report a chat message",
    body=ReportIn,
    response=FlagOut,
    status=201,
    auth=True,
    tag=TAG,
)
def report_message(message_id: int, data: ReportIn):
    flag = chat.report_message(require_api_user(), message_id, data.reason, data.note)
    return {"id": flag.id, "status": flag.status}, 201


class ConsentIn(Strict):
    agree: bool


class ConversionOut(BaseModel):
    id: int
    status: str
    topic_id: int | None


@endpoint(
    bp,
    "/chat/conversions/<int:conversion_id>/consent",
    "POST",
    summary="Agree to (or decline) publishing a chat question as a forum question",
    body=ConsentIn,
    response=ConversionOut,
    auth=True,
    tag=TAG,
)
def consent_conversion(conversion_id: int, data: ConsentIn):
    proposal = chat.decide_conversion(require_api_user(), conversion_id, data.agree)
    return {"id": proposal.id, "status": proposal.status, "topic_id": proposal.topic_id}
