"""The delivery queue: every background job by status, with a retry button for dead ones."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.admin.blueprint import bp
from hub.outbox import jobs


def _status_filter() -> str | None:
    """The `?status=` of the list, or None for every status (unknown values show everything)."""
    status = request.args.get("status") or None
    return status if status in jobs.STATUSES else None


@bp.get("/jobs")
@login_required
def job_list():
    permissions.require(permissions.can_view_jobs(current_user))
    status = _status_filter()
    return render_template(
        "admin/jobs.html",
        jobs=jobs.list_jobs(status),
        status=status,
        statuses=jobs.STATUSES,
        backlog=jobs.backlog(),
        retry_form=EmptyForm(),
    )


@bp.post("/jobs/<int:job_id>/retry")
@login_required
def retry_job(job_id: int):
    permissions.require(permissions.can_view_jobs(current_user))
    if EmptyForm().validate_on_submit():
        job = jobs.retry(job_id)
        flash(_("Job %(key)s is queued again.", key=job.key))
    return redirect(url_for("admin.job_list", status=_status_filter()))
