"""The moderators' desk: the queue of open reports (with the posts awaiting approval and the
open appeals), one decision for several reports, dismissing a target's reports, deciding an
appeal, the log, and the site's moderation settings (admins)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.models import User
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.core.forms import show_errors
from hub.forums import service as forums
from hub.moderation import appeals, forms, queries, reasons, reports, settings
from hub.moderation.blueprint import back, bp, require_moderator
from hub.moderation.models import TargetType

QUEUE_PAGE = 30  # report groups shown at once; deciding them brings up the next ones


# --- the queue ----------------------------------------------------------------------------------


@bp.get("/moderation")
@login_required
def queue():
    require_moderator()
    every_group = queries.queue()
    groups = every_group[:QUEUE_PAGE]  # each group brings its context: a page at a time
    people = {g.person.id: g.person for g in groups if g.person is not None}
    return render_template(
        "moderation/queue.html",
        groups=groups,
        more=len(every_group) - len(groups),
        histories={pid: queries.history(person) for pid, person in people.items()},
        threads={
            g.post.id: queries.thread_around(g.post, 1, 1) for g in groups if g.post is not None
        },
        held=queries.awaiting_approval(),
        appeals=queries.open_appeals(),
        hide_form=forms.HideForm(),
        note_form=forms.NoteForm(),
        bulk_form=forms.BulkForm(),
        reason_labels=reasons.REPORT_REASONS,
    )


@bp.post("/moderation/bulk")
@login_required
def bulk():
    require_moderator()
    form = forms.BulkForm()
    ids = [int(i) for i in request.form.getlist("flag_ids") if i.isdigit()]
    if not form.validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
    elif not ids:
        flash(_("Select at least one report."), "error")
    else:
        try:
            result = reports.act_on_reports(
                current_user,
                ids,
                form.action.data,
                reason_code=form.reason_code.data,
                public_reason=form.public_reason.data,
                note=form.note.data,
            )
        except Invalid as error:
            flash(" ".join([error.message, *error.fields.values()]), "error")
        else:
            flash(
                _(
                    "Done for %(done)d, skipped %(skipped)d.",
                    done=result["done"],
                    skipped=result["skipped"],
                )
            )
    return redirect(url_for("moderation.queue"))


@bp.post("/moderation/flags/<int:flag_id>/dismiss")
@login_required
def dismiss(flag_id: int):
    require_moderator()
    form = forms.NoteForm()
    flag = reports.get_flag(flag_id)
    if form.validate_on_submit():
        try:
            closed = reports.dismiss_reports(current_user, flag_id, form.note.data)
        except (Invalid, Conflict) as error:
            flash(error.message, "error")
        else:
            flash(_("%(n)d report(s) dismissed; the reporters are told.", n=len(closed)))
    return redirect(back(_case_url(flag.target_type, flag.target_id)))


def _case_url(target_type: str, target_id: int) -> str:
    if target_type == TargetType.POST:
        return url_for("moderation.post_case", post_id=target_id)
    person = db.session.get(User, target_id)
    if target_type == TargetType.USER and person is not None:
        return url_for("moderation.user_case", username=person.username)
    return url_for("moderation.queue")


# --- appeals ------------------------------------------------------------------------------------


@bp.route("/moderation/appeals/<int:appeal_id>", methods=["GET", "POST"])
@login_required
def appeal_case(appeal_id: int):
    require_moderator()
    appeal = appeals.get_appeal(appeal_id)
    form = forms.DecideAppealForm()
    status = 200
    if form.validate_on_submit():
        try:
            appeals.decide_appeal(
                current_user, appeal_id, form.outcome.data, form.reason.data, form.note.data
            )
        except (Invalid, Conflict) as error:
            show_errors(form, error)
        else:
            flash(_("The appeal is decided; the member is told."))
            return redirect(url_for("moderation.queue"))
    if request.method == "POST":
        status = 400
    decision = appeal.action
    post = forums.get_post(decision.target_id) if decision.target_type == TargetType.POST else None
    return render_template(
        "moderation/appeal_case.html",
        appeal=appeal,
        decision=decision,
        post=post,
        may_decide=permissions.can_decide_appeal(current_user, appeal),
        form=form,
    ), status


# --- the log and settings -----------------------------------------------------------------------


@bp.get("/moderation/log")
@login_required
def log():
    require_moderator()
    items, next_cursor = queries.log_page(request.args.get("cursor", type=int))
    return render_template(
        "moderation/log.html",
        items=items,
        posts=queries.targets_of(items),
        next_cursor=next_cursor,
    )


@bp.route("/moderation/settings", methods=["GET", "POST"])
@login_required
def site_settings():
    permissions.require(permissions.can_change_site_settings(current_user))
    form = forms.settings_form(settings.current())
    if form.validate_on_submit():
        try:
            settings.change_settings(current_user, forms.settings_values(form))
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("The settings are saved."))
            return redirect(url_for("moderation.site_settings"))
    status = 400 if request.method == "POST" else 200
    return render_template("moderation/settings.html", form=form, specs=settings.SPECS), status
