"""A wall post's page: the post with its comments and known-issue updates, commenting, editing,
revisions, who liked it, and the images uploaded with wall posts."""

from flask import abort, flash, redirect, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.core import write_keys
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import member_form, show_errors
from hub.forums.models import Topic
from hub.forums.views.posts import revisions_page
from hub.walls import forms, queries, uploads
from hub.walls import service as walls
from hub.walls.blueprint import bp, owner_name, visible_topic, wall_post_url


@bp.get("/w/<int:topic_id>")
def wall_post(topic_id: int, form=None, status: int = 200):
    topic = visible_topic(topic_id)
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
    topic = visible_topic(topic_id)
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
    visible_topic(post.topic_id)
    return revisions_page(post, back_url=wall_post_url(post.topic) + f"#post-{post.number}")


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


@bp.get("/uploads/<name>")
def upload(name: str):
    path = uploads.path_of(name)
    if path is None:
        abort(404)
    response = send_file(path, max_age=365 * 24 * 3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
