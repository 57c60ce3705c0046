"""Walls: viewing, commenting, likes, pins, known issues and blocking."""

from flask_babel import lazy_gettext as _l

from hub.accounts.models import User
from hub.forums.models import Post, Space, Topic
from hub.permissions.base import ALLOW, Decision, as_member, deny, login_first
from hub.permissions.content import can_reply, can_write
from hub.walls import relations
from hub.walls.models import CommentPolicy


def is_blocked_by(user, person: User) -> bool:
    """Has `person` blocked `user`? (Comments, mentions and messages are refused then.)"""
    member = as_member(user)
    return bool(member and person is not None and relations.blocked(person.id, member.id))


def can_view_wall(user, space: Space) -> Decision:
    """Walls are public, unless their owner hides theirs from visitors."""
    if space.owner_id is None or as_member(user):
        return ALLOW
    if relations.settings_of(space.owner_id).hidden_from_visitors:
        return login_first()
    return ALLOW


def can_comment_on_wall(user, topic: Topic) -> Decision:
    """Members comment on the company wall; on a member's wall, as its owner allows, never
    when the owner blocked them."""
    decision = can_reply(user, topic)
    if not decision:
        return decision
    owner_id = topic.space.owner_id
    if owner_id is None or owner_id == user.id:
        return ALLOW
    if relations.blocked(owner_id, user.id):
        return deny(_l("You cannot comment on this wall."))
    policy = relations.settings_of(owner_id).comments
    if policy == CommentPolicy.OFF:
        return deny(_l("Comments are turned off on this wall."))
    if policy == CommentPolicy.FOLLOWED and not relations.follows_user(owner_id, user.id):
        return deny(_l("Only people the owner follows comment here."))
    return ALLOW


def can_like(user, post: Post) -> Decision:
    """Members like wall posts and comments, not their own."""
    decision = can_write(user)
    if not decision:
        return decision
    if post.topic.kind != "wall":
        return deny(_l("Likes are for walls; vote on forum answers."))
    if post.author_id == user.id:
        return deny(_l("You cannot like your own post."))
    return ALLOW


def can_pin_wall_post(user, topic: Topic) -> Decision:
    """The team pins on the company wall; owners on their own wall."""
    decision = can_write(user)
    if not decision:
        return decision
    owner_id = topic.space.owner_id
    if (owner_id is None and user.is_staff) or owner_id == user.id:
        return ALLOW
    return deny(_l("Only the wall's owner pins posts."))


def can_manage_known_issue(user, topic: Topic) -> Decision:
    """Experts and admins announce known issues on the company wall, update and resolve them."""
    decision = can_write(user)
    if not decision:
        return decision
    if topic.space.owner_id is None and user.is_staff:
        return ALLOW
    return deny(_l("Only the team announces known issues."))


def can_block(user, person: User) -> Decision:
    if not as_member(user):
        return login_first()
    if person.id == user.id:
        return deny(_l("You cannot block yourself."))
    if person.is_staff or person.is_moderator:
        return deny(_l("The team cannot be blocked."))
    return ALLOW
