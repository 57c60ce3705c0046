"""A post's pages and actions: its stable address, the live catch-up of replies, its
revisions, replying in a topic and editing."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.core import write_keys
from hub.core.error_pages import json_error
from hub.core.errors import HubError
from hub.core.extensions import db
from hub.core.forms import show_errors
from hub.forums import cards, forms, live, queries
from hub.forums import service as forums
from hub.forums.models import Post, Topic, TopicKind
from hub.forums.urls import post_url
from hub.forums.views.lookups import last_page, may_read, visible_post, visible_topic
from hub.forums.views.topic import topic_page

LIVE_BATCH = 50  # replies one catch-up request returns; more than that, and the reader pages


def post_permalink(post_id: int):
    """A post's stable address: it sends the reader to the page the post is on, also for wall
    posts and comments (the wall page applies the wall's own visibility)."""
    post = forums.get_post(post_id)
    if post.topic.kind == TopicKind.WALL:
        anchor = f"post-{post.number}" if post.number > 1 else None
        return redirect(url_for("walls.wall_post", topic_id=post.topic_id, _anchor=anchor))
    return redirect(post_url(visible_post(post_id)))


def posts_after(topic_id: int):
    """Replies after `?after=<number>`, for a live reader who reconnects or catches up."""
    topic = db.session.get(Topic, topic_id)
    if topic is None or not may_read(topic):
        return json_error(404, "not_found", _("This topic does not exist."))
    after = request.args.get("after", default=1, type=int)
    posts, voted = queries.posts_after(current_user, topic, after, LIVE_BATCH)
    shown = [
        p for p in posts if not p.is_hidden or permissions.can_see_hidden_post(current_user, p)
    ]
    deck = cards.Deck(current_user._get_current_object(), topic, voted)
    can_quote = bool(permissions.can_reply(current_user, topic))
    fragment = render_template(
        "forums/_posts.html", deck=deck, cards=deck.cards(shown, can_quote=can_quote)
    )
    return jsonify(
        posts=[live.post_event(p)["post"] for p in shown],
        fragment=fragment,
        last=posts[-1].number if posts else after,
        more=len(posts) == LIVE_BATCH,
    )


def revisions(post_id: int):
    return revisions_page(visible_post(post_id))


def revisions_page(post: Post, back_url: str | None = None):
    """Earlier versions of a post (forum or wall), or the public reason if it is hidden."""
    readable = not post.is_hidden or permissions.can_see_hidden_post(current_user, post)
    history = queries.revisions_with_editors(post) if readable else []
    return render_template(
        "forums/revisions.html",
        post=post,
        topic=post.topic,
        readable=readable,
        history=[(rev, editor, forums.cook(rev.raw)) for rev, editor in history],
        show_raw=bool(permissions.can_see_raw(current_user, post)),
        back_url=back_url,
    )


# --- writing ----------------------------------------------------------------------------------


@login_required
def reply(topic_id: int):
    topic = visible_topic(topic_id)
    form = forms.ReplyForm()
    if form.validate_on_submit():
        try:
            body, key = form.body.data or "", write_keys.from_request()
            post = forums.create_reply(current_user, topic.id, body, key=key)
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            target = post_url(post)  # first: a request run again must not flash twice
            flash(_("Your answer is posted."))
            return redirect(target)
    return topic_page(topic, last_page(topic), form, status=400)


@login_required
def edit(post_id: int):
    post = visible_post(post_id)
    permissions.require(permissions.can_edit_post(current_user, post))
    form = forms.EditForm()
    if request.method == "GET":
        form.body.data = post.raw
        form.title.data = post.topic.title
    if form.validate_on_submit():
        try:
            forums.edit_post(
                current_user,
                post.id,
                form.body.data or "",
                title=(form.title.data or "") if post.number == 1 else None,
                reason=form.reason.data or "",
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your changes are saved."))
            return redirect(post_url(post))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("forums/edit.html", form=form, post=post, topic=post.topic), status
