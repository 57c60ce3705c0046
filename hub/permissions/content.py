"""Spaces, topics and posts: who reads, writes, edits, accepts, votes and follows."""

from flask_babel import lazy_gettext as _l

from hub.core.columns import utcnow
from hub.forums.models import Post, Space, Topic
from hub.permissions.base import (
    ALLOW,
    Decision,
    as_member,
    deny,
    is_moderator,
    is_staff,
    login_first,
)
from hub.teams import queries as teams


def can_write(user) -> Decision:
    """Members write unless suspended or silenced; visitors are asked to log in."""
    if not as_member(user):
        return login_first()
    now = utcnow()
    if user.is_suspended(now):
        return deny(_l("Your account is suspended: %(reason)s", reason=user.suspended_reason))
    if user.is_silenced(now):
        return deny(_l("Your account is read-only for now."))
    return ALLOW


# --- spaces, topics and posts ---------------------------------------------------------------


# Archived categories are read-only for everyone, the team included.
_ARCHIVED = _l(
    "This category is archived: its topics stay readable, but it takes no new topics or replies."
)


def can_view_space(user, space: Space) -> Decision:
    """Private categories: the team, moderators, and the members of the teams they are opened
    to (or who moderate them). The lists ask the same in SQL (`forums.queries`)."""
    if not space.is_private or is_staff(user) or is_moderator(user):
        return ALLOW
    member = as_member(user)
    if member and teams.is_opened_to(member.id, space.id):
        return ALLOW
    return deny(_l("This area is for the team only."))


def can_create_topic(user, space: Space) -> Decision:
    if space.archived_at is not None:  # said to visitors too: logging in would not help
        return deny(_ARCHIVED)
    decision = can_write(user)
    if not decision:
        return decision
    if not can_view_space(user, space):
        return deny(_l("This area is for the team only."))
    if space.kind == "wall" and space.owner_id is None and not user.is_staff:
        return deny(_l("Only the team posts on the company wall."))
    if space.kind == "wall" and space.owner_id not in (None, user.id):
        return deny(_l("Only the owner posts on this wall."))
    return ALLOW


def can_reply(user, topic: Topic) -> Decision:
    if topic.space.archived_at is not None:  # said to visitors too: logging in would not help
        return deny(_ARCHIVED)
    decision = can_write(user)
    if not decision:
        return decision
    if topic.is_locked and not is_moderator(user):
        return deny(_l("This topic is closed."))
    return can_view_space(user, topic.space)


def can_edit_post(user, post: Post) -> Decision:
    decision = can_write(user)
    if not decision:
        return decision
    if post.author_id == user.id or user.is_moderator:
        return ALLOW
    return deny(_l("Only the author or a moderator can edit this."))


def can_see_hidden_post(user, post: Post) -> Decision:
    """Hidden posts stay readable to their author and to the team."""
    member = as_member(user)
    if member and (post.author_id == member.id or member.is_staff or member.is_moderator):
        return ALLOW
    return deny(_l("Hidden by the moderators."))


def can_see_raw(user, post: Post) -> Decision:
    member = as_member(user)
    if member and (post.author_id == member.id or member.is_staff or member.is_moderator):
        return ALLOW
    return deny(_l("Only the author and the team see the source."))


def can_accept_answer(user, topic: Topic) -> Decision:
    """The asker, an expert or a moderator picks the accepted answer of a question."""
    decision = can_write(user)
    if not decision:
        return decision
    if not can_view_space(user, topic.space):
        return deny(_l("This area is for the team only."))
    if topic.kind != "question":
        return deny(_l("Only questions have an accepted answer."))
    if topic.author_id == user.id or user.is_staff or user.is_moderator:
        return ALLOW
    return deny(_l("Only the person who asked, the team or a moderator can accept an answer."))


def can_mark_official(user, post: Post) -> Decision:
    """Experts mark a team member's reply as the company's official answer."""
    decision = can_write(user)
    if not decision:
        return decision
    if not user.is_staff:
        return deny(_l("Only the team marks official answers."))
    if post.number == 1 or not post.author.is_staff:
        return deny(_l("Only a reply by a team member can be an official answer."))
    return ALLOW


def can_vote(user, post: Post) -> Decision:
    decision = can_write(user)
    if not decision:
        return decision
    if not can_view_space(user, post.topic.space):
        return deny(_l("This area is for the team only."))
    if post.author_id == user.id:
        return deny(_l("You cannot vote for your own post."))
    if post.number == 1:
        return deny(_l("Votes are for replies."))
    return ALLOW


def can_follow(user) -> Decision:
    return ALLOW if as_member(user) else login_first()
