"""The moderation pages, on one blueprint (`moderation.*` endpoints) defined in `blueprint.py`.

Each page family is a module that adds its routes to that blueprint: the moderators' desk
(`queue_views`: the queue, bulk decisions, appeals to decide, the log, the settings), a post's
case (`post_views`), a member's case (`account_views`), and the members' and the public's pages
(`member_views`: reporting, one's own decisions and appeals, transparency). Importing this
module loads them all, so `bp` carries every route when the app registers it.
"""

from hub.moderation import account_views, member_views, post_views, queue_views  # noqa: F401
from hub.moderation.blueprint import bp

__all__ = ["bp"]
