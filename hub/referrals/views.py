"""Closing the newcomer banner, and the team's monthly spoke report."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from hub import permissions
from hub.core.columns import utcnow
from hub.core.forms import safe_next
from hub.referrals import arrival, report

bp = Blueprint("referrals", __name__)


@bp.get("/welcome/dismiss")
def dismiss_banner():
    """Close the banner for this arrival; a later `/go/` arrival shows it again. A link, not a
    form: it changes only what this browser shows, and pages without a form token can be
    shared between visitors (the page cache)."""
    response = redirect(safe_next(request.args.get("next"), url_for("forums.home")))
    code = arrival.code_of(request.cookies)
    return arrival.close(response, code) if code else response


@bp.get("/admin/spokes/report")
@login_required
def spoke_report():
    permissions.require(permissions.can_view_spoke_report(current_user))
    month = report.Month.parse(request.args.get("month"), utcnow())
    return render_template(
        "referrals/report.html",
        month=month,
        rows=report.monthly(month),
        figures=report.FIGURES,
    )
