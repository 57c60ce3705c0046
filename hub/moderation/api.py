"""/api/v1 reports and moderation: the same services and permissions as the moderation pages."""

from datetime import datetime

from flask import request, url_for
from pydantic import Field

from hub import permissions
from hub.accounts.api import UserOut, user_json
from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint, parse_body
from hub.core.errors import Invalid
from hub.forums.models import Post
from hub.moderation import account_actions, post_actions, queries, reports
from hub.moderation.models import Flag, ModerationAction, TargetType

bp = api_blueprint("moderation_api", __name__)

REPORT_REASONS_DOC = "spam, abuse, off_topic, personal_data, illegal or other"


# --- bodies ---------------------------------------------------------------------------------------


class FlagIn(Strict):
    reason: str = Field(max_length=32, description=REPORT_REASONS_DOC)
    note: str = Field("", max_length=1000)


class HidePostIn(Strict):
    public_reason: str = Field(max_length=500, description="a reason code (spam, ...) or text")
    note: str = Field("", max_length=1000)


class ModerationNoteIn(Strict):
    note: str = Field("", max_length=1000)


class SuspendUserIn(Strict):
    until: str | None = Field(
        None, description="ISO 8601 time with a time zone; null: until a moderator lifts it"
    )
    public_reason: str = Field(max_length=500)
    note: str = Field("", max_length=1000)


class QueueQuery(Strict):
    cursor: int | None = Field(None, ge=0)


class LogQuery(Strict):
    cursor: int | None = Field(None, ge=1)


QUEUE_PAGE = 50


# --- responses ------------------------------------------------------------------------------------


class FlagOut(Strict):
    id: int
    target_type: str
    target_id: int
    reason: str
    note: str
    status: str
    created_at: str
    reporter: UserOut | None = None


class ModeratedPostOut(Strict):
    id: int
    topic_id: int
    author: UserOut
    html: str
    raw: str | None = None
    created_at: str
    edited_at: str | None
    hidden: bool
    hidden_reason: str
    deleted: bool
    url: str


class ReportGroupOut(Strict):
    target_type: str
    target_id: int
    count: int
    reasons: dict[str, int]
    reporters: list[UserOut]
    first_reported_at: str
    urgent: bool
    auto_hidden: bool
    post: ModeratedPostOut | None = None
    user: UserOut | None = None
    flags: list[FlagOut]


class ModerationQueueOut(Strict):
    items: list[ReportGroupOut]
    next: str | None


class ModerationActionOut(Strict):
    id: int
    action: str
    actor: UserOut | None
    target_type: str
    target_id: int
    target_user: UserOut | None
    reason_code: str
    public_reason: str
    note: str
    until: str | None
    outcome: str
    created_at: str


class ModerationLogOut(Strict):
    items: list[ModerationActionOut]
    next: str | None


class SuspendedUserOut(UserOut):
    suspended_until: str | None
    suspended_reason: str


# --- serializers ----------------------------------------------------------------------------------


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def flag_json(flag: Flag, viewer) -> dict:
    data = {
        "id": flag.id,
        "target_type": flag.target_type,
        "target_id": flag.target_id,
        "reason": flag.reason,
        "note": flag.note,
        "status": flag.status,
        "created_at": flag.created_at.isoformat(),
    }
    if permissions.can_moderate(viewer):
        data["reporter"] = user_json(flag.reporter)
    return data


def post_json(post: Post, viewer) -> dict:
    """A post as moderators see it; others get the public reason in place of a hidden text."""
    visible = not post.is_hidden or permissions.can_see_hidden_post(viewer, post)
    data = {
        "id": post.id,
        "topic_id": post.topic_id,
        "author": user_json(post.author),
        "html": post.html if visible else "",
        "created_at": post.created_at.isoformat(),
        "edited_at": _iso(post.edited_at),
        "hidden": post.is_hidden,
        "hidden_reason": post.hidden_reason if post.is_hidden else "",
        "deleted": post.deleted_at is not None,
        "url": url_for(
            "forums.topic", topic_id=post.topic_id, _anchor=f"post-{post.number}", _external=True
        ),
    }
    if permissions.can_see_raw(viewer, post):
        data["raw"] = post.raw
    return data


def action_json(entry: ModerationAction) -> dict:
    return {
        "id": entry.id,
        "action": entry.action,
        "actor": user_json(entry.actor) if entry.actor else None,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_user": user_json(entry.target_user) if entry.target_user else None,
        "reason_code": entry.reason_code,
        "public_reason": entry.public_reason,
        "note": entry.note,
        "until": _iso(entry.until),
        "outcome": entry.outcome,
        "created_at": entry.created_at.isoformat(),
    }


def group_json(group: queries.ReportGroup, viewer) -> dict:
    return {
        "target_type": group.target_type,
        "target_id": group.target_id,
        "count": group.count,
        "reasons": group.reasons,
        "reporters": [user_json(user) for user in group.reporters],
        "first_reported_at": group.first_reported_at.isoformat(),
        "urgent": group.urgent,
        "auto_hidden": group.auto_hidden,
        "post": post_json(group.post, viewer) if group.post is not None else None,
        "user": user_json(group.person)
        if group.target_type == TargetType.USER and group.person
        else None,
        "flags": [flag_json(flag, viewer) for flag in group.flags],
    }


def _moderator():
    """Raises: Unauthorized (no token), Forbidden (not a moderator)."""
    user = require_api_user()
    permissions.require(permissions.can_moderate(user))
    return user


def _optional_note() -> str:
    """Restore and dismiss take an optional `{"note": ...}` body; no body is no note."""
    if not request.get_data(cache=True).strip():
        return ""
    return parse_body(ModerationNoteIn).note


def _parse_until(raw: str | None) -> datetime | None:
    """Raises: Invalid."""
    if raw is None:
        return None
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid("Some values are not valid.", {"until": "an ISO 8601 time"}) from None
    if when.tzinfo is None:
        raise Invalid("Some values are not valid.", {"until": "give a time zone, e.g. Z"})
    return when


# --- endpoints ------------------------------------------------------------------------------------


@endpoint(
    bp,
    "/posts/<int:post_id>/flags",
    "POST",
    summary="Report a post",
    body=FlagIn,
    response=FlagOut,
    status=201,
    auth=True,
    tag="moderation",
)
def moderation_flag_post(post_id: int, data: FlagIn):
    user = require_api_user()
    flag = reports.report_post(user, post_id, data.reason, data.note)
    return flag_json(flag, user), 201


@endpoint(
    bp,
    "/users/<username>/flags",
    "POST",
    summary="Report a member's account",
    body=FlagIn,
    response=FlagOut,
    status=201,
    auth=True,
    tag="moderation",
)
def moderation_flag_user(username: str, data: FlagIn):
    user = require_api_user()
    flag = reports.report_user(user, username, data.reason, data.note)
    return flag_json(flag, user), 201


@endpoint(
    bp,
    "/moderation/queue",
    "GET",
    summary="Open reports grouped by target: personal data first, then oldest first",
    query=QueueQuery,
    response=ModerationQueueOut,
    auth=True,
    tag="moderation",
)
def moderation_queue(params: QueueQuery):
    user = _moderator()
    groups = queries.queue()
    start = params.cursor or 0
    page = groups[start : start + QUEUE_PAGE]
    more = start + QUEUE_PAGE < len(groups)
    return {
        "items": [group_json(group, user) for group in page],
        "next": str(start + QUEUE_PAGE) if more else None,
    }


@endpoint(
    bp,
    "/moderation/posts/<int:post_id>/hide",
    "POST",
    summary="Hide a post behind a public reason",
    body=HidePostIn,
    response=ModeratedPostOut,
    auth=True,
    tag="moderation",
)
def moderation_hide_post(post_id: int, data: HidePostIn):
    user = _moderator()
    post = post_actions.hide_post(user, post_id, data.public_reason, data.note)
    return post_json(post, user)


@endpoint(
    bp,
    "/moderation/posts/<int:post_id>/restore",
    "POST",
    summary="Undo a hide",
    response=ModeratedPostOut,
    auth=True,
    tag="moderation",
)
def moderation_restore_post(post_id: int):
    user = _moderator()
    post = post_actions.restore_post(user, post_id, _optional_note())
    return post_json(post, user)


@endpoint(
    bp,
    "/moderation/flags/<int:flag_id>/dismiss",
    "POST",
    summary="Close a report, and the other open reports on its target, without action",
    response=FlagOut,
    auth=True,
    tag="moderation",
)
def moderation_dismiss_flag(flag_id: int):
    user = _moderator()
    reports.dismiss_reports(user, flag_id, _optional_note())
    return flag_json(reports.get_flag(flag_id), user)


@endpoint(
    bp,
    "/moderation/users/<username>/suspend",
    "POST",
    summary="Suspend a member until a time, or until lifted (until: null)",
    body=SuspendUserIn,
    response=SuspendedUserOut,
    auth=True,
    tag="moderation",
)
def moderation_suspend_user(username: str, data: SuspendUserIn):
    user = _moderator()
    person = account_actions.suspend_user(
        user, username, _parse_until(data.until), data.public_reason, data.note
    )
    return {
        **user_json(person),
        "suspended_until": _iso(person.suspended_until),
        "suspended_reason": person.suspended_reason,
    }


@endpoint(
    bp,
    "/moderation/log",
    "GET",
    summary="Every moderation action, newest first",
    query=LogQuery,
    response=ModerationLogOut,
    auth=True,
    tag="moderation",
)
def moderation_log(params: LogQuery):
    _moderator()
    items, next_cursor = queries.log_page(params.cursor)
    return {
        "items": [action_json(entry) for entry in items],
        "next": str(next_cursor) if next_cursor is not None else None,
    }
