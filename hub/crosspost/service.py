"""Cross-posting administration: spoke accounts (connect, reconnect, reseal their tokens),
category rules, retries of failed deliveries, and what the admin pages and the other
cross-posting modules read.

What is queued lives beside this module: `rule_queue` (by category rule, from the content
signals), `sharing` (shares sent by hand) and `removals` (hidden or deleted topics).
"""

from contextlib import suppress

from flask_babel import gettext as _
from sqlalchemy import func, select

from hub import permissions
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
from hub.forums.models import Space, SpaceKind, Topic
from hub.outbox import jobs

JOB_KIND = outbox.JOB_KIND
PARKED_PREFIX = "needs reconnect"  # the error of a delivery waiting for its account's reconnect
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


default_text = contents.topic_text
topic_path = contents.topic_path
is_public = contents.topic_is_public


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
