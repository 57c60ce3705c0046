"""FAQ pages: by category with answers folded out, one page per entry, and the team's editor."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from hub import permissions
from hub.core.errors import Conflict, HubError
from hub.core.extensions import db
from hub.core.forms import member_form, safe_next, show_errors
from hub.faq import forms, queries, rules
from hub.faq import service as faq
from hub.forums import service as forums
from hub.forums.models import Space, SpaceKind

bp = Blueprint("faq", __name__, url_prefix="/faq")

SESSION_KEY = "faq_voter"  # a random id, so a visitor's browser answers "helpful?" once


def _voter_key(create: bool = False) -> str | None:
    if create and SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(18)
    return session.get(SESSION_KEY)


def _page_context(entries) -> dict:
    ids = [entry.id for entry in entries]
    return {
        "votes": queries.votes_of(current_user, _voter_key(), ids),
        "helpful_form": member_form(forms.HelpfulForm),
        "action_form": member_form(forms.ActionForm),
    }


def _categories_for_select() -> list[tuple[str, str]]:
    stmt = select(Space).where(Space.kind == SpaceKind.CATEGORY.value).order_by(Space.position)
    return [
        (space.slug, space.name)
        for space in db.session.scalars(stmt)
        if permissions.can_view_space(current_user, space)
    ]


@bp.get("/")
def index():
    drafts = bool(rules.can_see_faq_drafts(current_user))
    groups = queries.by_category(current_user, drafts=drafts)
    entries = [entry for _, items in groups for entry in items]
    return render_template("faq/index.html", groups=groups, space=None, **_page_context(entries))


@bp.get("/c/<slug>")
def category(slug: str):
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(current_user, space):
        abort(404)
    drafts = bool(rules.can_see_faq_drafts(current_user))
    groups = queries.by_category(current_user, space, drafts=drafts)
    entries = [entry for _, items in groups for entry in items]
    return render_template("faq/index.html", groups=groups, space=space, **_page_context(entries))


@bp.get("/<int:entry_id>")
@bp.get("/<int:entry_id>-<slug>")
def entry(entry_id: int, slug: str = ""):
    item = faq.get_visible_entry(current_user, entry_id)
    source = None
    if item.source_topic is not None and permissions.can_view_space(
        current_user, item.source_topic.space
    ):
        source = item.source_topic
    return render_template(
        "faq/entry.html", entry=item, source_topic=source, **_page_context([item])
    )


@bp.get("/<int:entry_id>/helpful")
def helpful_confirm(entry_id: int):
    """Where a visitor's "helpful?" link leads: the same question, now with the form and its
    token (the FAQ pages themselves carry none for visitors, so they can be cached)."""
    item = faq.get_visible_entry(current_user, entry_id)
    if not item.is_published:
        abort(404)
    choice = request.args.get("helpful")
    back = safe_next(request.args.get("next"), url_for("faq.entry", entry_id=item.id))
    return render_template(
        "faq/helpful.html",
        entry=item,
        form=forms.HelpfulForm(),
        choice=choice if choice in ("yes", "no") else None,
        next_url=back,
    )


@bp.post("/<int:entry_id>/helpful")
def helpful(entry_id: int):
    form = forms.HelpfulForm()
    if not form.validate_on_submit():
        abort(400)
    faq.vote_helpful(
        current_user, entry_id, form.helpful.data == "yes", session_key=_voter_key(create=True)
    )
    flash(_("Thank you for your feedback."))
    back = url_for("faq.entry", entry_id=entry_id)
    return redirect(safe_next(request.form.get("next"), back))


# --- the team's pages --------------------------------------------------------------------------


def _require_editor() -> None:
    permissions.require(rules.can_edit_faq(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    _require_editor()
    form = forms.EntryForm(category=request.args.get("category"))
    form.category.choices = _categories_for_select()
    if form.validate_on_submit():
        try:
            item = faq.create_entry(
                current_user,
                form.category.data,
                form.question.data,
                form.answer.data,
                publish=form.publish.data,
            )
        except HubError as error:
            show_errors(form, error)
        else:
            flash(_("The entry is saved."))
            return redirect(url_for("faq.entry", entry_id=item.id, slug=item.slug))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("faq/edit.html", form=form, entry=None), status


@bp.route("/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit(entry_id: int):
    _require_editor()
    item = faq.get_entry(entry_id)
    form = forms.EditEntryForm(
        data={
            "category": item.space.slug,
            "question": item.question,
            "answer": item.answer_raw,
            "maintainer": item.maintainer.username if item.maintainer else "",
        }
    )
    form.category.choices = _categories_for_select()
    if form.validate_on_submit():
        try:
            faq.edit_entry(
                current_user,
                item.id,
                form.question.data,
                form.answer.data,
                category=form.category.data,
                maintainer=form.maintainer.data or None,
                reason=form.reason.data or "",
            )
        except HubError as error:
            show_errors(form, error)
        else:
            flash(_("The entry is saved."))
            return redirect(url_for("faq.entry", entry_id=item.id, slug=item.slug))
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "faq/edit.html",
        form=form,
        entry=item,
        revisions=faq.revisions(item),
        action_form=forms.ActionForm(),
    ), status


def _action(entry_id: int, do, message: str):
    form = forms.ActionForm()
    if not form.validate_on_submit():
        abort(400)
    item = do(current_user, entry_id)
    flash(message)
    back = url_for("faq.entry", entry_id=item.id, slug=item.slug)
    return redirect(safe_next(request.form.get("next"), back))


@bp.post("/<int:entry_id>/publish")
@login_required
def publish(entry_id: int):
    return _action(entry_id, faq.publish_entry, _("The entry is published."))


@bp.post("/<int:entry_id>/unpublish")
@login_required
def unpublish(entry_id: int):
    return _action(entry_id, faq.unpublish_entry, _("The entry is a draft again."))


@bp.post("/<int:entry_id>/up")
@login_required
def move_up(entry_id: int):
    return _action(entry_id, lambda actor, i: faq.move_entry(actor, i, -1), _("Moved up."))


@bp.post("/<int:entry_id>/down")
@login_required
def move_down(entry_id: int):
    return _action(entry_id, lambda actor, i: faq.move_entry(actor, i, +1), _("Moved down."))


@bp.post("/promote/<int:topic_id>")
@login_required
def promote(topic_id: int):
    """From a solved question's page: make a draft and open it in the editor."""
    form = forms.ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        item = faq.promote_topic(current_user, topic_id)
    except Conflict as error:
        flash(error.message, "error")
        return redirect(url_for("faq.entry", entry_id=int(error.fields["faq_entry"])))
    flash(_("A draft FAQ entry was made from this question. Check it and publish it."))
    return redirect(url_for("faq.edit", entry_id=item.id))
