"""Following topics, categories and members."""

from functools import cache

from sqlalchemy import bindparam, delete, select

from hub import permissions
from hub.accounts.models import User
from hub.core import reads
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.forums.models import Follow, FollowKind, Space, Topic


def add(user_id: int, kind: str, target_id: int) -> None:
    """Follow, inside the caller's transaction; following twice is a no-op."""
    exists = db.session.scalar(
        select(Follow.id).where(
            Follow.user_id == user_id, Follow.kind == kind, Follow.target_id == target_id
        )
    )
    if exists is None:
        db.session.add(Follow(user_id=user_id, kind=kind, target_id=target_id))


def follow(actor, kind: str, target_id: int) -> None:
    """Raises: Unauthorized, Invalid, NotFound (no such target, or one the actor may not see)."""
    permissions.require(permissions.can_follow(actor))
    if kind not in FollowKind.__members__.values():
        raise Invalid("Unknown kind.", {"kind": ", ".join(FollowKind)})
    model = {FollowKind.TOPIC: Topic, FollowKind.SPACE: Space, FollowKind.USER: User}[kind]
    target = db.session.get(model, target_id) if 0 < target_id < 2**31 else None
    space = target.space if isinstance(target, Topic) else target
    out_of_sight = isinstance(space, Space) and not permissions.can_view_space(actor, space)
    if target is None or out_of_sight:
        raise NotFound("Nothing to follow there.")
    add(actor.id, kind, target_id)
    db.session.commit()


def unfollow(actor, kind: str, target_id: int) -> None:
    permissions.require(permissions.can_follow(actor))
    db.session.execute(
        delete(Follow).where(
            Follow.user_id == actor.id, Follow.kind == kind, Follow.target_id == target_id
        )
    )
    db.session.commit()


def is_following(user, kind: str, target_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return reads.scalar(_following(), user=user.id, kind=kind, target=target_id) is not None


@cache
def _following():
    return select(Follow.id).where(
        Follow.user_id == bindparam("user"),
        Follow.kind == bindparam("kind"),
        Follow.target_id == bindparam("target"),
    )


def follower_ids(kind: str, target_id: int) -> list[int]:
    stmt = select(Follow.user_id).where(Follow.kind == kind, Follow.target_id == target_id)
    return list(db.session.scalars(stmt))
