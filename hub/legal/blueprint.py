"""The legal pages' blueprint (`legal.*` endpoints): the public pages (`views.py`), the admin
pages that write them (`admin_views.py`), and the templates' helpers: the footer links, and
the terms for the registration forms and the member's settings."""

from flask import Blueprint, current_app
from flask_babel import get_locale
from markupsafe import Markup

from hub.legal import consents, queries
from hub.legal.kinds import DOCUMENTS, PRIVACY, TERMS
from hub.pagecache import fragments

bp = Blueprint("legal", __name__)


@bp.app_context_processor
def _legal_helpers() -> dict:
    return {
        "legal_footer": legal_footer,
        "legal_terms_required": consents.terms_required,
        "legal_terms_shown": consents.shown_versions,
        "legal_privacy_written": lambda: PRIVACY in queries.written(),
        "legal_terms_accepted": terms_accepted,
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


def terms_accepted(user):
    """The newest version of the terms the member accepted (a Consent), or None."""
    return queries.latest_consent(getattr(user, "id", None), TERMS)
