"""Wall pages: the company wall, a member's wall and posting on it, the wall settings, and the
feed of what a member follows."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.core import write_keys
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import member_form, show_errors
from hub.core.pagination import page_number
from hub.forums import follows
from hub.forums import queries as forum_queries
from hub.walls import forms, queries, recognition, relations, uploads
from hub.walls import service as walls
from hub.walls.blueprint import bp, owner_name, wall_post_url
from hub.walls.models import COMPANY


def _visible_wall(owner: str):
    space = walls.wall_for(owner)
    permissions.require(permissions.can_view_wall(current_user, space))
    return space


@bp.get("/company")
def company():
    return wall(COMPANY)


@bp.get("/wall/<owner>")
def wall(owner: str, form=None, status: int = 200):
    space = _visible_wall(owner)
    page = page_number(request.args.get("page"))
    cards, more = queries.wall_cards(current_user, space, page)
    person = space.owner
    following = bool(person) and follows.is_following(current_user, "user", person.id)
    return render_template(
        "walls/wall.html",
        space=space,
        owner=owner_name(space),
        person=person,
        cards=cards,
        page=page,
        more=more,
        form=form or member_form(forms.WallPostForm),
        following=following,
        blocked=bool(
            person
            and current_user.is_authenticated
            and relations.blocked(current_user.id, person.id)
        ),
        recognition=recognition.for_person(person) if person else None,
    ), status


@bp.post("/wall/<owner>/posts")
@login_required
def create_post(owner: str):
    space = _visible_wall(owner)
    permissions.require(permissions.can_create_topic(current_user, space))
    form = forms.WallPostForm()
    if form.validate_on_submit():
        try:
            image = None
            upload = form.image.data
            if upload and getattr(upload, "filename", ""):
                image = uploads.save_image(upload.read(uploads.MAX_BYTES + 1))
            topic = walls.create_wall_post(
                current_user,
                owner,
                form.body.data or "",
                known_issue=bool(form.known_issue.data),
                image=image,
                key=write_keys.from_request(),
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            target = wall_post_url(topic)  # first: a request run again must not flash twice
            flash(_("Posted on the wall."))
            return redirect(target)
    return wall(owner, form=form, status=400)


@bp.route("/wall-settings", methods=["GET", "POST"])
@login_required
def settings():
    current = relations.settings_of(current_user.id)
    form = forms.WallSettingsForm(obj=current)
    if form.validate_on_submit():
        try:
            walls.update_settings(
                current_user,
                comments=form.comments.data,
                hidden=bool(form.hidden_from_visitors.data),
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your wall settings are saved."))
            return redirect(url_for("walls.settings"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("walls/settings.html", form=form), status


@bp.get("/feed")
def feed():
    """A member's feed of what they follow; visitors see the company wall and questions."""
    if not current_user.is_authenticated:
        return render_template(
            "walls/feed_visitor.html",
            company=queries.company_cards(current_user),
            popular=recognition.popular_questions(current_user),
            unanswered=forum_queries.list_topics(
                current_user, filter_name="unanswered", per_page=10
            ),
            helpers=recognition.top_helpers(),
        )
    page = queries.feed(current_user, request.args.get("cursor"))
    return render_template(
        "walls/feed.html",
        page=page,
        helpers=recognition.top_helpers(),
    )
