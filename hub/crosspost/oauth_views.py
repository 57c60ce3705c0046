"""Connecting spoke accounts with OAuth from /admin/spokes: a start route per network that
sends the admin to the network's consent page, and the callback the network sends them back to.
"""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.core.errors import Invalid
from hub.crosspost import connect_facebook, connect_mastodon, connect_x
from hub.crosspost.forms import ConnectFacebookForm, ConnectMastodonForm, ConnectXForm
from hub.crosspost.views import _admin_page, bp


@bp.post("/admin/spokes/oauth/mastodon")
@login_required
def connect_mastodon_start():
    permissions.require(permissions.can_manage_spokes(current_user))
    form = ConnectMastodonForm(prefix="mastodon")
    if not form.validate_on_submit():
        return _admin_page(status_code=400, connect_mastodon_form=form)
    try:
        url = connect_mastodon.start(current_user, form.name.data, form.instance_url.data)
    except Invalid as error:
        form.instance_url.errors = [*form.instance_url.errors, str(error)]
        return _admin_page(status_code=400, connect_mastodon_form=form)
    return redirect(url)


@bp.post("/admin/spokes/oauth/x")
@login_required
def connect_x_start():
    permissions.require(permissions.can_manage_spokes(current_user))
    form = ConnectXForm(prefix="x")
    if not form.validate_on_submit():
        return _admin_page(status_code=400, connect_x_form=form)
    try:
        url = connect_x.start(
            current_user, form.name.data, form.client_id.data, form.client_secret.data or ""
        )
    except Invalid as error:
        form.name.errors = [*form.name.errors, str(error)]
        return _admin_page(status_code=400, connect_x_form=form)
    return redirect(url)


@bp.post("/admin/spokes/oauth/facebook")
@login_required
def connect_facebook_start():
    permissions.require(permissions.can_manage_spokes(current_user))
    form = ConnectFacebookForm(prefix="facebook")
    if not form.validate_on_submit():
        return _admin_page(status_code=400, connect_facebook_form=form)
    try:
        url = connect_facebook.start(current_user, form.app_id.data, form.app_secret.data)
    except Invalid as error:
        form.app_id.errors = [*form.app_id.errors, str(error)]
        return _admin_page(status_code=400, connect_facebook_form=form)
    return redirect(url)


@bp.get(connect_mastodon.CALLBACK_PATH)
@login_required
def connect_mastodon_callback():
    return _finish(lambda **answer: [connect_mastodon.finish(current_user, **answer)])


@bp.get(connect_x.CALLBACK_PATH)
@login_required
def connect_x_callback():
    return _finish(lambda **answer: [connect_x.finish(current_user, **answer)])


@bp.get(connect_facebook.CALLBACK_PATH)
@login_required
def connect_facebook_callback():
    return _finish(lambda **answer: connect_facebook.finish(current_user, **answer))


def _finish(connect):
    """Hand the network's answer to `connect`; back to the admin page either way."""
    permissions.require(permissions.can_manage_spokes(current_user))
    answer = {name: request.args.get(name, "") for name in ("state", "code", "error")}
    try:
        accounts = connect(**answer)
    except Invalid as error:
        flash(str(error), "error")
        return redirect(url_for("crosspost.admin")), 303
    for account in accounts:
        flash(_("%(name)s is connected.", name=account.name))
    return redirect(url_for("crosspost.admin"))
