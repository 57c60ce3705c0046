"""Pages for members: reporting a post or an account, the decisions about oneself and an
appeal against one, and the public transparency page."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts import service as accounts
from hub.core.errors import Conflict, Invalid
from hub.core.forms import show_errors
from hub.core.pagination import page_number
from hub.forums import service as forums
from hub.moderation import appeals, decision_log, forms, queries, reports
from hub.moderation.blueprint import bp
from hub.moderation.models import TargetType

# --- members: reporting and their own decisions -------------------------------------------------


@bp.route("/report/post/<int:post_id>", methods=["GET", "POST"])
@login_required
def report_post(post_id: int):
    post = forums.get_post(post_id)
    if not permissions.can_view_space(current_user, post.topic.space):
        abort(404)
    form = forms.ReportForm()
    topic_url = url_for("forums.topic", topic_id=post.topic_id, _anchor=f"post-{post.number}")
    if form.validate_on_submit():
        try:
            reports.report_post(current_user, post_id, form.reason.data, form.note.data)
        except Conflict as error:
            flash(error.message, "error")
            return redirect(topic_url)
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Thank you. The moderators will look at it and tell you what they decided."))
            return redirect(topic_url)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "moderation/report.html", form=form, post=post, person=None, back=topic_url
    ), status


@bp.route("/report/user/<username>", methods=["GET", "POST"])
@login_required
def report_user(username: str):
    person = accounts.get_user(username)
    form = forms.ReportForm()
    profile_url = url_for("accounts.profile", username=person.username)
    if form.validate_on_submit():
        try:
            reports.report_user(current_user, username, form.reason.data, form.note.data)
        except Conflict as error:
            flash(error.message, "error")
            return redirect(profile_url)
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Thank you. The moderators will look at it and tell you what they decided."))
            return redirect(profile_url)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "moderation/report.html", form=form, post=None, person=person, back=profile_url
    ), status


@bp.get("/my/moderation")
@login_required
def my_decisions():
    items = queries.decisions_about(current_user)
    return render_template("moderation/mine.html", items=items, posts=queries.targets_of(items))


@bp.route("/appeal/<int:action_id>", methods=["GET", "POST"])
@login_required
def appeal(action_id: int):
    decision = decision_log.get_action(action_id)
    permissions.require(permissions.can_appeal(current_user, decision))
    form = forms.AppealForm()
    if form.validate_on_submit():
        try:
            appeals.file_appeal(current_user, action_id, form.text.data)
        except (Invalid, Conflict) as error:
            show_errors(form, error)
        else:
            flash(_("Your appeal is sent. A moderator who was not involved will decide it."))
            return redirect(url_for("moderation.my_decisions"))
    post = forums.get_post(decision.target_id) if decision.target_type == TargetType.POST else None
    status = 400 if request.method == "POST" else 200
    return render_template(
        "moderation/appeal.html", form=form, decision=decision, post=post
    ), status


# --- public -------------------------------------------------------------------------------------


@bp.get("/transparency")
def transparency():
    span = min(page_number(request.args.get("months"), 12), 120)  # ?months=, at most 10 years
    months = queries.transparency(months=span)
    return render_template("moderation/transparency.html", months=months)
