"""Who may do what with the FAQ. Same shape as `hub.permissions` (and registered with its
`can(...)` for templates by `hub.faq.init_app`), kept here while the FAQ is the only user."""

from flask_babel import lazy_gettext as _l

from hub import permissions
from hub.permissions import ALLOW, Decision, deny


def can_edit_faq(user) -> Decision:
    """The team writes, edits, orders, publishes and promotes FAQ entries."""
    decision = permissions.can_write(user)
    if not decision:
        return decision
    if not user.is_staff:
        return deny(_l("Only the team edits the FAQ."))
    return ALLOW


def can_see_faq_drafts(user) -> Decision:
    return ALLOW if permissions.is_staff(user) else deny(_l("Drafts are for the team only."))


def can_see_helpful_counts(user) -> Decision:
    """The team sees how helpful each entry is; members only answer the question."""
    return ALLOW if permissions.is_staff(user) else deny(_l("Only the team sees the counts."))


def can_view_faq_entry(user, entry) -> Decision:
    if not entry.is_published and not permissions.is_staff(user):
        return deny(_l("This entry is not published yet."))
    return permissions.can_view_space(user, entry.space)


def can_promote_to_faq(user, topic) -> Decision:
    """An expert turns a solved question and its accepted answer into an FAQ draft."""
    decision = can_edit_faq(user)
    if not decision:
        return decision
    if topic.kind != "question" or topic.accepted_post_id is None:
        return deny(_l("Only a solved question can become an FAQ entry."))
    return ALLOW


PREDICATES = {
    "edit_faq": can_edit_faq,
    "see_faq_drafts": can_see_faq_drafts,
    "see_helpful_counts": can_see_helpful_counts,
    "view_faq_entry": can_view_faq_entry,
    "promote_to_faq": can_promote_to_faq,
}
