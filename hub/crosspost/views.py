"""Admin page `/admin/spokes` (accounts, category rules, deliveries) and the experts' share
action on a topic."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.core.errors import Conflict, Invalid
from hub.crosspost import admin_page, announcements, connect_views, faq_share, sharing
from hub.crosspost import service as crosspost
from hub.crosspost.forms import (
    AnnouncementsForm,
    ConnectAccountForm,
    RuleForm,
)

bp = Blueprint("crosspost", __name__)
connect_views.add_routes(bp)  # the OAuth connect routes, one pair per network


@bp.get("/admin/spokes")
@login_required
def admin():
    permissions.require(permissions.can_manage_spokes(current_user))
    return admin_page.render()


@bp.post("/admin/spokes/accounts")
@login_required
def connect():
    permissions.require(permissions.can_manage_spokes(current_user))
    form = ConnectAccountForm()
    if form.validate_on_submit():
        try:
            account = crosspost.connect_account(
                current_user,
                form.network.data,
                form.name.data,
                form.access_token.data,
                instance_url=form.instance_url.data or "",
                page_id=form.page_id.data or "",
                client_id=form.client_id.data or "",
                client_secret=form.client_secret.data or "",
                refresh_token=form.refresh_token.data or "",
            )
        except Invalid as error:
            for name, message in (error.fields or {}).items():
                field = getattr(form, "access_token" if name == "token" else name, None)
                if field is not None:
                    field.errors = [*field.errors, message]
            return admin_page.render(form, 400)
        flash(_("%(name)s is connected.", name=account.name))
        return redirect(url_for("crosspost.admin"))
    return admin_page.render(form, 400)


@bp.post("/admin/spokes/rules/<int:space_id>")
@login_required
def set_rule(space_id: int):
    permissions.require(permissions.can_manage_spokes(current_user))
    form = RuleForm(prefix=f"rule-{space_id}")
    if form.validate_on_submit():
        crosspost.set_rule(current_user, space_id, form.mode.data, form.hashtags.data or "")
        flash(_("Saved."))
    return redirect(url_for("crosspost.admin"))


@bp.post("/admin/spokes/announcements")
@login_required
def set_announcements():
    permissions.require(permissions.can_manage_spokes(current_user))
    form = AnnouncementsForm()
    if form.validate_on_submit():
        announcements.set_announcements(current_user, form.enabled.data)
        flash(_("Saved."))
    return redirect(url_for("crosspost.admin"))


@bp.post("/admin/spokes/deliveries/<int:delivery_id>/retry")
@login_required
def retry(delivery_id: int):
    permissions.require(permissions.can_manage_spokes(current_user))
    if EmptyForm().validate_on_submit():
        try:
            crosspost.retry_delivery(current_user, delivery_id)
            flash(_("The delivery is queued again."))
        except Conflict as error:
            flash(str(error), "error")
    return redirect(url_for("crosspost.admin", status=admin_page.status_filter()))


@bp.route("/t/<int:topic_id>/share", methods=["GET", "POST"])
@login_required
def share(topic_id: int):
    """A text per account, prefilled and editable; checked accounts are sent on submit."""
    topic = crosspost.get_topic(topic_id)
    permissions.require(permissions.can_share_topic(current_user, topic))
    return _share_page(
        title=topic.title,
        lead=_(
            "Each post ends with a tracked link back to this topic; long texts are shortened "
            "to the network's limit."
        ),
        back=f"/t/{topic.id}",
        default_text=crosspost.default_text(topic, "share"),
        send=lambda texts: sharing.share_topic(current_user, topic.id, texts),
        sent=crosspost.deliveries_of_topic(topic.id),
    )


@bp.route("/faq/<int:entry_id>/share", methods=["GET", "POST"])
@login_required
def share_faq_entry(entry_id: int):
    """The same editable preview per network for an FAQ entry."""
    entry = faq_share.shareable_entry(current_user, entry_id)
    return _share_page(
        title=entry.question,
        lead=_(
            "Each post ends with a tracked link back to this FAQ entry; long texts are "
            "shortened to the network's limit."
        ),
        back=faq_share.entry_path(entry),
        default_text=faq_share.default_text(entry),
        send=lambda texts: faq_share.share_entry(current_user, entry.id, texts),
        sent=crosspost.deliveries_of(faq_share.CONTENT_TYPE, entry.id),
    )


def _share_page(*, title: str, lead: str, back: str, default_text: str, send, sent):
    accounts = crosspost.shareable_accounts()
    form = EmptyForm()
    texts = {
        account.id: request.form.get(f"text-{account.id}", default_text) for account in accounts
    }
    error = None
    if form.validate_on_submit():
        chosen = {
            account.id: texts[account.id]
            for account in accounts
            if request.form.get(f"send-{account.id}")
        }
        try:
            send(chosen)
        except (Invalid, Conflict) as failure:
            error = str(failure)
        else:
            flash(_("Shared: the posts are on their way."))
            return redirect(back)
    return render_template(
        "crosspost/share.html",
        title=title,
        lead=lead,
        accounts=accounts,
        texts=texts,
        form=form,
        error=error,
        sent={delivery.account_id: delivery for delivery in sent},
    ), (400 if error else 200)
