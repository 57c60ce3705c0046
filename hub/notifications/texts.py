"""What a notification says, in the current language: the bell, the list and the mail share it."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notifications.models import Kind, Notification

# The settings page and the unsubscribe page name each kind with these.
KIND_LABELS = {
    Kind.REPLY: _l("Replies in topics I follow"),
    Kind.MENTION: _l("Mentions of my name"),
    Kind.ACCEPTED: _l("My answer was accepted"),
    Kind.OFFICIAL: _l("My answer was marked official"),
    Kind.EXPERT_ANSWER: _l("The team answered my question"),
    Kind.NEW_QUESTION: _l("A new question in a category my team answers in (team)"),
    Kind.CHAT_REPLY: _l("The team answered me in a private chat"),
    Kind.MODERATION: _l("Moderators decided about me or my posts"),
    Kind.SPOKE_RECONNECT: _l("A social network account needs reconnecting (team)"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS[Kind(kind)])


def describe(notification: Notification) -> str:
    """Who did what where, as one line: "Anna replied in “Router keeps dropping”"."""
    if notification.post_id is None:
        return notification.text  # direct kinds say it themselves
    actor = notification.actor.name if notification.actor else _("Someone")
    topic = notification.topic.title
    match notification.kind:
        case Kind.REPLY:
            return _("%(actor)s replied in “%(topic)s”", actor=actor, topic=topic)
        case Kind.MENTION:
            return _("%(actor)s mentioned you in “%(topic)s”", actor=actor, topic=topic)
        case Kind.ACCEPTED:
            return _("%(actor)s accepted your answer in “%(topic)s”", actor=actor, topic=topic)
        case Kind.OFFICIAL:
            return _(
                "%(actor)s marked your answer in “%(topic)s” as official", actor=actor, topic=topic
            )
        case Kind.EXPERT_ANSWER:
            return _(
                "%(actor)s from the team answered your question “%(topic)s”",
                actor=actor,
                topic=topic,
            )
        case Kind.NEW_QUESTION:
            return _(
                "%(actor)s asked “%(topic)s” in %(category)s",
                actor=actor,
                topic=topic,
                category=notification.topic.space.name,
            )
    return _("%(actor)s posted in “%(topic)s”", actor=actor, topic=topic)
