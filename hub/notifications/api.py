"""/api/v1 notifications: the token owner's list, and marking them read."""

from pydantic import Field

from hub.accounts.api import UserOut, user_json
from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.core.errors import Invalid
from hub.notifications import links, queries, texts
from hub.notifications import service as notifications
from hub.notifications.models import Notification

bp = api_blueprint("notifications_api", __name__)

MAX_IDS = 500  # a page holds 30; this leaves room for clients that batch


class NotificationOut(Strict):
    id: int
    kind: str
    text: str
    url: str
    created_at: str
    read: bool
    actor: UserOut | None
    topic_id: int | None
    post_id: int | None


class NotificationListOut(Strict):
    items: list[NotificationOut]
    next: str | None


class NotificationListQuery(Strict):
    cursor: int | None = None


class ReadIn(Strict):
    ids: list[int] | None = Field(default=None, max_length=MAX_IDS)
    all: bool = False


class ReadOut(Strict):
    marked: int
    unread: int


def notification_json(notification: Notification, viewer) -> dict:
    return {
        "id": notification.id,
        "kind": notification.kind,
        "text": texts.describe(notification),
        "url": links.notification_link(notification, external=True),
        "created_at": notification.created_at.isoformat(),
        "read": notification.is_read,
        "actor": user_json(notification.actor, viewer) if notification.actor else None,
        "topic_id": notification.topic_id,
        "post_id": notification.post_id,
    }


@endpoint(
    bp,
    "/notifications",
    "GET",
    summary="My notifications, newest first",
    query=NotificationListQuery,
    response=NotificationListOut,
    auth=True,
    tag="notifications",
)
def list_notifications(params: NotificationListQuery):
    user = require_api_user()
    items, next_cursor = queries.page_for(user.id, params.cursor)
    return {
        "items": [notification_json(n, user) for n in items],
        "next": str(next_cursor) if next_cursor is not None else None,
    }


@endpoint(
    bp,
    "/notifications/read",
    "POST",
    summary="Mark notifications read: some ids, or all",
    body=ReadIn,
    response=ReadOut,
    auth=True,
    tag="notifications",
)
def read_notifications(data: ReadIn):
    user = require_api_user()
    if data.all == (data.ids is not None):
        raise Invalid("Send either ids or all: true.", {"body": "ids or all"})
    marked = (
        notifications.mark_all_read(user)
        if data.all
        else notifications.mark_many_read(user, data.ids)
    )
    return {"marked": marked, "unread": queries.unread_count(user.id)}
