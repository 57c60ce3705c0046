"""A member's case page and the decisions taken on the account: suspend, silence (read-only),
lift, mark as a spammer."""

from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub.accounts import service as accounts
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid
from hub.core.forms import show_errors
from hub.moderation import account_actions, forms, queries, reasons
from hub.moderation.blueprint import back, bp, require_moderator
from hub.moderation.models import TargetType


def _until(duration: str):
    """A duration in days from a form ("" is until lifted) as the end time, or None."""
    if not duration:
        return None
    try:
        days = int(duration)
    except ValueError:
        raise Invalid(_("Choose how long."), {"duration": _("Choose how long.")}) from None
    return utcnow() + timedelta(days=days)


# --- a member's case ----------------------------------------------------------------------------


def _user_case(person, status=200, **forms_given):
    require_moderator()
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
    require_moderator()
    return _user_case(accounts.get_user(username))


def _after_user(username: str, message: str):
    flash(message)
    return redirect(back(url_for("moderation.user_case", username=username)))


def _user_action(username: str, form, form_name: str, decide, message: str):
    """Like `_post_action`, for a member's case."""
    require_moderator()
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
        account_actions.suspend_user(
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
        account_actions.silence_user(
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
    return _user_note_action(username, account_actions.lift_restrictions, _("Restrictions lifted."))


@bp.post("/moderation/users/<username>/spammer")
@login_required
def spammer(username: str):
    return _user_note_action(
        username,
        account_actions.mark_spammer,
        _("Marked as a spammer: suspended, all posts hidden, reports closed."),
    )


def _user_note_action(username: str, action, message: str):
    def decide(form):
        action(current_user, username, form.note.data)

    return _user_action(username, forms.NoteForm(), "note_form", decide, message)
