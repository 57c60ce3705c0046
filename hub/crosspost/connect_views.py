"""The OAuth connect routes of /admin/spokes, one pair per network: a start route that sends
the admin to the network's consent page (or shows the page again with the form's error), and
the callback the network sends them back to. The flow itself is connect_flow.py."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.core.errors import Invalid
from hub.crosspost import admin_page, connect_flow
from hub.crosspost.connect_facebook import FACEBOOK
from hub.crosspost.connect_flow import Network
from hub.crosspost.connect_mastodon import MASTODON
from hub.crosspost.connect_x import X

NETWORKS = (MASTODON, X, FACEBOOK)


def add_routes(bp: Blueprint) -> None:
    """`crosspost.connect_<network>_start` and `crosspost.connect_<network>_callback`."""
    for network in NETWORKS:
        bp.add_url_rule(
            f"/admin/spokes/oauth/{network.name}",
            f"connect_{network.name}_start",
            login_required(_start_view(network)),
            methods=["POST"],
        )
        bp.add_url_rule(
            network.callback_path,
            f"connect_{network.name}_callback",
            login_required(_callback_view(network)),
        )


def _start_view(network: Network):
    def start():
        permissions.require(permissions.can_manage_spokes(current_user))
        form = network.form(prefix=network.name)
        forms = {f"connect_{network.name}_form": form}
        if not form.validate_on_submit():
            return admin_page.render(status_code=400, **forms)
        try:
            url = connect_flow.start(current_user, network, form)
        except Invalid as error:
            field = getattr(form, network.error_field)
            field.errors = [*field.errors, str(error)]
            return admin_page.render(status_code=400, **forms)
        return redirect(url)

    return start


def _callback_view(network: Network):
    def callback():
        """Hand the network's answer to the flow; back to the admin page either way."""
        permissions.require(permissions.can_manage_spokes(current_user))
        answer = {name: request.args.get(name, "") for name in ("state", "code", "error")}
        try:
            accounts = connect_flow.finish(current_user, network, **answer)
        except Invalid as error:
            flash(str(error), "error")
            return redirect(url_for("crosspost.admin")), 303
        for account in accounts:
            flash(_("%(name)s is connected.", name=account.name))
        return redirect(url_for("crosspost.admin"))

    return callback
