"""Moderation pages: the queue and case pages for moderators, reporting and appeals for
members, the log, site settings for admins, and the public transparency page."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.core.forms import safe_next, show_errors
from hub.core.pagination import page_number
from hub.forums import service as forums
from hub.moderation import forms, queries, reasons, settings
from hub.moderation import service as moderation
from hub.moderation.models import TargetType, is_indefinite

bp = Blueprint("moderation", __name__)

QUEUE_PAGE = 30  # report groups shown at once; deciding them brings up the next ones


def _require_moderator() -> None:
    permissions.require(permissions.can_moderate(current_user))


def _back(default: str) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), default)


def _until(duration: str):
    """A duration in days from a form ("" is until lifted) as the end time, or None."""
    if not duration:
        return None
    try:
        days = int(duration)
    except ValueError:
        raise Invalid(_("Choose how long."), {"duration": _("Choose how long.")}) from None
    return utcnow() + timedelta(days=days)


@bp.app_template_global()
def moderation_report_reasons() -> list[tuple[str, str]]:
    """For the report form in topic pages: (code, label) pairs."""
    return [(code, str(label)) for code, label in reasons.REPORT_REASONS.items()]


@bp.app_template_global()
def until_lifted(when) -> bool:
    """For templates: a suspension or silence without an end."""
    return is_indefinite(when)


# --- the queue ----------------------------------------------------------------------------------


@bp.get("/moderation")
@login_required
def queue():
    _require_moderator()
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
    _require_moderator()
    form = forms.BulkForm()
    ids = [int(i) for i in request.form.getlist("flag_ids") if i.isdigit()]
    if not form.validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
    elif not ids:
        flash(_("Select at least one report."), "error")
    else:
        try:
            result = moderation.act_on_reports(
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


# --- a post's case ------------------------------------------------------------------------------


def _post_case(post, status=200, **forms_given):
    _require_moderator()
    page_forms = {
        "hide_form": forms.HideForm(),
        "note_form": forms.NoteForm(),
        "edit_form": forms.EditForm(body=post.raw),
        "delete_form": forms.DeleteForm(),
        **forms_given,
    }
    return render_template(
        "moderation/post.html",
        post=post,
        group=queries.group_for(TargetType.POST.value, post.id),
        thread=queries.thread_around(post),
        history=queries.history(post.author),
        held=moderation.is_held(post),
        auto_hidden=moderation.is_auto_hidden(post),
        revisions=forums.revisions(post),
        reason_labels=reasons.REPORT_REASONS,
        **page_forms,
    ), status


@bp.get("/moderation/posts/<int:post_id>")
@login_required
def post_case(post_id: int):
    _require_moderator()
    return _post_case(forums.get_post(post_id))


def _after(post_id: int, message: str):
    flash(message)
    return redirect(_back(url_for("moderation.post_case", post_id=post_id)))


def _post_action(post_id: int, form, form_name: str, decide, message: str):
    """Validate the form, let `decide(form)` act, and go back to the case with `message`; a
    refusal shows the case again with the form's errors."""
    _require_moderator()
    if form.validate_on_submit():
        try:
            decide(form)
        except (Invalid, Conflict) as error:
            show_errors(form, error)
        else:
            return _after(post_id, message)
    return _post_case(forums.get_post(post_id), 400, **{form_name: form})


@bp.post("/moderation/posts/<int:post_id>/hide")
@login_required
def hide(post_id: int):
    def decide(form):
        moderation.hide_post(
            current_user,
            post_id,
            form.public_reason.data,
            form.note.data,
            reason_code=form.reason_code.data,
        )

    return _post_action(post_id, forms.HideForm(), "hide_form", decide, _("The post is hidden."))


@bp.post("/moderation/posts/<int:post_id>/restore")
@login_required
def restore(post_id: int):
    return _note_action(post_id, moderation.restore_post, _("The post is visible again."))


@bp.post("/moderation/posts/<int:post_id>/approve")
@login_required
def approve(post_id: int):
    return _note_action(post_id, moderation.approve_post, _("The post is approved."))


def _note_action(post_id: int, action, message: str):
    def decide(form):
        action(current_user, post_id, form.note.data)

    return _post_action(post_id, forms.NoteForm(), "note_form", decide, message)


@bp.post("/moderation/posts/<int:post_id>/edit")
@login_required
def edit(post_id: int):
    def decide(form):
        moderation.edit_post(
            current_user, post_id, form.body.data, form.reason.data, form.note.data
        )

    message = _("The post is edited; the revision says who and why.")
    return _post_action(post_id, forms.EditForm(), "edit_form", decide, message)


@bp.post("/moderation/posts/<int:post_id>/delete")
@login_required
def delete(post_id: int):
    def decide(form):
        moderation.delete_post(
            current_user, post_id, form.reason_code.data, form.detail.data, form.note.data
        )

    message = _("The post's text is removed; a tombstone remains.")
    return _post_action(post_id, forms.DeleteForm(), "delete_form", decide, message)


@bp.post("/moderation/flags/<int:flag_id>/dismiss")
@login_required
def dismiss(flag_id: int):
    _require_moderator()
    form = forms.NoteForm()
    flag = moderation.get_flag(flag_id)
    if form.validate_on_submit():
        try:
            closed = moderation.dismiss_reports(current_user, flag_id, form.note.data)
        except (Invalid, Conflict) as error:
            flash(error.message, "error")
        else:
            flash(_("%(n)d report(s) dismissed; the reporters are told.", n=len(closed)))
    return redirect(_back(_case_url(flag.target_type, flag.target_id)))


def _case_url(target_type: str, target_id: int) -> str:
    if target_type == TargetType.POST:
        return url_for("moderation.post_case", post_id=target_id)
    person = db.session.get(User, target_id)
    if target_type == TargetType.USER and person is not None:
        return url_for("moderation.user_case", username=person.username)
    return url_for("moderation.queue")


# --- a member's case ----------------------------------------------------------------------------


def _user_case(person, status=200, **forms_given):
    _require_moderator()
    page_forms = {
        "suspend_form": forms.SuspendForm(),
        "silence_form": forms.SilenceForm(),
        "note_form": forms.NoteForm(),
        **forms_given,
    }
    return render_template(
        "moderation/user.html",
        person=person,
        group=queries.group_for(TargetType.USER.value, person.id),
        history=queries.history(person),
        reason_labels=reasons.REPORT_REASONS,
        **page_forms,
    ), status


@bp.get("/moderation/users/<username>")
@login_required
def user_case(username: str):
    _require_moderator()
    return _user_case(accounts.get_user(username))


def _after_user(username: str, message: str):
    flash(message)
    return redirect(_back(url_for("moderation.user_case", username=username)))


def _user_action(username: str, form, form_name: str, decide, message: str):
    """Like `_post_action`, for a member's case."""
    _require_moderator()
    if form.validate_on_submit():
        try:
            decide(form)
        except (Invalid, Conflict) as error:
            show_errors(form, error)
        else:
            return _after_user(username, message)
    return _user_case(accounts.get_user(username), 400, **{form_name: form})


@bp.post("/moderation/users/<username>/suspend")
@login_required
def suspend(username: str):
    def decide(form):
        moderation.suspend_user(
            current_user,
            username,
            _until(form.duration.data),
            form.public_reason.data,
            form.note.data,
            reason_code=form.reason_code.data,
        )

    message = _("The account is suspended.")
    return _user_action(username, forms.SuspendForm(), "suspend_form", decide, message)


@bp.post("/moderation/users/<username>/silence")
@login_required
def silence(username: str):
    def decide(form):
        moderation.silence_user(
            current_user,
            username,
            _until(form.duration.data),
            form.public_reason.data,
            form.note.data,
        )

    message = _("The account is read-only now.")
    return _user_action(username, forms.SilenceForm(), "silence_form", decide, message)


@bp.post("/moderation/users/<username>/lift")
@login_required
def lift(username: str):
    return _user_note_action(username, moderation.lift_restrictions, _("Restrictions lifted."))


@bp.post("/moderation/users/<username>/spammer")
@login_required
def spammer(username: str):
    return _user_note_action(
        username,
        moderation.mark_spammer,
        _("Marked as a spammer: suspended, all posts hidden, reports closed."),
    )


def _user_note_action(username: str, action, message: str):
    def decide(form):
        action(current_user, username, form.note.data)

    return _user_action(username, forms.NoteForm(), "note_form", decide, message)


# --- appeals ------------------------------------------------------------------------------------


@bp.route("/moderation/appeals/<int:appeal_id>", methods=["GET", "POST"])
@login_required
def appeal_case(appeal_id: int):
    _require_moderator()
    appeal = moderation.get_appeal(appeal_id)
    form = forms.DecideAppealForm()
    status = 200
    if form.validate_on_submit():
        try:
            moderation.decide_appeal(
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
    _require_moderator()
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
            moderation.report_post(current_user, post_id, form.reason.data, form.note.data)
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
            moderation.report_user(current_user, username, form.reason.data, form.note.data)
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
    decision = moderation.get_action(action_id)
    permissions.require(permissions.can_appeal(current_user, decision))
    form = forms.AppealForm()
    if form.validate_on_submit():
        try:
            moderation.file_appeal(current_user, action_id, form.text.data)
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
