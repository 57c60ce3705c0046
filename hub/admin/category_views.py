"""The categories section (`/admin/categories`): the list in its order with topic counts, the
create and edit forms, moving up and down, archiving, and deleting (with a move of the topics
when the category is not empty)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.admin import categories, sections
from hub.admin.blueprint import bp
from hub.admin.category_forms import CategoryForm, DeleteCategoryForm
from hub.admin.sections import Section
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import show_errors
from hub.teams import queries as team_queries

sections.add(
    Section(
        "admin.categories",
        _l("Categories"),
        _l("Create, edit, order, archive and delete the forum's categories."),
        "manage_categories",
        order=20,
    )
)


def _require_admin() -> None:
    permissions.require(permissions.can_manage_categories(current_user))


def _back():
    return redirect(url_for("admin.categories"))


@bp.get("/categories", endpoint="categories")
@login_required
def category_list():
    _require_admin()
    return render_template(
        "admin/categories.html",
        rows=categories.overview(),
        button_form=EmptyForm(),
    )


@bp.route("/categories/new", methods=["GET", "POST"])
@login_required
def new_category():
    _require_admin()
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            space = categories.create(current_user, form.values(), private=form.private.data)
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("The category “%(name)s” is created.", name=space.name))
            _hint_private(space, was_private=False)
            return _back()
    status = 400 if form.errors or form.form_errors else 200
    return render_template("admin/category_form.html", form=form, space=None, readers=[]), status


@bp.route("/categories/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_category(slug: str):
    _require_admin()
    space = categories.get_category(slug)
    form = CategoryForm()
    if request.method == "GET":
        form.fill(space)
    if form.validate_on_submit():
        was_private = space.is_private
        try:
            space = categories.edit(
                current_user, slug, form.values(), private=bool(form.private.data)
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your changes to “%(name)s” are saved.", name=space.name))
            _hint_private(space, was_private)
            return _back()
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "admin/category_form.html",
        form=form,
        space=space,
        readers=team_queries.readers_of(space.id) if space.is_private else [],
    ), status


def _hint_private(space, was_private: bool) -> None:
    """A category just made private is read by the team and moderators alone: say where the
    teams and groups that may read it too are chosen."""
    if space.is_private and not was_private:
        flash(
            _(
                "“%(name)s” is private: the team and moderators read it. Choose the teams "
                "and groups who may read it too on their pages under Teams.",
                name=space.name,
            )
        )


@bp.post("/categories/<slug>/move")
@login_required
def move_category(slug: str):
    _require_admin()
    direction = request.form.get("direction")
    if EmptyForm().validate_on_submit() and direction in ("up", "down"):
        offset = -1 if direction == "up" else 1
        if not categories.move(current_user, slug, offset):
            flash(_("It is at that end of the list already."))
    return _back()


@bp.post("/categories/<slug>/archive")
@login_required
def archive_category(slug: str):
    return _set_archived(slug, True, _("Archived: its topics stay readable, nothing new is added."))


@bp.post("/categories/<slug>/unarchive")
@login_required
def unarchive_category(slug: str):
    return _set_archived(slug, False, _("The category takes new topics and replies again."))


def _set_archived(slug: str, archived: bool, done: str):
    _require_admin()
    if EmptyForm().validate_on_submit():
        categories.set_archived(current_user, slug, archived)
        flash(done)
    return _back()


@bp.route("/categories/<slug>/delete", methods=["GET", "POST"])
@login_required
def delete_category(slug: str):
    _require_admin()
    space = categories.get_category(slug)
    topic_count, entry_count = categories.contents(space)
    form = DeleteCategoryForm()
    form.move_to.choices = [SelectChoice("", _("Choose a category"))] + [
        SelectChoice(other.slug, other.name)
        for other, _count in categories.overview()
        if other.id != space.id
    ]
    if form.validate_on_submit():
        try:
            moved = categories.remove(current_user, slug, form.move_to.data or None)
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(
                ngettext(
                    "“%(name)s” is deleted; %(num)d topic moved.",
                    "“%(name)s” is deleted; %(num)d topics moved.",
                    moved,
                    name=space.name,
                )
            )
            return _back()
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "admin/category_delete.html",
        form=form,
        space=space,
        topic_count=topic_count,
        entry_count=entry_count,
    ), status
