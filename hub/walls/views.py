"""Wall pages, the feed, the known-issue banner and uploaded images.

Views parse input, call the walls service (which checks permissions) and render.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from hub import permissions
from hub.accounts.forms import EmptyForm
from hub.core import write_keys
from hub.core.columns import utcnow
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import member_form, safe_next, show_errors
from hub.core.pagination import page_number
from hub.forums import follows
from hub.forums import queries as forum_queries
from hub.forums.models import Topic
from hub.forums.views.posts import revisions_page
from hub.pagecache import fragments
from hub.pagecache import pages as pagecache_pages
from hub.walls import forms, queries, recognition, relations, uploads
from hub.walls import service as walls
from hub.walls.models import COMPANY

bp = Blueprint("walls", __name__)


def owner_name(space) -> str:
    return COMPANY if space.owner_id is None else space.owner.username


def wall_url(owner: str) -> str:
    return url_for("walls.wall", owner=owner)


def wall_post_url(topic: Topic) -> str:
    return url_for("walls.wall_post", topic_id=topic.id)


@bp.app_context_processor
def _walls_helpers() -> dict:
    """URL helpers, the known-issue banner and the top helpers (each kept while unchanged)."""
    return {
        "wall_url": wall_url,
        "wall_post_url": wall_post_url,
        "known_issues": queries.open_issues,
        "known_issue_banner": known_issue_banner,
        "recognition_of": recognition.for_person,
        "top_helpers": recognition.top_helpers,
        "top_helpers_box": top_helpers_box,
    }


def known_issue_banner() -> Markup:
    """The banner of open known issues on every page; an issue opened, renamed or resolved
    outdates it (`site`)."""
    return fragments.remember(
        f"known-issues:{get_locale()}",
        (),
        lambda: _part("walls/_banner.html", known_issues=queries.open_issues),
    )


def top_helpers_box() -> Markup:
    """The home page's top helpers of this month; an accepted or hidden answer outdates it."""
    month = utcnow().strftime("%Y-%m")
    return fragments.remember(
        f"top-helpers:{get_locale()}:{month}",
        (pagecache_pages.HOME,),
        lambda: _part("walls/_top_helpers.html", top_helpers=recognition.top_helpers),
    )


def _part(template: str, **values) -> str:
    # Only the env's globals (url_for, gettext) and `values`: no context processors needed.
    return current_app.jinja_env.get_template(template).render(**values)


def _visible_wall(owner: str):
    space = walls.wall_for(owner)
    permissions.require(permissions.can_view_wall(current_user, space))
    return space


def _visible_topic(topic_id: int) -> Topic:
    topic = walls.get_wall_topic(topic_id)
    permissions.require(permissions.can_view_wall(current_user, topic.space))
    return topic


def _act(action, done: str, back: str):
    """Run a button's action and go back; expected errors are flashed."""
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
    else:
        try:
            action()
        except HubError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            flash(done)
    return redirect(safe_next(request.form.get("next"), back))


# --- walls ------------------------------------------------------------------------------------


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


@bp.get("/w/<int:topic_id>")
def wall_post(topic_id: int, form=None, status: int = 200):
    topic = _visible_topic(topic_id)
    cards = queries.cards(current_user, [_opening(topic)])
    comments, likes = queries.comments(current_user, topic)
    return render_template(
        "walls/post.html",
        topic=topic,
        card=cards[0],
        owner=owner_name(topic.space),
        comments=comments,
        likes=likes,
        updates=queries.issue_updates(topic.id) if cards[0].issue_status else [],
        form=form or member_form(forms.CommentForm),
        issue_form=member_form(forms.IssueUpdateForm, prefix="issue"),
    ), status


def _opening(topic: Topic):
    from sqlalchemy import select

    from hub.forums.models import Post

    post = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    if post is None or (post.is_hidden and not permissions.can_see_hidden_post(current_user, post)):
        abort(404)
    return post


@bp.post("/w/<int:topic_id>/comments")
@login_required
def comment(topic_id: int):
    topic = _visible_topic(topic_id)
    form = forms.CommentForm()
    if form.validate_on_submit():
        try:
            body, key = form.body.data or "", write_keys.from_request()
            post = walls.create_comment(current_user, topic.id, body, key=key)
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            target = wall_post_url(topic) + f"#post-{post.number}"  # first: see create_post
            flash(_("Your comment is posted."))
            return redirect(target)
    return wall_post(topic.id, form=form, status=400)


@bp.route("/wp/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id: int):
    post = walls.get_wall_post(post_id)
    permissions.require(permissions.can_edit_post(current_user, post))
    form = forms.EditForm()
    if request.method == "GET":
        form.body.data = post.raw
    if form.validate_on_submit():
        try:
            walls.edit_wall_post(current_user, post.id, form.body.data or "", form.reason.data)
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your changes are saved."))
            return redirect(wall_post_url(post.topic) + f"#post-{post.number}")
    status = 400 if form.errors or form.form_errors else 200
    back = wall_post_url(post.topic) + f"#post-{post.number}"
    return render_template(
        "forums/edit.html", form=form, post=post, topic=post.topic, back_url=back
    ), status


@bp.get("/wp/<int:post_id>/revisions")
def revisions(post_id: int):
    post = walls.get_wall_post(post_id)
    _visible_topic(post.topic_id)
    return revisions_page(post, back_url=wall_post_url(post.topic) + f"#post-{post.number}")


@bp.post("/wp/<int:post_id>/like")
@login_required
def like(post_id: int):
    post = walls.get_wall_post(post_id)
    back = wall_post_url(post.topic)
    return _act(lambda: walls.like(current_user, post.id), _("Liked."), back)


@bp.post("/wp/<int:post_id>/unlike")
@login_required
def unlike(post_id: int):
    post = walls.get_wall_post(post_id)
    back = wall_post_url(post.topic)
    return _act(lambda: walls.unlike(current_user, post.id), _("Like taken back."), back)


@bp.get("/wp/<int:post_id>/likes")
def likers(post_id: int):
    post = walls.get_wall_post(post_id)
    permissions.require(permissions.can_view_wall(current_user, post.topic.space))
    likes = queries.likes_for(current_user, [post.id])
    return render_template(
        "walls/likers.html",
        post=post,
        count=likes.counts.get(post.id, 0),
        names=likes.names.get(post.id, []),
    )


@bp.post("/w/<int:topic_id>/pin")
@login_required
def pin(topic_id: int):
    topic = _visible_topic(topic_id)
    pinned = request.form.get("pinned") == "1"
    done = _("Pinned to the top of the wall.") if pinned else _("Unpinned.")
    back = wall_url(owner_name(topic.space))
    return _act(lambda: walls.set_pinned(current_user, topic.id, pinned), done, back)


@bp.post("/w/<int:topic_id>/issue")
@login_required
def issue_update(topic_id: int):
    topic = _visible_topic(topic_id)
    form = forms.IssueUpdateForm(prefix="issue")
    if form.validate_on_submit():
        try:
            walls.add_issue_update(
                current_user, topic.id, form.body.data or "", resolve=bool(form.resolve.data)
            )
        except HubError as error:
            db.session.rollback()
            flash(error.message, "error")
            for message in error.fields.values():
                flash(message, "error")
        else:
            flash(_("Update posted."))
    return redirect(wall_post_url(topic))


@bp.post("/w/<int:topic_id>/reopen")
@login_required
def reopen(topic_id: int):
    topic = _visible_topic(topic_id)
    back = wall_post_url(topic)
    return _act(lambda: walls.reopen_issue(current_user, topic.id), _("Reopened."), back)


# --- settings and blocks ----------------------------------------------------------------------


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


@bp.post("/wall/<owner>/block")
@login_required
def block(owner: str):
    back = wall_url(owner)
    return _act(lambda: walls.block(current_user, owner), _("Blocked."), back)


@bp.post("/wall/<owner>/unblock")
@login_required
def unblock(owner: str):
    back = wall_url(owner)
    return _act(lambda: walls.unblock(current_user, owner), _("Unblocked."), back)


@bp.post("/wall/<owner>/follow")
@login_required
def follow(owner: str):
    person = walls.find_owner(owner)
    if person is None:
        abort(404)
    back = wall_url(owner)
    return _act(lambda: follows.follow(current_user, "user", person.id), _("Following."), back)


@bp.post("/wall/<owner>/unfollow")
@login_required
def unfollow(owner: str):
    person = walls.find_owner(owner)
    if person is None:
        abort(404)
    back = wall_url(owner)
    return _act(lambda: follows.unfollow(current_user, "user", person.id), _("Unfollowed."), back)


# --- the feed ---------------------------------------------------------------------------------


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


# --- uploaded images ----------------------------------------------------------------------------


@bp.get("/uploads/<name>")
def upload(name: str):
    path = uploads.path_of(name)
    if path is None:
        abort(404)
    response = send_file(path, max_age=365 * 24 * 3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
