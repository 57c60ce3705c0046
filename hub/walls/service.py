"""Wall writes: walls, wall posts, comments, likes, pins, known issues, settings and blocks.
The only code that writes the walls tables; wall posts and comments are forum rows."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from hub import content, permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core import events, transactions, write_keys
from hub.core.columns import utcnow
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.core.text import slugify
from hub.forums import follows
from hub.forums import service as forums
from hub.forums.models import Post, PostRevision, Space, SpaceKind, Topic, TopicKind
from hub.moderation import guard
from hub.notifications import service as notifications
from hub.walls import queries, relations
from hub.walls.models import (
    COMPANY,
    Block,
    CommentPolicy,
    IssueStatus,
    IssueUpdate,
    Like,
    WallPost,
    WallSettings,
)

TITLE_CHARS = 80  # a wall post's title is the start of its text (for lists, search, mail)
REVISION_REASON_CHARS = 200


# --- finding walls ----------------------------------------------------------------------------


def company_wall() -> Space:
    """The company wall, created the first time anyone needs it."""
    space = queries.wall_of(None)
    if space is None:
        space = Space(kind=SpaceKind.WALL.value, slug=COMPANY, name="Company", owner_id=None)
        db.session.add(space)
        db.session.commit()
    return space


def member_wall(user: User) -> Space:
    """A member's wall, created on demand."""
    space = queries.wall_of(user.id)
    if space is None:
        space = Space(
            kind=SpaceKind.WALL.value,
            slug=f"wall-{user.id}",
            name=user.name,
            owner_id=user.id,
        )
        db.session.add(space)
        db.session.commit()
    return space


def find_owner(owner: str) -> User | None:
    """None for `company`; the member named `owner` otherwise. Raises: NotFound."""
    if owner == COMPANY:
        return None
    try:
        if "\x00" in owner:  # PostgreSQL refuses NUL in text; no name contains one
            raise NotFound()
        return accounts.get_user(owner)
    except NotFound:
        raise NotFound(_("There is no such wall.")) from None


def wall_for(owner: str) -> Space:
    """The wall of `company` or a username. Raises: NotFound."""
    user = find_owner(owner)
    return company_wall() if user is None else member_wall(user)


def get_wall_topic(topic_id: int) -> Topic:
    """Raises: NotFound (also for a forum topic)."""
    topic = forums.get_topic(topic_id)
    if topic.kind != TopicKind.WALL.value:
        raise NotFound(_("This post does not exist."))
    return topic


def get_wall_post(post_id: int) -> Post:
    """Raises: NotFound (also for a forum post)."""
    post = forums.get_post(post_id)
    if post.topic.kind != TopicKind.WALL.value:
        raise NotFound(_("This post does not exist."))
    return post


def _meta(topic: Topic) -> WallPost:
    meta = db.session.get(WallPost, topic.id)
    if meta is None:
        meta = WallPost(topic_id=topic.id, pinned=False)
        db.session.add(meta)
    return meta


# --- writing ----------------------------------------------------------------------------------


def cook(actor, raw: str) -> str:
    """Markdown to HTML; mentions are checked by `_check_mentions` first."""
    return content.render(
        raw, hub_origin=current_app.config["BASE_URL"], mentions=accounts.find_usernames
    )


def _check_mentions(actor, body: str) -> None:
    """The blocked cannot mention who blocked them. Raises: Invalid."""
    names = content.mentioned_usernames(body)
    refused = names & relations.blocker_keys(actor.id) if names else set()
    if refused:
        raise Invalid(
            _("Please correct the marked fields."),
            {"body": _("You cannot mention @%(name)s.", name=sorted(refused)[0])},
        )


def _title(body: str) -> str:
    text = " ".join(content.excerpt(cook(None, body), TITLE_CHARS).split())
    return (text or body[:TITLE_CHARS]).strip()[: TITLE_CHARS + 1] or "…"


@transactions.retried
def create_wall_post(
    actor, owner: str, body: str, *, known_issue=False, image: str | None = None, key=None
) -> Topic:
    """Post on a wall (the team on the company wall, members on their own). Sent again under
    the same write `key`, the post made the first time. Raises: NotFound, Forbidden, Invalid."""
    space = wall_for(owner)
    permissions.require(permissions.can_create_topic(actor, space))
    body = forums.check_body(body)
    key = write_keys.digest(key, "wall post", space.id, known_issue, body)
    _check_mentions(actor, body)
    html = cook(actor, body)  # before the posting turn, which is held until commit
    if (earlier := forums.stored_before(actor, key)) is not None:
        return earlier.topic
    guard.check_posting(actor, kind="topic", body=body)
    if known_issue and (not actor.is_staff or space.owner_id is not None):
        raise Invalid(
            _("Please correct the marked fields."),
            {"known_issue": _("Only the team announces known issues on the company wall.")},
        )
    held = guard.needs_approval(actor)
    now = utcnow()
    title = _title(body)
    topic = Topic(
        space=space,
        kind=TopicKind.WALL.value,
        title=title,
        slug=slugify(title),
        author_id=actor.id,
        created_at=now,
        last_activity_at=now,
    )
    db.session.add(topic)
    db.session.flush()
    post = Post(
        topic_id=topic.id,
        number=1,
        author_id=actor.id,
        raw=body,
        html=html,
        created_at=now,
        client_key=key,
    )
    db.session.add(post)
    db.session.flush()
    if known_issue or image:
        meta = _meta(topic)
        meta.issue_status = IssueStatus.OPEN.value if known_issue else None
        meta.image = image
    if held:
        guard.hold_for_approval(post)
    follows.add(actor.id, "topic", topic.id)
    notifications.enqueue_for_topic(topic, post)
    transactions.commit(key)
    events.topic_created.send(topic)
    return topic


@transactions.retried
def edit_wall_post(actor, post_id: int, body: str, reason: str = "") -> Post:
    """Change a wall post or comment, keeping the old text as a revision; a wall post's title
    follows its text. Raises: NotFound (also for a forum post), Forbidden, Invalid."""
    post = get_wall_post(post_id)
    permissions.require(permissions.can_edit_post(actor, post))
    body = forums.check_body(body)
    _check_mentions(actor, body)
    if body == post.raw:
        return post
    reason = (reason or "").replace("\x00", "").strip()[:REVISION_REASON_CHARS]
    db.session.add(
        PostRevision(
            post_id=post.id, raw=post.raw, editor_id=actor.id, reason=reason, title=post.topic.title
        )
    )
    post.raw, post.html, post.edited_at = body, cook(actor, body), utcnow()
    if post.number == 1:
        title = _title(body)
        post.topic.title, post.topic.slug = title, slugify(title)
    db.session.commit()
    events.post_edited.send(post)
    return post


@transactions.retried
def create_comment(actor, topic_id: int, body: str, *, key=None) -> Post:
    """Comment on a wall post, as the wall's owner allows. Sent again under the same write
    `key`, the comment made the first time. Raises: NotFound, Forbidden, Invalid."""
    topic = get_wall_topic(topic_id)
    permissions.require(permissions.can_view_wall(actor, topic.space))
    permissions.require(permissions.can_comment_on_wall(actor, topic))
    body = forums.check_body(body)
    key = write_keys.digest(key, "comment", topic.id, body)
    _check_mentions(actor, body)
    html = cook(actor, body)  # before the posting turn, which is held until commit
    if (earlier := forums.stored_before(actor, key)) is not None:
        return earlier
    guard.check_posting(actor, kind="reply", body=body)
    held = guard.needs_approval(actor)
    now = utcnow()
    post = Post(
        topic_id=topic.id,
        number=forums.claim_number(topic, now),
        author_id=actor.id,
        raw=body,
        html=html,
        created_at=now,
        client_key=key,
    )
    db.session.add(post)
    db.session.flush()
    if held:
        guard.hold_for_approval(post)
    follows.add(actor.id, "topic", topic.id)
    notifications.enqueue_for_reply(post)
    transactions.commit(key)
    events.post_created.send(post)
    return post


# --- likes and pins -----------------------------------------------------------------------------


def like(actor, post_id: int) -> Post:
    """Like a wall post or comment; liking twice changes nothing. Raises: NotFound, Forbidden."""
    post = get_wall_post(post_id)
    permissions.require(permissions.can_view_wall(actor, post.topic.space))
    permissions.require(permissions.can_like(actor, post))
    exists = db.session.scalar(
        select(Like.id).where(Like.post_id == post.id, Like.user_id == actor.id)
    )
    if exists is None:
        db.session.add(Like(post_id=post.id, user_id=actor.id))
        db.session.commit()
    return post


def unlike(actor, post_id: int) -> Post:
    post = get_wall_post(post_id)
    permissions.require(permissions.can_write(actor))
    db.session.execute(delete(Like).where(Like.post_id == post.id, Like.user_id == actor.id))
    db.session.commit()
    return post


def set_pinned(actor, topic_id: int, pinned: bool) -> Topic:
    """Raises: NotFound, Forbidden."""
    topic = get_wall_topic(topic_id)
    permissions.require(permissions.can_pin_wall_post(actor, topic))
    _meta(topic).pinned = pinned
    db.session.commit()
    return topic


# --- known issues -------------------------------------------------------------------------------


def _issue(actor, topic_id: int) -> tuple[Topic, WallPost]:
    topic = get_wall_topic(topic_id)
    permissions.require(permissions.can_manage_known_issue(actor, topic))
    meta = db.session.get(WallPost, topic.id)
    if meta is None or meta.issue_status is None:
        raise NotFound(_("This post is not a known issue."))
    return topic, meta


@transactions.retried
def add_issue_update(actor, topic_id: int, body: str, *, resolve: bool = False) -> IssueUpdate:
    """Append an update to a known issue; `resolve` closes it (the banner goes away).
    Raises: NotFound, Forbidden, Invalid."""
    topic, meta = _issue(actor, topic_id)
    body = forums.check_body(body)
    update = IssueUpdate(topic_id=topic.id, author_id=actor.id, raw=body, html=cook(actor, body))
    db.session.add(update)
    topic.last_activity_at = utcnow()
    if resolve:
        meta.issue_status, meta.resolved_at = IssueStatus.RESOLVED.value, utcnow()
    db.session.commit()
    events.issue_updated.send(update, resolved=resolve)
    if resolve:
        events.issue_resolved.send(topic, update=update)
    return update


def resolve_issue(actor, topic_id: int) -> Topic:
    topic, meta = _issue(actor, topic_id)
    meta.issue_status, meta.resolved_at = IssueStatus.RESOLVED.value, utcnow()
    db.session.commit()
    events.issue_resolved.send(topic, update=None)
    return topic


def reopen_issue(actor, topic_id: int) -> Topic:
    topic, meta = _issue(actor, topic_id)
    meta.issue_status, meta.resolved_at = IssueStatus.OPEN.value, None
    db.session.commit()
    return topic


# --- settings and blocks ------------------------------------------------------------------------


def update_settings(
    actor, *, comments: str | None = None, hidden: bool | None = None
) -> WallSettings:
    """A member's own wall settings. Raises: Unauthorized, Invalid."""
    permissions.require(permissions.can_follow(actor))  # any logged-in member
    if comments is not None and comments not in CommentPolicy.__members__.values():
        raise Invalid(
            _("Please correct the marked fields."),
            {"comments": ", ".join(CommentPolicy)},
        )
    found = db.session.get(WallSettings, actor.id)
    if found is None:
        found = WallSettings(user_id=actor.id, comments=CommentPolicy.EVERYONE.value)
        found.hidden_from_visitors = False
        db.session.add(found)
    if comments is not None:
        found.comments = comments
    if hidden is not None:
        found.hidden_from_visitors = hidden
    db.session.commit()
    return found


def block(actor, username: str) -> User:
    """Raises: Unauthorized, NotFound, Forbidden."""
    person = find_owner(username) if username != COMPANY else None
    if person is None:
        raise NotFound(_("There is no such member."))
    permissions.require(permissions.can_block(actor, person))
    if not relations.blocked(actor.id, person.id):
        db.session.add(Block(blocker_id=actor.id, blocked_id=person.id))
        db.session.commit()
    return person


def unblock(actor, username: str) -> User:
    person = find_owner(username) if username != COMPANY else None
    if person is None:
        raise NotFound(_("There is no such member."))
    permissions.require(permissions.can_follow(actor))
    db.session.execute(
        delete(Block).where(Block.blocker_id == actor.id, Block.blocked_id == person.id)
    )
    db.session.commit()
    return person
