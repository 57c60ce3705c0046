"""The answer-back: the reply on the spoke that points a spoke reply to its hub answer. Here is
how the inbox shows it (on its way, sent, or why not, in the team's words) and sends it again."""

import enum
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from hub import permissions
from hub.core.errors import Conflict
from hub.core.extensions import db
from hub.crosspost import delivery as crosspost_delivery
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, DeliveryStatus
from hub.spoke_inbox import outbound
from hub.spoke_inbox import service as inbox
from hub.spoke_inbox.models import InboxItem, ItemStatus

RETRYABLE = (DeliveryStatus.FAILED, DeliveryStatus.DEAD)
OF_ITEM = and_(  # an item's answer-back: at most one per item (and its account)
    Delivery.content_type == outbound.INBOX_ANSWER,
    Delivery.content_id == InboxItem.id,
    Delivery.account_id == InboxItem.account_id,
)


class State(enum.StrEnum):
    SENDING = "sending"
    WAITING = "waiting"  # parked until an admin reconnects the account
    RETRYING = "retrying"  # it failed; the worker tries again by itself
    FAILED = "failed"  # given up: a person decides
    SENT = "sent"


@dataclass(frozen=True)
class AnswerBack:
    state: State
    reason: str  # what is happening or went wrong, for the team ("" once sent)
    delivery_id: int
    delivery_status: str
    remote_url: str

    @property
    def can_retry(self) -> bool:
        return self.state in (State.RETRYING, State.FAILED)


def of_items(items: list[InboxItem]) -> dict[int, AnswerBack]:
    """{item id: its answer-back} for the answered items among `items`, in one query."""
    ids = [item.id for item in items if item.status == ItemStatus.ANSWERED]
    if not ids:
        return {}
    rows = db.session.execute(
        select(InboxItem.id, Delivery).join(Delivery, OF_ITEM).where(InboxItem.id.in_(ids))
    )
    return {item_id: describe(delivery) for item_id, delivery in rows}


def describe(delivery: Delivery) -> AnswerBack:
    state = _state(delivery)
    reason = "" if state == State.SENT else _reason(state, delivery)
    return AnswerBack(state, reason, delivery.id, delivery.status, delivery.remote_url)


def _state(delivery: Delivery) -> State:
    if delivery.status == DeliveryStatus.DELIVERED:
        return State.SENT
    if delivery.status == DeliveryStatus.DEAD:
        return State.FAILED
    if delivery.status == DeliveryStatus.FAILED:
        return State.RETRYING
    if delivery.error.startswith(crosspost.PARKED_PREFIX):
        return State.WAITING
    return State.SENDING


def _reason(state: State, delivery: Delivery) -> str:
    network = inbox.NETWORK_NAMES.get(delivery.account.network, delivery.account.network)
    error = delivery.error
    if state == State.SENDING:
        return _("It is on its way.")
    if state == State.WAITING:
        return _(
            "An admin has to reconnect the %(network)s account; the reply goes out then.",
            network=network,
        )
    if error.startswith(crosspost_delivery.NOT_ON_HUB):
        return _("Our answer is hidden or gone on the hub, so there was nothing to point to.")
    if error.startswith(crosspost_delivery.PARENT_NOT_DELIVERED):
        return _("Our post on %(network)s that it belongs under never got there.", network=network)
    if error.startswith(crosspost_delivery.DEMO):
        return _("This is a demo account: it sends nothing.")
    said = error.removeprefix(f"{crosspost_delivery.REJECTED}: ")
    if error.startswith(crosspost_delivery.REJECTED):
        return _("%(network)s refused the reply: %(said)s", network=network, said=said)
    if state == State.RETRYING:
        return _(
            "%(network)s did not take it yet (%(said)s); it is tried again soon.",
            network=network,
            said=said,
        )
    return _(
        "%(network)s did not take it, after several tries (%(said)s).", network=network, said=said
    )


def list_failed(actor, limit: int = inbox.PAGE_SIZE) -> list[InboxItem]:
    """Answered items whose answer-back was given up, newest first. Raises: Forbidden."""
    permissions.require(permissions.can_work_spoke_inbox(actor))
    newest = (InboxItem.remote_created_at.desc(), InboxItem.id.desc())
    return list(db.session.scalars(_failed(select(InboxItem)).order_by(*newest).limit(limit)))


def failed_count(actor) -> int:
    permissions.require(permissions.can_work_spoke_inbox(actor))
    return db.session.scalar(_failed(select(func.count()).select_from(InboxItem)))


def _failed(statement):
    return statement.join(Delivery, OF_ITEM).where(
        InboxItem.status == ItemStatus.ANSWERED, Delivery.status == DeliveryStatus.DEAD
    )


def retry(actor, item_id: int) -> AnswerBack:
    """Send a failed answer-back again, now, with fresh attempts.

    Raises: Forbidden, NotFound, Conflict (nothing failed, or it is being sent right now).
    """
    item = inbox.get_item(actor, item_id)
    delivery = db.session.scalar(
        select(Delivery).join(InboxItem, OF_ITEM).where(InboxItem.id == item.id)
    )
    if delivery is None or delivery.status not in RETRYABLE:
        raise Conflict(_("This reply on the network has not failed."))
    crosspost.requeue(delivery)
    db.session.commit()
    return describe(delivery)
