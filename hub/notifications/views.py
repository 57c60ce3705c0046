"""Notification pages: the list, mark read, e-mail settings and the unsubscribe link."""

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub.core.forms import safe_next
from hub.notifications import links, queries, texts
from hub.notifications import service as notifications
from hub.notifications.forms import ButtonForm, EmailChoicesForm

bp = Blueprint("notifications", __name__)


def _require_csrf() -> None:
    """Raises: 400 when a button's form lacks its CSRF token (or it is wrong)."""
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired. Please try again."))


@bp.get("/notifications")
@login_required
def index():
    items, next_cursor = queries.page_for(current_user.id, request.args.get("cursor", type=int))
    return render_template(
        "notifications/list.html",
        items=[(n, texts.describe(n)) for n in items],
        next_cursor=next_cursor,
        button_form=ButtonForm(),
    )


@bp.get("/notifications/unread.json")
@login_required
def unread():
    """The bell asks after a reconnect: pushed events it missed are in the database."""
    return jsonify(unread=queries.unread_count(current_user.id))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    _require_csrf()
    notifications.mark_all_read(current_user)
    flash(_("All notifications are marked read."))
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    _require_csrf()
    notifications.mark_read(current_user, notification_id)
    return redirect(safe_next(request.form.get("next"), url_for("notifications.index")))


@bp.get("/notifications/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    """The link in the list and the live bell: mark read, then go where it leads."""
    notification = notifications.mark_read(current_user, notification_id)
    return redirect(links.notification_link(notification))


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings():
    form = EmailChoicesForm(
        data=queries.email_choices(current_user.id), staff=current_user.is_staff
    )
    if form.validate_on_submit():
        notifications.set_email_choices(current_user, form.choices())
        flash(_("Your notification settings are saved."))
        return redirect(url_for("notifications.settings"))
    status = 400 if request.method == "POST" else 200
    return render_template("notifications/settings.html", form=form), status


@bp.get("/notifications/unsubscribe/<token>")
def unsubscribe(token: str):
    """The link in every mail: say what it stops and ask to confirm (mail scanners only GET)."""
    user, kind = notifications.check_unsubscribe(token)
    return render_template(
        "notifications/unsubscribe.html",
        person=user,
        kind_label=texts.kind_label(kind),
        form=ButtonForm(),
        done=False,
    )


@bp.post("/notifications/unsubscribe/<token>")
def confirm_unsubscribe(token: str):
    _require_csrf()
    user, kind = notifications.unsubscribe(token)
    return render_template(
        "notifications/unsubscribe.html",
        person=user,
        kind_label=texts.kind_label(kind),
        form=None,
        done=True,
    )
