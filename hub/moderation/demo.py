"""A few open reports on the demo community, so the moderation queue has something to show."""

from sqlalchemy import select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation import service as moderation

# (reason, note) per report; none is serious enough to hide a post on its own.
_REPORTS = [
    ("off_topic", "Das gehört eher in die Kategorie Tarife."),
    ("abuse", "Der Ton ist ziemlich herablassend."),
    ("spam", "Sieht nach Werbung für einen anderen Anbieter aus."),
]


def add_reports(people: dict[str, User]) -> list:
    """File a few open reports by demo members on other members' replies (the lead calls this
    from `hub.demo.load` after the topics exist). Returns the reports."""
    members = [person for person in people.values() if person.role == "member"]
    if len(members) < 2:
        return []
    replies = list(
        db.session.scalars(
            select(Post)
            .where(Post.number > 1, Post.author_id.in_([m.id for m in members]))
            .order_by(Post.id)
            .limit(len(_REPORTS))
        )
    )
    flags = []
    for index, (post, (reason, note)) in enumerate(zip(replies, _REPORTS, strict=False)):
        reporter = next(m for m in members[index:] + members[:index] if m.id != post.author_id)
        flags.append(moderation.report_post(reporter, post.id, reason, note))
    # Two members report the same post: the queue groups them (below the hiding threshold).
    if replies:
        taken = (replies[0].author_id, flags[0].reporter_id)
        second = next((m for m in reversed(members) if m.id not in taken), None)
        if second is not None:
            flags.append(moderation.report_post(second, replies[0].id, "off_topic", ""))
    return flags
