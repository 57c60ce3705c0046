"""The `feeds` blueprint; its routes are in `views` (robots.txt, the sitemap) and `feed_views`
(the Atom feeds)."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)
