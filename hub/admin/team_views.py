"""Teams (`/admin/teams`): create, edit and delete teams, their members, the categories they
answer in or may read, and the members who moderate one category. Admins only."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.admin import sections
from hub.admin import team_service as teams
from hub.admin.blueprint import bp
from hub.admin.sections import Section
from hub.admin.team_forms import CategoryModeratorForm, MemberForm, TeamForm
from hub.core.errors import Invalid
from hub.core.forms import show_errors
from hub.teams import queries as team_queries

sections.add(
    Section(
        "admin.team_list",
        _l("Teams"),
        _l("Staff teams and groups, their badges, categories and category moderators."),
        "manage_teams",
        order=40,
    )
)


@bp.app_template_global()
def team_badge(user):
    """For the badge next to a name: the person's primary team, or None."""
    return team_queries.badge_of(getattr(user, "id", None))


def _require():
    permissions.require(permissions.can_manage_teams(current_user))


def _moderator_form() -> CategoryModeratorForm:
    form = CategoryModeratorForm(prefix="moderator")
    form.category.choices = [(space.id, space.name) for space in teams.categories()]
    return form


def _list_page(form=None, moderator_form=None, status=200):
    return render_template(
        "admin/teams.html",
        teams=teams.list_teams(),
        form=form or TeamForm(),
        moderator_form=moderator_form or _moderator_form(),
        moderators=teams.category_moderators(),
        remove_form=EmptyForm(),
    ), status


@bp.get("/teams")
@login_required
def team_list():
    _require()
    return _list_page()


@bp.post("/teams")
@login_required
def create_team():
    _require()
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = teams.create_team(current_user, **form.values())
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("The team %(name)s is created. Add its members now.", name=team.name))
            return redirect(url_for("admin.team", slug=team.slug))
    return _list_page(form=form, status=400)


def _team_page(team, *, form=None, member_form=None, status=200, errors=None):
    answers, reads = teams.assigned(team)
    return render_template(
        "admin/team.html",
        team=team,
        form=form or TeamForm(obj=team, staff=team.is_staff),
        member_form=member_form or MemberForm(),
        members=teams.members(team),
        categories=teams.categories(),
        answers=answers,
        reads=reads,
        category_errors=errors or [],
        plain_form=EmptyForm(),
    ), status


@bp.get("/teams/<slug>")
@login_required
def team(slug: str):
    _require()
    return _team_page(teams.get_team(slug))


@bp.post("/teams/<slug>")
@login_required
def edit_team(slug: str):
    _require()
    team = teams.get_team(slug)
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = teams.edit_team(current_user, slug, **form.values())
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("The team is saved."))
            return redirect(url_for("admin.team", slug=team.slug))
    return _team_page(team, form=form, status=400)


@bp.post("/teams/<slug>/members")
@login_required
def add_team_member(slug: str):
    _require()
    team = teams.get_team(slug)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            teams.add_member(current_user, slug, form.username.data or "")
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("%(name)s is in the team now.", name=form.username.data.strip()))
            return redirect(url_for("admin.team", slug=slug) + "#members")
    return _team_page(team, member_form=form, status=400)


@bp.post("/teams/<slug>/members/<int:user_id>/remove")
@login_required
def remove_team_member(slug: str, user_id: int):
    _require()
    if EmptyForm().validate_on_submit():
        teams.remove_member(current_user, slug, user_id)
        flash(_("The member is out of the team."))
    return redirect(url_for("admin.team", slug=slug) + "#members")


@bp.post("/teams/<slug>/categories")
@login_required
def team_categories(slug: str):
    _require()
    team = teams.get_team(slug)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.team", slug=slug))
    try:
        answers = {int(v) for v in request.form.getlist("answers")}
        reads = {int(v) for v in request.form.getlist("reads")}
        teams.set_categories(current_user, slug, answers, reads)
    except ValueError:
        return _team_page(team, status=400, errors=[_("Choose among the categories listed.")])
    except Invalid as error:
        return _team_page(team, status=400, errors=list(error.fields.values()))
    flash(_("The team's categories are saved."))
    return redirect(url_for("admin.team", slug=slug) + "#categories")


@bp.get("/teams/<slug>/delete")
@login_required
def confirm_delete_team(slug: str):
    _require()
    team = teams.get_team(slug)
    return render_template(
        "admin/team_delete.html", team=team, members=teams.members(team), form=EmptyForm()
    )


@bp.post("/teams/<slug>/delete")
@login_required
def delete_team(slug: str):
    _require()
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.confirm_delete_team", slug=slug))
    teams.delete_team(current_user, slug)
    flash(_("The team is deleted."))
    return redirect(url_for("admin.team_list"))


@bp.post("/category-moderators")
@login_required
def add_category_moderator():
    _require()
    form = _moderator_form()
    if form.validate_on_submit():
        try:
            teams.add_category_moderator(current_user, form.category.data, form.username.data or "")
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("%(name)s moderates the category now.", name=form.username.data.strip()))
            return redirect(url_for("admin.team_list") + "#moderators")
    return _list_page(moderator_form=form, status=400)


@bp.post("/category-moderators/<int:space_id>/<int:user_id>/remove")
@login_required
def remove_category_moderator(space_id: int, user_id: int):
    _require()
    if EmptyForm().validate_on_submit():
        teams.remove_category_moderator(current_user, space_id, user_id)
        flash(_("The category moderator is removed."))
    return redirect(url_for("admin.team_list") + "#moderators")
