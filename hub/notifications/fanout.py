"""The worker side of notifications: who hears about a post, and telling them.

Each `notify.*` job decides the recipients, writes their `Notification` rows and queues their
mails in one transaction, commits, and then rings the bell of each recipient over Socket.IO.
A retried job finds the rows it wrote before and skips those people, so nobody hears twice.
"""

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from hub import content, permissions
from hub.accounts.models import STAFF_ROLES, User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums.models import Follow, FollowKind, Post, TopicKind
from hub.notifications import links, queries, texts
from hub.notifications import service as notifications
from hub.notifications.models import POST_KINDS, Kind, Notification
from hub.outbox import jobs, mail
from hub.realtime import rooms as realtime
from hub.teams import queries as teams
from hub.walls.models import Block

log = logging.getLogger(__name__)

EXCERPT_CHARS = 300  # enough of the post in the mail to decide whether to open it
QUIET_AFTER_MAIL = timedelta(hours=12)  # a followed topic mails again after this, if unread


# --- the jobs -----------------------------------------------------------------------------------


@jobs.handler("notify.reply")
def on_reply(payload: dict) -> None:
    """A reply: followers, the mentioned, and the asker when an expert answered."""
    post = _visible_post(payload["post_id"])
    if post is not None:
        deliver(post, post.author, _reply_recipients(post), same_event=POST_KINDS)


@jobs.handler("notify.topic")
def on_topic(payload: dict) -> None:
    """A new topic: the people its opening post mentions (nobody follows it yet), and for a
    question the experts of the teams that answer in its category."""
    post = _visible_post(payload["post_id"])
    if post is not None:
        wanted = dict.fromkeys(_category_expert_ids(post.topic), Kind.NEW_QUESTION)
        wanted.update(dict.fromkeys(_mentioned_ids(post), Kind.MENTION))
        deliver(post, post.author, wanted, same_event=POST_KINDS)


@jobs.handler("notify.accepted")
def on_accepted(payload: dict) -> None:
    """An accepted answer: its author, unless they accepted it themselves."""
    _notify_post_author(payload, Kind.ACCEPTED)


@jobs.handler("notify.official")
def on_official(payload: dict) -> None:
    """An official answer: its author, unless they marked it themselves."""
    _notify_post_author(payload, Kind.OFFICIAL)


def _notify_post_author(payload: dict, kind: Kind) -> None:
    post = _visible_post(payload["post_id"])
    if post is not None:
        actor = db.session.get(User, payload["actor_id"])
        deliver(post, actor, {post.author_id: kind}, same_event=(kind,))


def _visible_post(post_id: int) -> Post | None:
    """The post, unless it was deleted or hidden by the moderators before the job ran."""
    post = db.session.get(Post, post_id)
    return None if post is None or post.is_hidden else post


# --- who hears about a post ------------------------------------------------------------------


def _reply_recipients(post: Post) -> dict[int, Kind]:
    """Followers hear of a reply, the asker of an expert's answer, the mentioned of a mention.

    Later assignments win, so each person ends with the strongest kind: mention, then
    expert_answer, then reply (POST_KINDS).
    """
    topic = post.topic
    wanted = dict.fromkeys(_follower_ids(topic.id), Kind.REPLY)
    if post.author.is_expert and topic.kind == TopicKind.QUESTION:
        wanted[topic.author_id] = Kind.EXPERT_ANSWER
    wanted.update(dict.fromkeys(_mentioned_ids(post), Kind.MENTION))
    return wanted


def _category_expert_ids(topic) -> set[int]:
    """The experts and admins in the teams assigned to the question's category, each once
    (in one query, however many teams and members); none when no team is assigned."""
    if topic.kind != TopicKind.QUESTION:
        return set()
    statement = select(User.id).where(
        User.id.in_(teams.expert_team_member_ids(topic.space_id)),
        User.role.in_([role.value for role in STAFF_ROLES]),
    )
    return set(db.session.scalars(statement))


def _follower_ids(topic_id: int) -> set[int]:
    statement = select(Follow.user_id).where(
        Follow.kind == FollowKind.TOPIC.value, Follow.target_id == topic_id
    )
    return set(db.session.scalars(statement))


def _mentioned_ids(post: Post) -> set[int]:
    """Members the post @mentions by name (names of nobody are ignored)."""
    names = content.mentioned_usernames(post.raw)
    if not names:
        return set()
    return set(db.session.scalars(select(User.id).where(User.username_key.in_(names))))


# --- telling them ------------------------------------------------------------------------------


def deliver(post: Post, actor: User | None, wanted: dict[int, Kind], *, same_event) -> list:
    """Write one notification per wanted person, queue their mails, commit, ring their bells.

    Nobody hears of their own action, nor of a post in a space they may not see. People who
    already have a notification of a `same_event` kind for this post (an earlier attempt of
    this job) are skipped.
    """
    if actor is not None:
        wanted.pop(actor.id, None)
        for blocker_id in _blockers_of(actor.id, set(wanted)):
            wanted.pop(blocker_id)
    ids = set(wanted) - _already_notified(post.id, set(wanted), same_event)
    created = [
        Notification(
            user=user, kind=wanted[user.id].value, actor=actor, topic_id=post.topic_id, post=post
        )
        for user in _allowed_readers(post, ids)
    ]
    db.session.add_all(created)
    db.session.flush()
    queue_mails(created)
    db.session.commit()
    _ring_bells(created)
    return created


def _blockers_of(actor_id: int, user_ids: set[int]) -> set[int]:
    """Those among `user_ids` who blocked the actor: they hear nothing of what the actor does."""
    if not user_ids:
        return set()
    statement = select(Block.blocker_id).where(
        Block.blocked_id == actor_id, Block.blocker_id.in_(user_ids)
    )
    return set(db.session.scalars(statement))


def _already_notified(post_id: int, user_ids: set[int], kinds) -> set[int]:
    if not user_ids:
        return set()
    statement = select(Notification.user_id).where(
        Notification.post_id == post_id,
        Notification.user_id.in_(user_ids),
        Notification.kind.in_([str(kind) for kind in kinds]),
    )
    return set(db.session.scalars(statement))


def _allowed_readers(post: Post, user_ids: set[int]) -> list[User]:
    """The members among `user_ids` who may read the post's topic, in a stable order."""
    if not user_ids:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.id))
    return [user for user in users if permissions.can_view_space(user, post.topic.space)]


# --- e-mail ------------------------------------------------------------------------------------


def queue_mails(created: list[Notification]) -> None:
    """Queue a mail for each notification whose reader wants and may get one.

    A busy followed topic mails a follower once, not once per reply: while an earlier reply
    notification of the same topic is unread and younger than `QUIET_AFTER_MAIL`, the bell
    still rings but no new mail goes out (on an outage day, 200 replies would be 200 mails).
    """
    turned_off = queries.email_turned_off({n.user_id for n in created})
    now = utcnow()
    quiet = queries.told_of_topics_lately(created, since=now - QUIET_AFTER_MAIL)
    for notification in created:
        user = notification.user
        if (user.id, notification.kind) in turned_off or not _may_email(user, now):
            continue
        if notification.kind == Kind.REPLY and (user.id, notification.topic_id) in quiet:
            continue
        _queue_mail(notification)


def _may_email(user: User, now) -> bool:
    """Only confirmed addresses (no mail to strangers' inboxes), never to suspended members."""
    return user.email_confirmed_at is not None and not user.is_suspended(now)


def _language(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else languages[0]


def _queue_mail(notification: Notification) -> None:
    user, post = notification.user, notification.post
    with force_locale(_language(user)):
        text = texts.describe(notification)
        about = post.id if post else notification.ref
        mail.send(
            user.email,
            " ".join(text.split()),  # a header: never a line break
            "notifications/mail/notification.txt",
            key=f"notify:{notification.kind}:{about}:{user.id}",
            user=user,
            text=text,
            excerpt=content.excerpt(post.html, EXCERPT_CHARS) if post else "",
            link=links.notification_link(notification, external=True),
            unsubscribe=links.absolute(
                "notifications.unsubscribe",
                token=notifications.unsubscribe_token(user.id, notification.kind),
            ),
            kind_label=texts.kind_label(notification.kind),
            settings_link=links.absolute("notifications.settings"),
        )


# --- the bell ----------------------------------------------------------------------------------


def _ring_bells(created: list[Notification]) -> None:
    """Push each new notification with its reader's unread count (best effort: the database
    is the truth, and a reader who missed the push sees the count on the next page)."""
    if not created:
        return
    counts = queries.unread_counts({n.user_id for n in created})
    for notification in created:
        payload = live_payload(notification, counts[notification.user_id])
        try:
            realtime.notify_user(notification.user_id, payload)
        except Exception:  # the message queue may be away; the rows are committed already
            log.warning("could not push notification %s", notification.id, exc_info=True)


def live_payload(notification: Notification, unread: int) -> dict:
    """The `notification` event: what happened, where to go, and the new unread count."""
    with force_locale(_language(notification.user)):
        text = texts.describe(notification)
    return {
        "id": notification.id,
        "kind": notification.kind,
        "text": text,
        "url": links.path("notifications.open_notification", notification_id=notification.id),
        "unread": unread,
    }
