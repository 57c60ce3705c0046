"""Replies on the spokes under an earlier cross-post: known-issue updates, an accepted answer
under a cross-posted question, an answer under a spoke reply.

The reply's job waits while its parent is not delivered yet (see `delivery.reply_target`) and
is brought forward the moment the parent is delivered.
"""

from hub.crosspost import contents, outbox
from hub.crosspost.models import Delivery


def queue_reply(
    content_type: str,
    content_id: int,
    parent: Delivery,
    *,
    reason: str,
    text: str = "",
    reply_to: str = "",
    created_by_id: int | None = None,
) -> Delivery | None:
    """Queue a reply on parent's account, under parent's remote post (or under the remote id
    `reply_to`, e.g. a spoke reply, on the same account). At most one delivery per
    (content_type, content_id, account) ever; the job waits while the parent is not delivered
    yet and gives up if the parent is dead. Returns None if it already existed. The caller
    commits. Raises: LookupError (no such content), KeyError (unregistered content type)."""
    if outbox.existing(content_type, content_id, parent.account_id) is not None:
        return None
    content = contents.describe(content_type, content_id)
    if content is None:
        raise LookupError(f"there is no {content_type} {content_id}")
    return outbox.queue(
        content_type,
        content_id,
        parent.account,
        reason=reason,
        text=text or content.text,
        path=content.path,
        created_by_id=created_by_id,
        parent=parent,
        reply_to=reply_to,
    )
