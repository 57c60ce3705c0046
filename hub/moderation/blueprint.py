"""The moderation blueprint (`moderation.*` endpoints) and what its pages share: the
moderator check, the safe way back, and the template globals the topic and profile pages use.

The pages themselves are in one module per page family (see `views.py`), each adding its
routes to `bp`.
"""

from flask import Blueprint, request
from flask_login import current_user

from hub import permissions
from hub.core.forms import safe_next
from hub.moderation import reasons
from hub.moderation.models import is_indefinite

bp = Blueprint("moderation", __name__)


def require_moderator() -> None:
    """Raises: Forbidden (not a moderator or admin)."""
    permissions.require(permissions.can_moderate(current_user))


def back(default: str) -> str:
    """Where to go after a decision: the form's or the query's `next`, if it is this hub's."""
    return safe_next(request.form.get("next") or request.args.get("next"), default)


@bp.app_template_global()
def moderation_report_reasons() -> list[tuple[str, str]]:
    """For the report form in topic pages: (code, label) pairs."""
    return [(code, str(label)) for code, label in reasons.REPORT_REASONS.items()]


@bp.app_template_global()
def until_lifted(when) -> bool:
    """For templates: a suspension or silence without an end."""
    return is_indefinite(when)
