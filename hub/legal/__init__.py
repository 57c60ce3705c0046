"""Legal and policy pages: the imprint, the privacy policy, the terms of use and the community
guidelines, written by admins in German and English Markdown, each save a version; linked
from every page's footer.

`models` and `queries` are the tables and their reads, `service` the admins' writes,
`views` and `admin_views` the pages.
"""

from flask import Flask

from hub.legal import views
from hub.legal.models import LegalPage
from hub.pagecache import invalidation
from hub.pagecache.pages import SITE


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    # The footer of every page links the written pages: a save outdates every cached page.
    invalidation.RULES.setdefault(LegalPage, lambda session, row, change: {SITE})
