"""The buttons under posts and topics: accept, official, vote and follow. Each runs its action
and goes back to the page the button was on."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub.accounts.forms import EmptyForm
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import safe_next
from hub.forums import answers, follows
from hub.forums.urls import post_url, topic_url
from hub.forums.views.lookups import visible_post, visible_space, visible_topic


def _act(action, done: str, back: str):
    """Run a button's action and go back where the button was; expected errors are flashed."""
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


@login_required
def accept(post_id: int):
    post = visible_post(post_id)
    return _act(
        lambda: answers.accept_answer(current_user, post.id),
        _("Marked as the accepted answer."),
        post_url(post),
    )


@login_required
def unaccept(topic_id: int):
    topic = visible_topic(topic_id)
    post_id = request.form.get("post_id", type=int)
    return _act(
        lambda: answers.unaccept_answer(current_user, topic.id, post_id=post_id),
        _("The answer is no longer marked as accepted."),
        topic_url(topic),
    )


@login_required
def official(post_id: int):
    post = visible_post(post_id)
    return _act(
        lambda: answers.mark_official(current_user, post.id),
        _("Marked as an official answer."),
        post_url(post),
    )


@login_required
def unofficial(post_id: int):
    post = visible_post(post_id)
    return _act(
        lambda: answers.unmark_official(current_user, post.id),
        _("No longer an official answer."),
        post_url(post),
    )


@login_required
def vote(post_id: int):
    post = visible_post(post_id)
    return _act(
        lambda: answers.vote(current_user, post.id), _("Thanks for your vote."), post_url(post)
    )


@login_required
def unvote(post_id: int):
    post = visible_post(post_id)
    return _act(
        lambda: answers.unvote(current_user, post.id), _("Your vote is taken back."), post_url(post)
    )


@login_required
def follow_topic(topic_id: int):
    topic = visible_topic(topic_id)
    return _act(
        lambda: follows.follow(current_user, "topic", topic.id),
        _("You follow this topic: we let you know about new replies."),
        topic_url(topic),
    )


@login_required
def unfollow_topic(topic_id: int):
    topic = visible_topic(topic_id)
    return _act(
        lambda: follows.unfollow(current_user, "topic", topic.id),
        _("You no longer follow this topic."),
        topic_url(topic),
    )


@login_required
def follow_category(slug: str):
    space = visible_space(slug)
    return _act(
        lambda: follows.follow(current_user, "space", space.id),
        _("You follow this category: we let you know about new topics."),
        url_for("forums.category", slug=space.slug),
    )


@login_required
def unfollow_category(slug: str):
    space = visible_space(slug)
    return _act(
        lambda: follows.unfollow(current_user, "space", space.id),
        _("You no longer follow this category."),
        url_for("forums.category", slug=space.slug),
    )
