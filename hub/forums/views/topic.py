"""A topic's page: its opening post, pinned answers and one page of replies, the reply box
(with a quote when asked), and the page that stands in for a question the moderators hid."""

from flask import redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from hub import content, permissions
from hub.core.extensions import db
from hub.core.forms import member_form
from hub.core.pagination import page_number
from hub.forums import cards, follows, forms, lists, queries, viewcounts
from hub.forums import service as forums
from hub.forums.models import Post, Topic, TopicKind
from hub.forums.urls import slug_of, topic_url
from hub.forums.views.lookups import absolute, last_page, visible_topic
from hub.forums.views.structured_data import qa_page


def topic(topic_id: int, slug: str | None = None):
    topic = forums.get_topic(topic_id)
    if topic.kind == TopicKind.WALL:  # links built for any topic (inbox, notices) land on the wall
        return redirect(url_for("walls.wall_post", topic_id=topic_id), 301)
    topic = visible_topic(topic_id)
    page = page_number(request.args.get("page"))
    kept = {key: request.args[key] for key in ("quote",) if key in request.args}
    if slug != slug_of(topic):
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        if _hidden_from_viewer(opening):  # the slug would tell the hidden title
            return _hidden_topic_page(opening)
        return redirect(topic_url(topic, page, **kept), 301)
    last = last_page(topic)
    if page > last:
        return redirect(topic_url(topic, last))
    viewcounts.record(topic.id)  # counted in memory, written in batches
    form = member_form(forms.ReplyForm)
    quoted = request.args.get("quote", type=int)
    if quoted and form:
        form.body.data = _quote_text(topic, quoted)
    return topic_page(topic, page, form)


def _quote_text(topic: Topic, post_id: int) -> str:
    """`> text` and a mention, for the reply box; empty for a post the viewer may not see."""
    post = db.session.get(Post, post_id)
    if post is None or post.topic_id != topic.id:
        return ""
    if post.is_hidden and not permissions.can_see_hidden_post(current_user, post):
        return ""
    text = content.excerpt(post.html, 500)
    return f"@{post.author.username} {_('wrote:')}\n> {text}\n\n"


def _hidden_from_viewer(opening: Post | None) -> bool:
    return (
        opening is not None
        and opening.is_hidden
        and not permissions.can_see_hidden_post(current_user, opening)
    )


def _hidden_topic_page(opening: Post):
    """In place of a topic whose question the moderators hid: the public reason, no title."""
    return render_template("forums/hidden_topic.html", reason=opening.hidden_reason), 404


def topic_page(topic: Topic, page: int, form, status: int = 200):
    view = queries.topic_page(current_user, topic, page)
    if _hidden_from_viewer(view.opening):
        return _hidden_topic_page(view.opening)
    canonical = absolute(topic_url(topic, page))
    opening = view.opening
    description = "" if opening.is_hidden else content.excerpt(opening.html, 200)
    stamps = {
        post.id: format_timedelta((post.official_at or post.created_at) - topic.created_at)
        for post in view.pinned
        if post.is_official
    }
    structured = qa_page(view, canonical) if page == 1 else None
    can_quote = permissions.can_reply(current_user, topic)
    deck = cards.Deck(current_user._get_current_object(), topic, view.voted)
    return render_template(
        "forums/topic.html",
        topic=topic,
        view=view,
        page=page,
        form=form,
        can_quote=can_quote,
        deck=deck,
        opening_cards=deck.cards([view.opening], can_quote=can_quote),
        pinned_cards=deck.cards(view.pinned, pinned=True, stamps=stamps),
        reply_cards=deck.cards(view.replies.items, can_quote=can_quote),
        following=follows.is_following(current_user, "topic", topic.id),
        topic_tags=lists.tag_labels([topic.id]).get(topic.id, ()),
        canonical=canonical,
        description=description,
        stamps=stamps,
        structured=structured,
        on_last_page=last_page(topic) == page,
    ), status
