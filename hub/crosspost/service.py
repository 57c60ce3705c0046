"""Cross-posting actions: connect accounts, set category rules, share, retry; and the signal
receivers that queue deliveries for new and solved questions.

Enqueueing after the content's commit: the forums services send `topic_created` and
`answer_accepted` after they commit, and the receivers here write the deliveries and their jobs
in a new transaction right away. The trade-off: a process that dies between the two commits
loses that cross-post (the content itself is safe); in exchange the forums services know nothing
about spokes. Queueing is idempotent (see outbox.py).
"""

import logging
from collections.abc import Callable
from contextlib import suppress

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.crosspost import contents, outbox, tokens
from hub.crosspost.models import (
    DELIVERY_STATUSES,
    NETWORKS,
    AccountState,
    CrossPostRule,
    Delivery,
    DeliveryStatus,
    RuleMode,
    SpokeAccount,
)
from hub.forums.models import Post, Space, SpaceKind, Topic, TopicKind
from hub.outbox import jobs

log = logging.getLogger(__name__)

JOB_KIND = outbox.JOB_KIND
REMOVE_JOB_KIND = "crosspost.remove"
PARKED_PREFIX = "needs reconnect"  # the error of a delivery waiting for its account's reconnect
TEXT_MAX = outbox.TEXT_MAX
DELIVERY_LIST_LIMIT = 200
job_key = outbox.job_key


# --- reading --------------------------------------------------------------------------------


def list_accounts() -> list[SpokeAccount]:
    return list(db.session.scalars(select(SpokeAccount).order_by(SpokeAccount.id)))


def list_deliveries(status: str | None = None, limit: int = DELIVERY_LIST_LIMIT) -> list[Delivery]:
    """The newest deliveries, optionally of one status. Raises: Invalid (unknown status)."""
    query = select(Delivery).order_by(Delivery.id.desc()).limit(limit)
    if status:
        if status not in DELIVERY_STATUSES:
            raise Invalid(_("Unknown delivery status."), {"status": status})
        query = query.where(Delivery.status == status)
    return list(db.session.scalars(query))


def rules_by_space() -> dict[int, CrossPostRule]:
    return {rule.space_id: rule for rule in db.session.scalars(select(CrossPostRule))}


def get_topic(topic_id: int) -> Topic:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise NotFound(_("There is no such topic."))
    return topic


def shareable_accounts() -> list[SpokeAccount]:
    """Accounts a share may go to: connected, not demo data."""
    return [account for account in list_accounts() if not account.is_demo]


default_text = contents.topic_text
topic_path = contents.topic_path


# --- actions --------------------------------------------------------------------------------


def connect_account(
    actor,
    network: str,
    name: str,
    access_token: str,
    *,
    instance_url: str = "",
    page_id: str = "",
    client_id: str = "",
    client_secret: str = "",
    refresh_token: str = "",
) -> SpokeAccount:
    """Connect an account with a token; the same network and name again is a reconnect
    (new tokens, state ok). Raises: Forbidden, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    name, access_token = name.strip(), access_token.strip()
    instance_url = instance_url.strip().rstrip("/")
    errors = {}
    if network not in NETWORKS:
        errors["network"] = _("Choose Mastodon, X or Facebook.")
    if not name or len(name) > 120:
        errors["name"] = _("Give the account a name of at most 120 characters.")
    if not access_token:
        errors["token"] = _("Paste the account's access token.")
    if network == "mastodon" and not instance_url.startswith(("https://", "http://")):
        errors["instance_url"] = _("The instance address, such as https://mastodon.social.")
    if network == "facebook" and not page_id.strip():
        errors["page_id"] = _("The id of the Facebook page.")
    if network == "x" and not client_id.strip():
        errors["client_id"] = _("The OAuth 2.0 client id of the X app.")
    if errors:
        raise Invalid(_("The account could not be connected."), errors)
    account = db.session.scalar(
        select(SpokeAccount).where(SpokeAccount.network == network, SpokeAccount.name == name)
    )
    if account is None:
        account = SpokeAccount(network=network, name=name)
        db.session.add(account)
    account.instance_url = instance_url if network == "mastodon" else ""
    account.page_id = page_id.strip()
    account.client_id = client_id.strip()
    try:
        account.client_secret = client_secret.strip()
        account.access_token = access_token
        account.refresh_token = refresh_token.strip()
    except tokens.TokenKeyError as error:
        db.session.rollback()
        message = _("The tokens cannot be stored: %(error)s", error=error)
        raise Invalid(message, {"token": message}) from None
    was_parked = account.needs_reconnect
    account.state, account.reconnect_since = AccountState.OK.value, None
    account.consecutive_failures = 0
    account.last_error = ""
    if was_parked:  # the posts that waited for the reconnect go out now
        for delivery in _parked_deliveries(account.id):
            with suppress(Conflict):  # running now; if it parks again, the next reconnect sends it
                requeue(delivery)
    db.session.commit()
    return account


def _parked_deliveries(account_id: int) -> list[Delivery]:
    return list(
        db.session.scalars(
            select(Delivery)
            .where(
                Delivery.account_id == account_id,
                # Pending since parking waits; dead is how parked deliveries used to be kept.
                Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.DEAD)),
                Delivery.error.startswith(PARKED_PREFIX),
            )
            .order_by(Delivery.id)  # a thread's first post before its replies
        )
    )


def set_rule(actor, space_id: int, mode: str, hashtags: str = "") -> CrossPostRule:
    """What a category cross-posts. Raises: Forbidden, NotFound, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    space = db.session.get(Space, space_id)
    if space is None or space.kind != SpaceKind.CATEGORY:
        raise NotFound(_("There is no such category."))
    if mode not in tuple(RuleMode):
        raise Invalid(_("Choose new questions, solved questions or nothing."), {"mode": mode})
    rule = db.session.scalar(select(CrossPostRule).where(CrossPostRule.space_id == space.id))
    if rule is None:
        rule = CrossPostRule(space_id=space.id)
        db.session.add(rule)
    rule.mode, rule.hashtags = mode, " ".join(hashtags.split())[:200]
    db.session.commit()
    return rule


def share_topic(actor, topic_id: int, texts: dict[int, str]) -> list[Delivery]:
    """Send a public topic to the chosen accounts with the texts the expert edited.

    Raises: NotFound, Forbidden, Invalid (no account, empty text, hidden topic),
    Conflict (already sent to one of them).
    """
    topic = get_topic(topic_id)
    permissions.require(permissions.can_share_topic(actor, topic))
    if contents.opening_post_hidden(topic):
        raise Invalid(_("A hidden topic cannot be shared."), {"topic": "hidden"})
    return queue_shares(
        actor,
        "topic",
        topic.id,
        topic_path(topic),
        texts,
        already_sent=lambda name: _("This topic was already sent to %(name)s.", name=name),
        just_sent=_("This topic was just sent."),
    )


def queue_shares(
    actor,
    content_type: str,
    content_id: int,
    path: str,
    texts: dict[int, str],
    *,
    already_sent: Callable[[str], str],
    just_sent: str,
) -> list[Delivery]:
    """Queue a share of checked content to the chosen accounts ({account id: text}); commits.

    Raises: Invalid (no account, empty or long text), Conflict (already sent to one of them).
    """
    accounts = {account.id: account for account in shareable_accounts()}
    chosen = [accounts[account_id] for account_id in texts if account_id in accounts]
    if not chosen:
        raise Invalid(_("Choose at least one account."), {"accounts": "none"})
    for account in chosen:
        text = texts[account.id].strip()
        if not text or len(text) > TEXT_MAX:
            raise Invalid(
                _("Write a text of at most %(n)d characters.", n=TEXT_MAX),
                {f"text_{account.id}": "length"},
            )
        if outbox.existing(content_type, content_id, account.id) is not None:
            raise Conflict(already_sent(account.name))
    deliveries = [
        outbox.queue(
            content_type,
            content_id,
            account,
            reason="share",
            text=texts[account.id],
            path=path,
            created_by_id=actor.id,
        )
        for account in chosen
    ]
    try:
        db.session.commit()
    except IntegrityError:  # another share of the same content won the race
        db.session.rollback()
        raise Conflict(just_sent) from None
    return deliveries


def retry_delivery(actor, delivery_id: int) -> Delivery:
    """Send a failed or dead delivery again, now, with fresh attempts.

    Raises: Forbidden, NotFound, Conflict (pending or delivered).
    """
    permissions.require(permissions.can_manage_spokes(actor))
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound(_("There is no such delivery."))
    if delivery.status not in (DeliveryStatus.FAILED, DeliveryStatus.DEAD):
        raise Conflict(_("Only failed and dead deliveries can be retried."))
    requeue(delivery)
    db.session.commit()
    return delivery


def requeue(delivery: Delivery) -> None:
    """Its job due now with fresh attempts (no commit). Raises: Conflict (running)."""
    job = db.session.scalar(select(jobs.Job).where(jobs.Job.key == delivery.idempotency_key))
    if job is None:
        jobs.enqueue(JOB_KIND, {"delivery_id": delivery.id}, key=delivery.idempotency_key)
    elif job.status == jobs.Status.RUNNING:
        raise Conflict(_("This delivery is being sent right now."))
    else:
        job.status, job.attempts = jobs.Status.PENDING.value, 0
        job.next_attempt_at, job.finished_at = utcnow(), None
    delivery.status, delivery.error = DeliveryStatus.PENDING.value, ""


# --- queueing -------------------------------------------------------------------------------


def _existing(topic_id: int, account_id: int) -> Delivery | None:
    return outbox.existing("topic", topic_id, account_id)


is_public = contents.topic_is_public


def _queue(topic: Topic, account: SpokeAccount, reason: str, text: str, actor=None) -> Delivery:
    """A delivery of the topic, its tracked link and its job (no commit)."""
    return outbox.queue(
        "topic",
        topic.id,
        account,
        reason=reason,
        text=text,
        path=topic_path(topic),
        created_by_id=actor.id if actor is not None else None,
    )


def queue_for_rule(topic: Topic, mode: str) -> list[Delivery]:
    """Queue a topic for every account if its category's rule is `mode`; commits."""
    if topic.space.kind != SpaceKind.CATEGORY or topic.kind != TopicKind.QUESTION:
        return []  # wall posts and discussions are not rule-driven
    rule = db.session.scalar(select(CrossPostRule).where(CrossPostRule.space_id == topic.space_id))
    if rule is None or rule.mode != mode or topic.space.is_private:
        return []
    if contents.opening_post_hidden(topic):
        return []  # held for approval or hidden: never leaves the hub
    queued = []
    for account in shareable_accounts():
        if _existing(topic.id, account.id) is None:
            queued.append(_queue(topic, account, mode, default_text(topic, mode)))
    db.session.commit()
    return queued


def _on_topic_created(topic: Topic, **extra) -> None:
    _queue_safely(topic.id, RuleMode.NEW)


def _on_answer_accepted(topic: Topic, **extra) -> None:
    _queue_safely(topic.id, RuleMode.SOLVED)


def _queue_safely(topic_id: int, mode: str) -> None:
    """Receivers run inside the member's request: a cross-posting problem must not fail it."""
    try:
        topic = db.session.get(Topic, topic_id)
        if topic is not None:
            queue_for_rule(topic, mode)
    except Exception:
        db.session.rollback()
        log.exception("crosspost: could not queue topic %s (%s)", topic_id, mode)


def queue_removals(topic_id: int) -> int:
    """A topic hidden or deleted on the hub: remove its cross-posts (a job per delivered
    post); where the network refuses, the job dies with the reason for a person to handle.
    Commits; returns how many removals were queued."""
    queued = 0
    threads = deliveries_of_topic(topic_id)
    for delivery in threads + _replies_under(threads):
        if delivery.status == DeliveryStatus.DELIVERED and delivery.remote_id:
            content = f"{delivery.content_type}:{delivery.content_id}"
            key = f"crosspost-remove:{content}:{delivery.account_id}"
            jobs.enqueue(REMOVE_JOB_KIND, {"delivery_id": delivery.id}, key=key)
            queued += 1
    db.session.commit()
    return queued


def _replies_under(parents: list[Delivery]) -> list[Delivery]:
    """Replies posted in these threads (known-issue updates): they go with their thread."""
    ids = [parent.id for parent in parents]
    if not ids:
        return []
    return list(db.session.scalars(select(Delivery).where(Delivery.parent_id.in_(ids))))


def _on_post_hidden(post: Post, **extra) -> None:
    if post.number != 1:
        return  # replies are not cross-posted
    try:
        queue_removals(post.topic_id)
    except Exception:
        db.session.rollback()
        log.exception("crosspost: could not queue removals for topic %s", post.topic_id)


def connect_signals() -> None:
    # weak=False: blinker would otherwise drop module-level receivers only by reference.
    events.topic_created.connect(_on_topic_created, weak=False)
    events.answer_accepted.connect(_on_answer_accepted, weak=False)
    events.post_hidden.connect(_on_post_hidden, weak=False)
    events.post_deleted.connect(_on_post_hidden, weak=False)


def deliveries_of_topic(topic_id: int) -> list[Delivery]:
    return deliveries_of("topic", topic_id)


def deliveries_of(content_type: str, content_id: int) -> list[Delivery]:
    return list(
        db.session.scalars(
            select(Delivery).where(
                Delivery.content_type == content_type, Delivery.content_id == content_id
            )
        )
    )


def delivery_counts() -> dict[int, dict[str, int]]:
    """{account id: {status: count}}."""
    rows = db.session.execute(
        select(Delivery.account_id, Delivery.status, func.count()).group_by(
            Delivery.account_id, Delivery.status
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for account_id, status, count in rows:
        counts.setdefault(account_id, {})[status] = count
    return counts


def reseal_tokens() -> int:
    """Re-encrypt every account's secrets with the first configured key (after a rotation);
    commits and returns how many accounts. Raises: tokens.TokenKeyError (no key reads one)."""
    accounts = list_accounts()
    for account in accounts:
        for column in ("access_token", "refresh_token", "client_secret"):
            sealed = f"{column}_sealed"
            setattr(account, sealed, tokens.reseal(getattr(account, sealed) or ""))
    db.session.commit()
    return len(accounts)
