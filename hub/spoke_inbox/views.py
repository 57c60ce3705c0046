"""The team's spoke inbox (`/team/inbox`), the loop prompts, and the per-account setting for
answering back on the spokes (`/admin/spokes/answers`)."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import safe_next
from hub.crosspost import service as crosspost
from hub.spoke_inbox import answer_back, closing
from hub.spoke_inbox import service as inbox
from hub.spoke_inbox.models import InboxItem, ItemStatus, LoopMode

bp = Blueprint("spoke_inbox", __name__)


class AnswerForm(FlaskForm):
    body = TextAreaField(_l("Your answer in the hub thread"), validators=[DataRequired()])


class PromptForm(FlaskForm):
    text = TextAreaField(_l("Reply on the network"))


@bp.app_context_processor
def inbox_helpers():
    return {"imported_mark": imported_mark}


def imported_mark(post) -> InboxItem | None:
    """The inbox item a hub post was imported from. One query per topic and request, and only
    for a team post that opens with a quote, as imports do (the team imports, as the author)."""
    if not (post.author.is_staff and post.raw.startswith(inbox.QUOTE)):
        return None
    cache = g.setdefault("spoke_imports", {})
    if post.topic_id not in cache:
        items = db.session.scalars(
            select(InboxItem).where(
                InboxItem.topic_id == post.topic_id,
                InboxItem.status == ItemStatus.IMPORTED,
                InboxItem.post_id.is_not(None),
            )
        )
        cache[post.topic_id] = {item.post_id: item for item in items}
    return cache[post.topic_id].get(post.id)


@bp.get("/team/inbox")
@login_required
def index():
    status = request.args.get("status", ItemStatus.NEW.value)
    failed_only = status == ItemStatus.ANSWERED and request.args.get("failed") == "1"
    if failed_only:
        items = answer_back.list_failed(current_user)
    else:
        items = inbox.list_items(current_user, status)
    return render_template(
        "spoke_inbox/index.html",
        items=items,
        status=status if status in tuple(ItemStatus) else ItemStatus.NEW.value,
        failed_only=failed_only,
        counts=inbox.counts(current_user),
        failed_count=answer_back.failed_count(current_user),
        answer_backs=answer_back.of_items(items),
        answer_form=AnswerForm(formdata=None),
        button_form=EmptyForm(formdata=None),
    )


def _back():
    return redirect(safe_next(request.form.get("next"), url_for("spoke_inbox.index")))


@bp.post("/team/inbox/<int:item_id>/answer")
@login_required
def answer(item_id: int):
    form = AnswerForm()
    if not form.validate_on_submit():
        flash(_("Write an answer first."), "error")
        return _back()
    try:
        inbox.answer_on_hub(current_user, item_id, form.body.data)
    except HubError as error:
        flash(error.message, "error")
    else:
        flash(_("Answered in the hub thread; the network gets a reply pointing to it."))
    return _back()


@bp.post("/team/inbox/<int:item_id>/answer-back")
@login_required
def retry_answer_back(item_id: int):
    if EmptyForm().validate_on_submit():
        try:
            answer_back.retry(current_user, item_id)
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("The reply on the network is queued again."))
    return _back()


@bp.post("/team/inbox/<int:item_id>/import")
@login_required
def import_reply(item_id: int):
    if EmptyForm().validate_on_submit():
        try:
            inbox.import_reply(current_user, item_id)
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("Imported into the hub thread."))
    return _back()


@bp.post("/team/inbox/<int:item_id>/dismiss")
@login_required
def dismiss(item_id: int):
    if EmptyForm().validate_on_submit():
        try:
            inbox.dismiss(current_user, item_id)
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("Dismissed."))
    return _back()


@bp.post("/team/inbox/prompts/<int:prompt_id>")
@login_required
def decide_prompt(prompt_id: int):
    form = PromptForm()
    if form.validate_on_submit():
        send = request.form.get("decision") == "send"
        try:
            closing.decide_prompt(current_user, prompt_id, send, form.text.data or "")
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("The reply is on its way.") if send else _("Skipped."))
    return _back()


@bp.route("/admin/spokes/answers", methods=["GET", "POST"])
@login_required
def loop_settings():
    permissions.require(permissions.can_manage_spokes(current_user))
    if request.method == "POST" and EmptyForm().validate_on_submit():
        try:
            for account in crosspost.list_accounts():
                mode = request.form.get(f"mode-{account.id}")
                if mode is not None:
                    closing.set_loop_mode(current_user, account.id, mode)
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("Saved."))
        return redirect(url_for("spoke_inbox.loop_settings"))
    return render_template(
        "spoke_inbox/loop_settings.html",
        accounts=crosspost.list_accounts(),
        modes=closing.loop_modes(),
        choices=tuple(LoopMode),
        form=EmptyForm(formdata=None),
    )
