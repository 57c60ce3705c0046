"""Shares the team sends by hand: a public topic (or other checked content) to the chosen
accounts, each with its own edited text."""

from collections.abc import Callable

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.crosspost import contents, outbox
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery

TEXT_MAX = outbox.TEXT_MAX


def share_topic(actor, topic_id: int, texts: dict[int, str]) -> list[Delivery]:
    """Send a public topic to the chosen accounts with the texts the expert edited.

    Raises: NotFound, Forbidden, Invalid (no account, empty text, hidden topic),
    Conflict (already sent to one of them).
    """
    topic = crosspost.get_topic(topic_id)
    permissions.require(permissions.can_share_topic(actor, topic))
    if contents.opening_post_hidden(topic):
        raise Invalid(_("A hidden topic cannot be shared."), {"topic": "hidden"})
    return queue_shares(
        actor,
        "topic",
        topic.id,
        crosspost.topic_path(topic),
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
    accounts = {account.id: account for account in crosspost.shareable_accounts()}
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
