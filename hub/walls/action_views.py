"""The small actions on walls and wall posts, each a button that goes back where it came from:
likes, pins, known-issue updates and reopening, blocks and follows."""

from flask import abort, flash, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub.accounts.forms import EmptyForm
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import safe_next
from hub.forums import follows
from hub.walls import forms
from hub.walls import service as walls
from hub.walls.blueprint import bp, owner_name, visible_topic, wall_post_url, wall_url


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


@bp.post("/w/<int:topic_id>/pin")
@login_required
def pin(topic_id: int):
    topic = visible_topic(topic_id)
    pinned = request.form.get("pinned") == "1"
    done = _("Pinned to the top of the wall.") if pinned else _("Unpinned.")
    back = wall_url(owner_name(topic.space))
    return _act(lambda: walls.set_pinned(current_user, topic.id, pinned), done, back)


@bp.post("/w/<int:topic_id>/issue")
@login_required
def issue_update(topic_id: int):
    topic = visible_topic(topic_id)
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
    topic = visible_topic(topic_id)
    back = wall_post_url(topic)
    return _act(lambda: walls.reopen_issue(current_user, topic.id), _("Reopened."), back)


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
