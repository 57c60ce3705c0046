"""What the team does with a reply from a spoke: answer it on the hub (the spoke then gets a
reply pointing to the answer), import it into the hub thread attributed to its author, or
dismiss it. Each item is handled once: the first action claims it."""

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from hub import permissions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, NotFound
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post
from hub.spoke_inbox import outbound
from hub.spoke_inbox.models import InboxItem, ItemStatus

PAGE_SIZE = 50
QUOTE = "> "  # an imported reply is quoted, so its words are never mistaken for the team's
NETWORK_NAMES = {"mastodon": "Mastodon", "x": "X", "facebook": "Facebook"}


def imported_body(item: InboxItem) -> str:
    """The reply quoted, then who wrote it where: readable in mails, search and the API too."""
    quoted = "\n".join(QUOTE + line if line.strip() else ">" for line in item.text.splitlines())
    network = NETWORK_NAMES.get(item.account.network, item.account.network)
    source = f" <{item.url}>" if item.url else ""
    who = f"{item.author_name} ({item.author_handle})" if item.author_handle else item.author_name
    return f"{quoted}\n\n— {who}, {network}{source}"


def list_items(actor, status: str = ItemStatus.NEW, limit: int = PAGE_SIZE) -> list[InboxItem]:
    """The newest items of a status (unknown statuses read as new). Raises: Forbidden."""
    permissions.require(permissions.can_work_spoke_inbox(actor))
    status = status if status in tuple(ItemStatus) else ItemStatus.NEW
    return list(
        db.session.scalars(
            select(InboxItem)
            .where(InboxItem.status == status)
            .order_by(InboxItem.remote_created_at.desc(), InboxItem.id.desc())
            .limit(limit)
        )
    )


def counts(actor) -> dict[str, int]:
    permissions.require(permissions.can_work_spoke_inbox(actor))
    rows = db.session.execute(select(InboxItem.status, func.count()).group_by(InboxItem.status))
    return {status: count for status, count in rows}


def get_item(actor, item_id: int) -> InboxItem:
    """Raises: Forbidden, NotFound."""
    permissions.require(permissions.can_work_spoke_inbox(actor))
    item = db.session.get(InboxItem, item_id)
    if item is None:
        raise NotFound(_("There is no such reply in the inbox."))
    return item


def answer_on_hub(actor, item_id: int, body: str) -> Post:
    """Reply in the hub thread, then on the spoke under the remote reply with a link to it.

    Raises: Forbidden, NotFound, Invalid (the answer's text), Conflict (handled already).
    """
    item = get_item(actor, item_id)
    forums.check_body(body)
    _claim(item, ItemStatus.ANSWERED, actor)
    try:
        post = forums.create_reply(actor, item.topic_id, body)
    except Exception:
        db.session.rollback()
        _release(item)
        raise
    item = db.session.get(InboxItem, item_id)
    item.post_id = post.id
    if not item.is_deleted:
        outbound.point_to_answer(item, post, actor)
    db.session.commit()
    return post


def import_reply(actor, item_id: int) -> Post:
    """Copy the reply into the hub thread, marked as imported and attributed to its author.

    Raises: Forbidden, NotFound, Invalid (empty text), Conflict (handled already, deleted).
    """
    item = get_item(actor, item_id)
    if item.is_deleted:
        raise Conflict(_("This reply was deleted on the network; it cannot be imported."))
    forums.check_body(item.text)
    body = forums.check_body(imported_body(item))
    _claim(item, ItemStatus.IMPORTED, actor)
    try:
        post = forums.create_reply(actor, item.topic_id, body)
    except Exception:
        db.session.rollback()
        _release(item)
        raise
    item = db.session.get(InboxItem, item_id)
    item.post_id = post.id
    db.session.commit()
    return post


def dismiss(actor, item_id: int) -> InboxItem:
    """Raises: Forbidden, NotFound, Conflict (handled already)."""
    item = get_item(actor, item_id)
    _claim(item, ItemStatus.DISMISSED, actor)
    return db.session.get(InboxItem, item_id)


def _claim(item: InboxItem, status: ItemStatus, actor) -> None:
    """Move a new item to `status` and commit, unless someone else handled it first."""
    claimed = db.session.execute(
        update(InboxItem)
        .where(InboxItem.id == item.id, InboxItem.status == ItemStatus.NEW)
        .values(status=status.value, handled_by_id=actor.id, handled_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claimed.rowcount != 1:
        raise Conflict(_("Someone on the team already handled this reply."))
    db.session.expire(item)


def _release(item: InboxItem) -> None:
    """The hub post could not be written: the item is new again."""
    db.session.execute(
        update(InboxItem)
        .where(InboxItem.id == item.id)
        .values(status=ItemStatus.NEW.value, handled_by_id=None, handled_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
