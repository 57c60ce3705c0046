"""The legal pages' blueprint (`legal.*` endpoints): the public pages (`views.py`), the admin
pages that write them (`admin_views.py`), and the templates' helper for the footer links."""

from flask import Blueprint, current_app
from flask_babel import get_locale
from markupsafe import Markup

from hub.legal import queries
from hub.legal.kinds import DOCUMENTS
from hub.pagecache import fragments

bp = Blueprint("legal", __name__)


@bp.app_context_processor
def _legal_helpers() -> dict:
    return {
        "legal_footer": legal_footer,
    }


def legal_footer() -> Markup:
    """The links to the written pages, on every page; a save outdates them (`site`)."""
    return fragments.remember(
        f"legal-footer:{get_locale()}",
        (),
        lambda: current_app.jinja_env.get_template("legal/_footer.html").render(
            documents=[doc for kind, doc in DOCUMENTS.items() if kind in queries.written()]
        ),
    )
