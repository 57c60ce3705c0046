"""The one place that answers "may this user do this to that?".

Every predicate takes the acting user first (None or an anonymous user for visitors) and returns
a `Decision`: truthy when allowed, and when not, a reason the UI can show. Services call
`require(...)`; views and templates call `can_*` (through `can` in Jinja) to decide what to show.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from hub.accounts.models import Role, User
from hub.core.columns import utcnow
from hub.core.errors import Forbidden, Unauthorized
from hub.forums.models import Post, Space, Topic
from hub.walls import relations
from hub.walls.models import CommentPolicy


@dataclass(frozen=True)
class Decision:
    allowed: bool
    why: str = ""  # or a lazy string: translated only when someone reads `reason`
    needs_login: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def reason(self) -> str:
        return str(self.why)


ALLOW = Decision(True)


def deny(reason) -> Decision:
    # Kept lazy: a topic page asks dozens of questions whose "no" nobody reads.
    return Decision(False, reason)


def _login_first() -> Decision:
    return Decision(False, _l("Log in first."), needs_login=True)


def require(decision: Decision) -> None:
    """Raises: Unauthorized for visitors, Forbidden with the decision's reason otherwise."""
    if decision:
        return
    if decision.needs_login:
        raise Unauthorized(decision.reason)
    raise Forbidden(decision.reason)


def _member(user) -> User | None:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def is_staff(user) -> bool:
    return bool(_member(user) and user.is_staff)


def is_moderator(user) -> bool:
    return bool(_member(user) and user.is_moderator)


# --- writing in general -------------------------------------------------------------------


def can_write(user) -> Decision:
    """Members write unless suspended or silenced; visitors are asked to log in."""
    if not _member(user):
        return _login_first()
    now = utcnow()
    if user.is_suspended(now):
        return deny(_l("Your account is suspended: %(reason)s", reason=user.suspended_reason))
    if user.is_silenced(now):
        return deny(_l("Your account is read-only for now."))
    return ALLOW


# --- spaces, topics and posts ---------------------------------------------------------------


def can_view_space(user, space: Space) -> Decision:
    if not space.is_private or is_staff(user) or is_moderator(user):
        return ALLOW
    return deny(_l("This area is for the team only."))


def can_create_topic(user, space: Space) -> Decision:
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
    member = _member(user)
    if member and (post.author_id == member.id or member.is_staff or member.is_moderator):
        return ALLOW
    return deny(_l("Hidden by the moderators."))


def can_see_raw(user, post: Post) -> Decision:
    member = _member(user)
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
    return ALLOW if _member(user) else _login_first()


# --- people -----------------------------------------------------------------------------------


def can_see_full_history(user, person: User) -> Decision:
    """Experts and moderators see a person's whole case history, so nobody asks twice."""
    member = _member(user)
    if member and (member.is_staff or member.is_moderator):
        return ALLOW
    return deny(_l("Only the team sees a member's full history."))


def can_see_email(user, person: User) -> Decision:
    member = _member(user)
    if member and (member.id == person.id or member.is_admin):
        return ALLOW
    return deny(_l("E-mail addresses are private."))


def can_set_role(user, person: User, role: str) -> Decision:
    member = _member(user)
    if not member or not member.is_admin:
        return deny(_l("Only an admin assigns roles."))
    if person.id == member.id and role != Role.ADMIN:
        return deny(_l("Admins cannot demote themselves; ask another admin."))
    return ALLOW


# --- operations -------------------------------------------------------------------------------


def can_view_jobs(user) -> Decision:
    member = _member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins see the delivery queue."))


# Names templates may ask about through `can(name, *args)`.
PREDICATES = {
    name.removeprefix("can_"): fn
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
}


def can(name: str, user, *args) -> Decision:
    return PREDICATES[name](user, *args)


# --- moderation -------------------------------------------------------------------------------

# Decisions the person they concern may appeal. Automatic hides await a moderator anyway;
# legal deletions and edits are not reversible by an appeal.
APPEALABLE_ACTIONS = frozenset({"hide", "suspend", "silence", "mark_spammer"})


def can_moderate(user) -> Decision:
    """Moderators (and admins) work the queue and read the moderation log."""
    if not _member(user):
        return _login_first()
    if user.is_moderator:
        return ALLOW
    return deny(_l("Only moderators can do this."))


def can_act_on(user, person: User) -> Decision:
    """A moderator acts on members' posts and accounts: never their own, never an admin's
    (only another admin may)."""
    decision = can_moderate(user)
    if not decision:
        return decision
    if person.id == user.id:
        return deny(_l("Moderators do not act on their own posts or account."))
    if person.is_admin and not user.is_admin:
        return deny(_l("A moderator cannot act on an admin."))
    return ALLOW


def can_mark_spammer(user, person: User) -> Decision:
    """Marking a spammer suspends and hides everything at once: not for team accounts."""
    decision = can_act_on(user, person)
    if decision and person.is_staff:
        return deny(_l("Team accounts are not marked as spammers; an admin changes the role."))
    return decision


def can_report(user, target) -> Decision:
    """Members report others' posts and accounts they can see; suspended members cannot."""
    if not _member(user):
        return _login_first()
    if user.is_suspended(utcnow()):
        return deny(_l("Your account is suspended: %(reason)s", reason=user.suspended_reason))
    owner_id = target.id if isinstance(target, User) else getattr(target, "author_id", None)
    if owner_id == user.id:
        return deny(_l("You cannot report yourself."))
    if isinstance(target, Post) and not can_view_space(user, target.topic.space):
        return deny(_l("This area is for the team only."))
    return ALLOW


def can_appeal(user, decision) -> Decision:
    """The person a moderator's decision concerns may appeal it, once."""
    if not _member(user):
        return _login_first()
    if decision.target_user_id != user.id:
        return deny(_l("Only the person a decision concerns can appeal it."))
    if decision.actor_id is None or decision.action not in APPEALABLE_ACTIONS:
        return deny(_l("This is not a decision that can be appealed."))
    if decision.appeal is not None:
        return deny(_l("You have already appealed this decision."))
    return ALLOW


def can_decide_appeal(user, appeal) -> Decision:
    """Another moderator decides an appeal: never the one who made the decision."""
    decision = can_moderate(user)
    if not decision:
        return decision
    if appeal.action.actor_id == user.id:
        return deny(_l("Another moderator decides appeals against your decisions."))
    if appeal.appellant_id == user.id:
        return deny(_l("You cannot decide your own appeal."))
    return ALLOW


def can_change_site_settings(user) -> Decision:
    member = _member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins change site settings."))


PREDICATES.update(
    (name.removeprefix("can_"), fn)
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
)


# --- walls ------------------------------------------------------------------------------------


def is_blocked_by(user, person: User) -> bool:
    """Has `person` blocked `user`? (Comments, mentions and messages are refused then.)"""
    member = _member(user)
    return bool(member and person is not None and relations.blocked(person.id, member.id))


def can_view_wall(user, space: Space) -> Decision:
    """Walls are public, unless their owner hides theirs from visitors."""
    if space.owner_id is None or _member(user):
        return ALLOW
    if relations.settings_of(space.owner_id).hidden_from_visitors:
        return _login_first()
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
    if not _member(user):
        return _login_first()
    if person.id == user.id:
        return deny(_l("You cannot block yourself."))
    if person.is_staff or person.is_moderator:
        return deny(_l("The team cannot be blocked."))
    return ALLOW


PREDICATES.update(
    (name.removeprefix("can_"), fn)
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
)


# --- cross-posting ----------------------------------------------------------------------------


def can_manage_spokes(user) -> Decision:
    """Admins connect spoke accounts, set what each category sends and retry deliveries."""
    member = _member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins manage the connected networks."))


def can_share_topic(user, topic: Topic) -> Decision:
    """Experts (and admins) share a public topic to the connected networks."""
    member = _member(user)
    if not member or not member.is_staff:
        return deny(_l("Only the team shares topics to other networks."))
    if topic.space.kind != "category" or topic.space.is_private:
        return deny(_l("Only public forum topics can be shared."))
    return ALLOW


PREDICATES.update(
    (name.removeprefix("can_"), fn)
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
)


# --- referrals and the spoke inbox ------------------------------------------------------------


def can_view_spoke_report(user) -> Decision:
    """The team sees which spoke brought visitors, members and first posts."""
    if is_staff(user):
        return ALLOW
    return deny(_l("Only the team sees the spoke report."))


def can_work_spoke_inbox(user) -> Decision:
    """Experts (and admins) answer, import or dismiss replies written on the spokes, and send
    a failed answer-back again."""
    if is_staff(user):
        return ALLOW
    return deny(_l("Only the team works the spoke inbox."))


def can_decide_loop_prompt(user, prompt) -> Decision:
    """The expert who accepted or marked the answer, or an admin, sends or skips the reply;
    when the asker accepted it, any expert may."""
    member = _member(user)
    if member and (member.is_admin or (member.is_staff and _prompt_is_for(member, prompt))):
        return ALLOW
    return deny(_l("This reply on the spoke waits for someone else."))


def _prompt_is_for(member: User, prompt) -> bool:
    return prompt.user_id == member.id or not prompt.user.is_staff


PREDICATES.update(
    (name.removeprefix("can_"), fn)
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
)
