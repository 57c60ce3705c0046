"""A reported or held post's case page and the decisions taken on it: hide, restore, approve,
edit, delete."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub.core.errors import Conflict, Invalid
from hub.core.forms import show_errors
from hub.forums import service as forums
from hub.moderation import decision_log, forms, post_actions, queries, reasons
from hub.moderation.blueprint import back, bp, require_moderator
from hub.moderation.models import TargetType

# --- a post's case ------------------------------------------------------------------------------


def _post_case(post, status=200, **forms_given):
    require_moderator()
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
        held=decision_log.is_held(post),
        auto_hidden=decision_log.is_auto_hidden(post),
        revisions=forums.revisions(post),
        reason_labels=reasons.REPORT_REASONS,
        **page_forms,
    ), status


@bp.get("/moderation/posts/<int:post_id>")
@login_required
def post_case(post_id: int):
    require_moderator()
    return _post_case(forums.get_post(post_id))


def _after(post_id: int, message: str):
    flash(message)
    return redirect(back(url_for("moderation.post_case", post_id=post_id)))


def _post_action(post_id: int, form, form_name: str, decide, message: str):
    """Validate the form, let `decide(form)` act, and go back to the case with `message`; a
    refusal shows the case again with the form's errors."""
    require_moderator()
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
        post_actions.hide_post(
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
    return _note_action(post_id, post_actions.restore_post, _("The post is visible again."))


@bp.post("/moderation/posts/<int:post_id>/approve")
@login_required
def approve(post_id: int):
    return _note_action(post_id, post_actions.approve_post, _("The post is approved."))


def _note_action(post_id: int, action, message: str):
    def decide(form):
        action(current_user, post_id, form.note.data)

    return _post_action(post_id, forms.NoteForm(), "note_form", decide, message)


@bp.post("/moderation/posts/<int:post_id>/edit")
@login_required
def edit(post_id: int):
    def decide(form):
        post_actions.edit_post(
            current_user, post_id, form.body.data, form.reason.data, form.note.data
        )

    message = _("The post is edited; the revision says who and why.")
    return _post_action(post_id, forms.EditForm(), "edit_form", decide, message)


@bp.post("/moderation/posts/<int:post_id>/delete")
@login_required
def delete(post_id: int):
    def decide(form):
        post_actions.delete_post(
            current_user, post_id, form.reason_code.data, form.detail.data, form.note.data
        )

    message = _("The post's text is removed; a tombstone remains.")
    return _post_action(post_id, forms.DeleteForm(), "delete_form", decide, message)
