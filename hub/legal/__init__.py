"""Legal and policy pages: the imprint, the privacy policy, the terms of use and the community
guidelines, written by admins in German and English Markdown, each save a version; linked
from every page's footer; the terms accepted at registration, recorded with their version.

`models` and `queries` are the tables and their reads, `service` the admins' writes,
`consents` what a new account accepted, `views` and `admin_views` the pages.
"""

from flask import Flask

from hub.legal import consents, views
from hub.legal.models import LegalPage
from hub.pagecache import invalidation
from hub.pagecache.pages import SITE


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    consents.listen()
    # The footer of every page links the written pages: a save outdates every cached page.
    invalidation.RULES.setdefault(LegalPage, lambda session, row, change: {SITE})
