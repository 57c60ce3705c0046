"""Sharing FAQ entries to the spokes: the experts' "share to…" action, like topics have.

The predicate lives here with the feature (and is registered for templates' `can(...)` by
`hub.crosspost.init_app`), as the FAQ keeps its own in `hub.faq.rules`.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub import permissions
from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.crosspost import contents, sharing
from hub.crosspost.contents import Content
from hub.crosspost.models import Delivery
from hub.faq import service as faq
from hub.faq.models import FaqEntry
from hub.permissions import ALLOW, Decision, deny

CONTENT_TYPE = "faq"


def can_share_faq_entry(user, entry: FaqEntry) -> Decision:
    """Experts (and admins) share a published entry of a public category."""
    if not permissions.is_staff(user):
        return deny(_l("Only the team shares FAQ entries to other networks."))
    if entry.space.is_private:
        return deny(_l("Only public FAQ entries can be shared."))
    return ALLOW


PREDICATES = {"share_faq_entry": can_share_faq_entry}


def entry_path(entry: FaqEntry) -> str:
    return f"/faq/{entry.id}"


def entry_is_public(entry: FaqEntry) -> bool:
    return entry.is_published and not entry.space.is_private


def default_text(entry: FaqEntry) -> str:
    return f"{entry.question}\n\n{_('Join the discussion')}:"


def _describe(entry_id: int) -> Content | None:
    entry = db.session.get(FaqEntry, entry_id)
    if entry is None:
        return None
    return Content(
        text=default_text(entry),
        path=entry_path(entry),
        public=entry_is_public(entry),
        title=entry.question,
    )


contents.register(CONTENT_TYPE, _describe)


def shareable_entry(actor, entry_id: int) -> FaqEntry:
    """Raises: NotFound, Forbidden, Invalid (a draft)."""
    entry = faq.get_visible_entry(actor, entry_id)
    permissions.require(can_share_faq_entry(actor, entry))
    if not entry.is_published:
        raise Invalid(_("A draft cannot be shared."), {"entry": "draft"})
    return entry


def share_entry(actor, entry_id: int, texts: dict[int, str]) -> list[Delivery]:
    """Send a published entry to the chosen accounts with the texts the expert edited.

    Raises: NotFound, Forbidden, Invalid, Conflict (already sent to one of them).
    """
    entry = shareable_entry(actor, entry_id)
    return sharing.queue_shares(
        actor,
        CONTENT_TYPE,
        entry.id,
        entry_path(entry),
        texts,
        already_sent=lambda name: _("This entry was already sent to %(name)s.", name=name),
        just_sent=_("This entry was just sent."),
    )
