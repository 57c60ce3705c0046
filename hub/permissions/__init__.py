"""The one place that answers "may this user do this to that?".

Every rule takes the acting user first (None or an anonymous user for visitors) and returns a
`Decision`: truthy when allowed, and when not, a reason the UI can show. Services call
`require(...)`; views and templates call `can_*` (through `can` in Jinja) to decide what to
show. The rules live by subject in this package's modules; every one is named here, so callers
write `permissions.can_reply(...)` whichever module holds it.
"""

from hub.permissions import admin, content, moderation, people, spokes, walls
from hub.permissions.admin import (
    can_change_site_settings,
    can_enter_admin,
    can_manage_categories,
    can_manage_legal_pages,
    can_manage_members,
    can_manage_teams,
    can_set_role,
    can_view_audit_log,
    can_view_jobs,
    can_view_members,
)
from hub.permissions.base import (
    ALLOW,
    Decision,
    deny,
    is_expert_in,
    is_moderator,
    is_moderator_in,
    is_staff,
    require,
)
from hub.permissions.content import (
    can_accept_answer,
    can_create_topic,
    can_edit_post,
    can_follow,
    can_mark_official,
    can_reply,
    can_see_hidden_post,
    can_see_raw,
    can_view_space,
    can_vote,
    can_write,
)
from hub.permissions.moderation import (
    APPEALABLE_ACTIONS,
    can_act_on,
    can_appeal,
    can_decide_appeal,
    can_mark_spammer,
    can_moderate,
    can_report,
)
from hub.permissions.people import (
    can_see_email,
    can_see_full_history,
)
from hub.permissions.spokes import (
    can_decide_loop_prompt,
    can_manage_spokes,
    can_share_topic,
    can_view_spoke_report,
    can_work_spoke_inbox,
)
from hub.permissions.walls import (
    can_block,
    can_comment_on_wall,
    can_like,
    can_manage_known_issue,
    can_pin_wall_post,
    can_view_wall,
    is_blocked_by,
)

# Names templates may ask about through `can(name, *args)`.
PREDICATES = {
    name.removeprefix("can_"): rule
    for module in (content, people, admin, moderation, walls, spokes)
    for name, rule in vars(module).items()
    if name.startswith("can_") and callable(rule)
}


def can(name: str, user, *args) -> Decision:
    return PREDICATES[name](user, *args)


__all__ = [
    "ALLOW",
    "APPEALABLE_ACTIONS",
    "PREDICATES",
    "Decision",
    "can",
    "can_accept_answer",
    "can_act_on",
    "can_appeal",
    "can_block",
    "can_change_site_settings",
    "can_comment_on_wall",
    "can_create_topic",
    "can_decide_appeal",
    "can_decide_loop_prompt",
    "can_edit_post",
    "can_enter_admin",
    "can_follow",
    "can_like",
    "can_manage_categories",
    "can_manage_known_issue",
    "can_manage_legal_pages",
    "can_manage_members",
    "can_manage_spokes",
    "can_manage_teams",
    "can_mark_official",
    "can_mark_spammer",
    "can_moderate",
    "can_pin_wall_post",
    "can_reply",
    "can_report",
    "can_see_email",
    "can_see_full_history",
    "can_see_hidden_post",
    "can_see_raw",
    "can_set_role",
    "can_share_topic",
    "can_view_audit_log",
    "can_view_jobs",
    "can_view_members",
    "can_view_space",
    "can_view_spoke_report",
    "can_view_wall",
    "can_vote",
    "can_work_spoke_inbox",
    "can_write",
    "deny",
    "is_blocked_by",
    "is_expert_in",
    "is_moderator",
    "is_moderator_in",
    "is_staff",
    "require",
]
