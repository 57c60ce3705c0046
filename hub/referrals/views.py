"""Closing the newcomer banner, and the team's monthly spoke report."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.forms import safe_next
from hub.models import utcnow
from hub.referrals import banner, report

bp = Blueprint("referrals", __name__)


@bp.post("/welcome/dismiss")
def dismiss_banner():
    """Close the banner for this arrival (a form, so it works without JavaScript)."""
    if EmptyForm().validate_on_submit():
        banner.dismiss()
    return redirect(safe_next(request.form.get("next"), url_for("forums.home")))


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
