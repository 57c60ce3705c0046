"""The wall pages, on one blueprint (`walls.*` endpoints) defined in `blueprint.py`.

Each page family is a module that adds its routes to that blueprint: the walls themselves
(`wall_views`: the company wall, member walls and posting on them, the wall settings, the
feed), a wall post's page (`post_views`: the post and its comments, editing, revisions, likers,
uploaded images) and the buttons (`action_views`: likes, pins, known-issue updates, blocks,
follows). `blueprint` also holds the known-issue banner and the other template helpers.
Importing this module loads them all, so `bp` carries every route when the app registers it.
"""

from hub.walls import action_views, post_views, wall_views  # noqa: F401
from hub.walls.blueprint import bp

__all__ = ["bp"]
