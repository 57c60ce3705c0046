"""The admin pages, on one blueprint (`admin.*` endpoints) defined in `blueprint.py`.

Each section is a module that adds its routes to that blueprint: the overview and the audit
log (`index_views`), the categories (`category_views`), the delivery queue (`job_views`),
the members (`members_views`), the teams (`team_views`). Importing this module loads them all,
so `bp` carries every route when the app registers it.
"""

from hub.admin import category_views, index_views, job_views, members_views, team_views  # noqa: F401
from hub.admin.blueprint import bp

__all__ = ["bp"]
