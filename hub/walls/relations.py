"""Facts about how two members stand with each other, and how a member set up their wall: who
blocked whom, who follows whom, and a wall's settings. Small lookups on the models only, so
that `hub.permissions` can read them without importing a feature's query or service layer."""

from sqlalchemy import select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums.models import Follow, FollowKind
from hub.walls.models import Block, WallSettings


def settings_of(user_id: int) -> WallSettings:
    """A member's wall settings (the defaults, unsaved, when they never changed them)."""
    found = db.session.get(WallSettings, user_id)
    return found or WallSettings(user_id=user_id, comments="everyone", hidden_from_visitors=False)


def blocked(blocker_id: int, blocked_id: int) -> bool:
    stmt = select(Block.id).where(Block.blocker_id == blocker_id, Block.blocked_id == blocked_id)
    return db.session.scalar(stmt) is not None


def blocker_keys(user_id: int) -> set[str]:
    """Lower-cased names of the members who blocked `user_id`."""
    stmt = (
        select(User.username_key)
        .join(Block, Block.blocker_id == User.id)
        .where(Block.blocked_id == user_id)
    )
    return set(db.session.scalars(stmt))


def follows_user(follower_id: int, target_id: int) -> bool:
    stmt = select(Follow.id).where(
        Follow.user_id == follower_id,
        Follow.kind == FollowKind.USER.value,
        Follow.target_id == target_id,
    )
    return db.session.scalar(stmt) is not None
