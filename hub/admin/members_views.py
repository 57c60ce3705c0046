"""The members section: the list with its search and filters (`/admin/users`) and one
member's page (`/admin/users/<username>`) with the role change and the reset link.

Moderators see both read-only, without e-mail addresses, to reach a member's moderation page;
admins change roles and send reset links.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts import social_providers
from hub.accounts.forms import EmptyForm
from hub.admin import member_forms, member_queries, members, sections
from hub.admin.blueprint import bp
from hub.admin.sections import Section
from hub.core.errors import Conflict, Invalid
from hub.core.forms import show_errors
from hub.core.pagination import page_number

sections.add(
    Section(
        "admin.members_list",
        _l("Members"),
        _l("Find members, change their roles, send reset links."),
        "view_members",
        order=20,
    )
)


@bp.get("/users")
@login_required
def members_list():
    permissions.require(permissions.can_view_members(current_user))
    chosen, problems = member_queries.parse_filter(request.args)
    page = member_queries.list_members(current_user, chosen, page_number(request.args.get("page")))
    return render_template(
        "admin/members.html",
        page=page,
        chosen=chosen,
        problems=problems,
        roles=member_forms.ROLE_LABELS,
        states=member_forms.STATE_LABELS,
        provider_label=social_providers.label,
        may_manage=permissions.can_manage_members(current_user),
    ), (400 if problems else 200)


def _member_page(username: str, status: int = 200, role_form=None):
    permissions.require(permissions.can_view_members(current_user))
    person = accounts.get_user(username)
    if role_form is None:
        role_form = member_forms.RoleForm(role=person.role)
    return render_template(
        "admin/member.html",
        person=person,
        details=member_queries.member_details(person),
        role_form=role_form,
        reset_form=EmptyForm(),
        roles=member_forms.ROLE_LABELS,
        provider_label=social_providers.label,
        may_manage=permissions.can_manage_members(current_user),
    ), status


@bp.get("/users/<username>")
@login_required
def member(username: str):
    return _member_page(username)


@bp.post("/users/<username>/role")
@login_required
def change_role(username: str):
    permissions.require(permissions.can_manage_members(current_user))
    form = member_forms.RoleForm()
    if form.validate_on_submit():
        try:
            person = members.change_role(
                current_user, username, form.role.data, form.reason.data or ""
            )
        except (Invalid, Conflict) as error:
            show_errors(form, error)
        else:
            flash(
                _(
                    "%(name)s is now: %(role)s.",
                    name=person.username,
                    role=member_forms.ROLE_LABELS[person.role],
                )
            )
            return redirect(url_for("admin.member", username=person.username))
    return _member_page(username, 400, role_form=form)


@bp.post("/users/<username>/reset-link")
@login_required
def send_reset_link(username: str):
    permissions.require(permissions.can_manage_members(current_user))
    if EmptyForm().validate_on_submit():
        person = members.send_reset_link(current_user, username)
        flash(_("A password reset link is on its way to %(name)s.", name=person.username))
    return redirect(url_for("admin.member", username=username))
