"""The company wall on the spokes: known issues with their updates and resolution as replies
in one thread per account, and (when the admins switch it on) plain announcements.

A known issue goes to every connected account at once; each update goes out as a reply under
the issue's delivery on that account, and the resolution as a final "Resolved: …" reply, so the
hub and every spoke tell the same story. Receivers run after the walls service has committed.
"""

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from hub import content as hub_content
from hub import permissions
from hub.core import events
from hub.core.extensions import db
from hub.crosspost import contents, outbox, replies
from hub.crosspost import service as crosspost
from hub.crosspost.contents import Content
from hub.crosspost.models import CrossPostRule, Delivery, RuleMode
from hub.forums.models import Topic, TopicKind
from hub.walls import queries as wall_queries
from hub.walls import service as walls
from hub.walls.models import IssueUpdate

log = logging.getLogger(__name__)

UPDATE_TEXT_CHARS = 400
UPDATE = "issue-update"  # content types
RESOLUTION = "issue-resolution"


# --- the site-level switch for plain announcements --------------------------------------------


def _company_rule() -> CrossPostRule | None:
    wall = wall_queries.wall_of(None)
    if wall is None:
        return None
    return db.session.scalar(select(CrossPostRule).where(CrossPostRule.space_id == wall.id))


def announcements_enabled() -> bool:
    """Plain company-wall announcements go out only when an admin says so (default off)."""
    rule = _company_rule()
    return rule is not None and rule.mode == RuleMode.NEW


def set_announcements(actor, enabled: bool) -> None:
    """Raises: Forbidden."""
    permissions.require(permissions.can_manage_spokes(actor))
    rule = _company_rule()
    if rule is None:
        rule = CrossPostRule(space_id=walls.company_wall().id)
        db.session.add(rule)
    rule.mode = (RuleMode.NEW if enabled else RuleMode.NOTHING).value
    db.session.commit()


# --- what updates and resolutions look like on a spoke ----------------------------------------


def _update_text(update: IssueUpdate) -> str:
    return hub_content.excerpt(update.html, UPDATE_TEXT_CHARS) or update.raw[:UPDATE_TEXT_CHARS]


def _describe_update(update_id: int) -> Content | None:
    update = db.session.get(IssueUpdate, update_id)
    if update is None:
        return None
    topic = db.session.get(Topic, update.topic_id)
    call = _("Follow updates on our community")
    return Content(
        text=f"{_update_text(update)}\n\n{call}:",
        path=contents.topic_path(topic),
        public=contents.topic_is_public(topic),
        title=_("Update: %(title)s", title=topic.title),
    )


def _describe_resolution(topic_id: int) -> Content | None:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        return None
    return Content(
        text=_resolved_text(contents.headline(topic)),
        path=contents.topic_path(topic),
        public=contents.topic_is_public(topic),
        title=_("Resolved: %(text)s", text=topic.title),
    )


def _resolved_text(what: str) -> str:
    return f"{_('Resolved: %(text)s', text=what)}\n\n{_('Join the discussion')}:"


contents.register(UPDATE, _describe_update)
contents.register(RESOLUTION, _describe_resolution)


# --- queueing ---------------------------------------------------------------------------------


def queue_wall_post(topic: Topic) -> list[Delivery]:
    """A company wall post to every account: known issues always, announcements when enabled.
    Commits; queueing again adds nothing."""
    if topic.kind != TopicKind.WALL or not contents.topic_is_public(topic):
        return []
    known_issue = contents.is_known_issue(topic)
    if not (known_issue or announcements_enabled()):
        return []
    reason = "issue" if known_issue else "announcement"
    queued = [
        outbox.queue(
            "topic",
            topic.id,
            account,
            reason=reason,
            text=contents.topic_text(topic, reason),
            path=contents.topic_path(topic),
        )
        for account in crosspost.shareable_accounts()
        if outbox.existing("topic", topic.id, account.id) is None
    ]
    db.session.commit()
    return queued


def _issue_threads(topic_id: int) -> list[Delivery]:
    """The known issue's own delivery on each account: the parent of its updates."""
    return [d for d in crosspost.deliveries_of_topic(topic_id) if d.parent_id is None]


def queue_update(update: IssueUpdate, *, resolved: bool = False) -> list[Delivery]:
    """An update as a reply in the issue's thread on every account it went to. Commits."""
    text = _describe_update(update.id).text
    if resolved:
        text = _resolved_text(_update_text(update))
    reason = "resolved" if resolved else "update"
    queued = [
        replies.queue_reply(UPDATE, update.id, parent, reason=reason, text=text)
        for parent in _issue_threads(update.topic_id)
    ]
    db.session.commit()
    return [delivery for delivery in queued if delivery is not None]


def queue_resolution(topic: Topic) -> list[Delivery]:
    """A resolution without a closing update: "Resolved: <the issue>" in every thread."""
    queued = [
        replies.queue_reply(RESOLUTION, topic.id, parent, reason="resolved")
        for parent in _issue_threads(topic.id)
    ]
    db.session.commit()
    return [delivery for delivery in queued if delivery is not None]


# --- receivers --------------------------------------------------------------------------------


def _safely(what: str, queue, *args, **kwargs) -> None:
    """Receivers run inside the team member's request: a spoke problem must not fail it."""
    try:
        queue(*args, **kwargs)
    except Exception:
        db.session.rollback()
        log.exception("crosspost: could not queue %s", what)


def _on_topic_created(topic: Topic, **extra) -> None:
    if topic.kind == TopicKind.WALL and topic.space.owner_id is None:
        _safely(f"wall post {topic.id}", queue_wall_post, topic)


def _on_issue_updated(update: IssueUpdate, resolved: bool = False, **extra) -> None:
    if not resolved:  # a closing update goes out as the resolution
        _safely(f"issue update {update.id}", queue_update, update)


def _on_issue_resolved(topic: Topic, update: IssueUpdate | None = None, **extra) -> None:
    if update is not None:
        _safely(f"issue update {update.id}", queue_update, update, resolved=True)
    else:
        _safely(f"resolution of {topic.id}", queue_resolution, topic)


def connect_signals() -> None:
    events.topic_created.connect(_on_topic_created, weak=False)
    events.issue_updated.connect(_on_issue_updated, weak=False)
    events.issue_resolved.connect(_on_issue_resolved, weak=False)
