"""Admin page `/admin/spokes` (accounts, category rules, deliveries) and the experts' share
action on a topic."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.crosspost import announcements, contents, faq_share
from hub.crosspost import service as crosspost
from hub.crosspost.forms import (
    AnnouncementsForm,
    ConnectAccountForm,
    ConnectFacebookForm,
    ConnectMastodonForm,
    ConnectXForm,
    RuleForm,
)
from hub.crosspost.models import DELIVERY_STATUSES, RuleMode
from hub.forums.models import Space, SpaceKind

bp = Blueprint("crosspost", __name__)


def _status_filter() -> str | None:
    status = request.args.get("status") or None
    return status if status in DELIVERY_STATUSES else None


def _admin_page(
    connect_form: ConnectAccountForm | None = None,
    status_code: int = 200,
    connect_x_form: ConnectXForm | None = None,
    connect_facebook_form: ConnectFacebookForm | None = None,
    connect_mastodon_form: ConnectMastodonForm | None = None,
):
    status = _status_filter()
    rules = crosspost.rules_by_space()
    categories = list(
        db.session.scalars(
            select(Space).where(Space.kind == SpaceKind.CATEGORY).order_by(Space.position, Space.id)
        )
    )
    rule_forms = {}
    for space in categories:
        rule = rules.get(space.id)
        form = RuleForm(prefix=f"rule-{space.id}", formdata=None)
        form.mode.data = rule.mode if rule else RuleMode.NOTHING.value
        form.hashtags.data = rule.hashtags if rule else ""
        rule_forms[space.id] = form
    deliveries = crosspost.list_deliveries(status)
    announcements_form = AnnouncementsForm(formdata=None)
    announcements_form.enabled.data = announcements.announcements_enabled()
    accounts = crosspost.list_accounts()
    return render_template(
        "crosspost/admin.html",
        accounts=accounts,
        unreadable=[account for account in accounts if not account.tokens_readable],
        deliveries=deliveries,
        described=_described(deliveries),
        announcements_form=announcements_form,
        connect_x_form=connect_x_form or ConnectXForm(prefix="x", formdata=None),
        connect_mastodon_form=connect_mastodon_form
        or ConnectMastodonForm(prefix="mastodon", formdata=None),
        connect_facebook_form=connect_facebook_form
        or ConnectFacebookForm(prefix="facebook", formdata=None),
        categories=categories,
        rule_forms=rule_forms,
        connect_form=connect_form or ConnectAccountForm(formdata=None),
        button_form=EmptyForm(),
        status=status,
        statuses=DELIVERY_STATUSES,
    ), status_code


def _described(deliveries) -> dict[tuple[str, int], contents.Content | None]:
    """What each delivery carries, looked up once per piece of content."""
    keys = {(d.content_type, d.content_id) for d in deliveries}
    return {key: _describe_or_none(*key) for key in keys}


def _describe_or_none(content_type: str, content_id: int) -> contents.Content | None:
    try:
        return contents.describe(content_type, content_id)
    except KeyError:  # a type no longer registered: shown as gone, not a crash
        return None


@bp.get("/admin/spokes")
@login_required
def admin():
    permissions.require(permissions.can_manage_spokes(current_user))
    return _admin_page()


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
            return _admin_page(form, 400)
        flash(_("%(name)s is connected.", name=account.name))
        return redirect(url_for("crosspost.admin"))
    return _admin_page(form, 400)


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
    return redirect(url_for("crosspost.admin", status=_status_filter()))


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
        send=lambda texts: crosspost.share_topic(current_user, topic.id, texts),
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


# The OAuth connect routes live on this blueprint too, in a module of their own.
from hub.crosspost import oauth_views  # noqa: E402, F401
