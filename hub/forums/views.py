"""Forum pages: browse, ask, read, answer, accept, vote and follow.

Views parse input, call the services (which check permissions) and render. Expected user
errors from the services become form errors (status 400) or a flash message on the page the
action came from; NotFound and Forbidden reach the error pages.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from hub import content, permissions
from hub.accounts.forms import EmptyForm
from hub.core.error_pages import json_error
from hub.core.errors import HubError
from hub.core.extensions import db, limiter
from hub.core.forms import member_form, safe_next, show_errors
from hub.core.pagination import page_number
from hub.forums import (
    answers,
    cards,
    follows,
    forms,
    lists,
    live,
    queries,
    rows,
    similar,
    viewcounts,
)
from hub.forums import service as forums
from hub.forums.models import BODY_MAX, TITLE_MAX, Post, SpaceKind, Topic, TopicKind
from hub.forums.urls import post_url, quote_url, slug_of, topic_url

bp = Blueprint("forums", __name__)

LIVE_BATCH = 50  # replies one catch-up request returns; more than that, and the reader pages


@bp.record_once
def _setup(state) -> None:
    live.init_app(state.app)
    state.app.jinja_env.globals["topic_rows"] = rows.topic_rows


# --- URLs -----------------------------------------------------------------------------------


@bp.app_context_processor
def _url_helpers() -> dict:
    return {
        "topic_url": topic_url,
        "post_url": post_url,
        "quote_url": quote_url,
        "body_max": BODY_MAX,
    }


def _absolute(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


# --- lookups that 404 what the viewer may not see ---------------------------------------------


def _visible_space(slug: str):
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(current_user, space):
        abort(404)
    return space


def _visible_topic(topic_id: int) -> Topic:
    topic = forums.get_topic(topic_id)
    if not _may_read(topic):
        abort(404)
    return topic


def _may_read(topic: Topic) -> bool:
    # Wall posts have their own pages; private categories are the team's.
    space = topic.space
    return space.kind == SpaceKind.CATEGORY and bool(
        permissions.can_view_space(current_user, space)
    )


def _last_page(topic: Topic) -> int:
    # Post numbers have no gaps, so the reply count says how many pages there are.
    return max(1, -(-topic.reply_count // queries.POSTS_PER_PAGE))


def _visible_post(post_id: int) -> Post:
    post = forums.get_post(post_id)
    _visible_topic(post.topic_id)
    return post


# --- browsing ---------------------------------------------------------------------------------


def _filter_name() -> str:
    name = request.args.get("filter", "latest")
    return name if name in queries.LIST_FILTERS else "latest"


@bp.get("/")
def home():
    latest = lists.list_rows(current_user, per_page=10)
    return render_template(
        "forums/home.html",
        categories=queries.categories_with_stats(current_user),
        latest=latest,
        scores=queries.top_scores(t.id for t in latest.items),
    )


@bp.get("/latest", defaults={"filter_name": "latest"}, endpoint="latest")
@bp.get("/unanswered", defaults={"filter_name": "unanswered"}, endpoint="unanswered")
@bp.get("/solved", defaults={"filter_name": "solved"}, endpoint="solved")
def listing(filter_name: str):
    page = lists.list_rows(
        current_user, filter_name=filter_name, page=page_number(request.args.get("page"))
    )
    return render_template(
        "forums/list.html",
        filter_name=filter_name,
        topics=page,
        scores=queries.top_scores(t.id for t in page.items),
    )


@bp.get("/c/<slug>")
def category(slug: str):
    space = _visible_space(slug)
    filter_name = _filter_name()
    page = lists.list_rows(
        current_user,
        space=space,
        filter_name=filter_name,
        page=page_number(request.args.get("page")),
    )
    return render_template(
        "forums/category.html",
        space=space,
        filter_name=filter_name,
        topics=page,
        scores=queries.top_scores(t.id for t in page.items),
        following=follows.is_following(current_user, "space", space.id),
    )


# --- asking -----------------------------------------------------------------------------------


@bp.route("/ask", methods=["GET", "POST"])
@bp.route("/c/<slug>/ask", methods=["GET", "POST"])
@login_required
def ask(slug: str | None = None):
    space = _visible_space(slug) if slug is not None else None
    form = forms.AskForm()
    categories = [s for s, _count, _latest in queries.categories_with_stats(current_user)]
    form.category.choices = [
        SelectChoice(s.slug, s.name)
        for s in categories
        if permissions.can_create_topic(current_user, s)
    ]
    if request.method == "GET" and space is not None:
        form.category.data = space.slug
    if form.validate_on_submit():
        try:
            topic = forums.create_topic(
                current_user,
                form.category.data or "",
                form.kind.data,
                form.title.data or "",
                form.body.data or "",
                form.tags.data or "",
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your question is posted.") if topic.kind == "question" else _("Posted."))
            return redirect(topic_url(topic))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("forums/ask.html", form=form, space=space), status


@bp.get("/similar")
@limiter.limit("120 per minute")
def similar_questions():
    """FAQ entries and questions like the title being typed, for the ask page."""
    title = (request.args.get("title") or "")[:TITLE_MAX]
    return jsonify([_similar_json(item) for item in similar.similar_items(current_user, title)])


def _similar_json(item) -> dict:
    target = item.target
    if item.kind == "faq":
        url = url_for("faq.entry", entry_id=target.id, slug=target.slug or None)
        where = _("FAQ") + " · " + target.space.name
    else:
        url, where = topic_url(target), target.space.name
    return {
        "kind": item.kind,
        "title": item.title,
        "url": url,
        "solved": item.solved,
        "category": where,
    }


@bp.post("/preview")
@limiter.limit("120 per minute")
def preview():
    """Markdown as it will look once posted: `{"body": ...}` in, `{"html": ...}` out."""
    if not current_user.is_authenticated:
        return json_error(401, "unauthorized", _("Log in first."))
    data = request.get_json(silent=True)
    body = data.get("body") if isinstance(data, dict) else request.form.get("body")
    if not isinstance(body, str):
        return json_error(400, "invalid", _("Send the text as `body`."))
    if len(body) > BODY_MAX:
        return json_error(
            400, "invalid", _("At most %(n)d characters.", n=BODY_MAX), {"body": "too long"}
        )
    return jsonify(html=forums.cook(body))


# --- reading ----------------------------------------------------------------------------------


@bp.get("/t/<int:topic_id>")
@bp.get("/t/<int:topic_id>-<slug>")
def topic(topic_id: int, slug: str | None = None):
    topic = forums.get_topic(topic_id)
    if topic.kind == TopicKind.WALL:  # links built for any topic (inbox, notices) land on the wall
        return redirect(url_for("walls.wall_post", topic_id=topic_id), 301)
    topic = _visible_topic(topic_id)
    page = page_number(request.args.get("page"))
    kept = {key: request.args[key] for key in ("quote",) if key in request.args}
    if slug != slug_of(topic):
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        if _hidden_from_viewer(opening):  # the slug would tell the hidden title
            return _hidden_topic_page(opening)
        return redirect(topic_url(topic, page, **kept), 301)
    last_page = _last_page(topic)
    if page > last_page:
        return redirect(topic_url(topic, last_page))
    viewcounts.record(topic.id)  # counted in memory, written in batches
    form = member_form(forms.ReplyForm)
    quoted = request.args.get("quote", type=int)
    if quoted and form:
        form.body.data = _quote_text(topic, quoted)
    return _topic_page(topic, page, form)


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


def _topic_page(topic: Topic, page: int, form, status: int = 200):
    view = queries.topic_page(current_user, topic, page)
    if _hidden_from_viewer(view.opening):
        return _hidden_topic_page(view.opening)
    canonical = _absolute(topic_url(topic, page))
    opening = view.opening
    description = "" if opening.is_hidden else content.excerpt(opening.html, 200)
    stamps = {
        post.id: format_timedelta((post.official_at or post.created_at) - topic.created_at)
        for post in view.pinned
        if post.is_official
    }
    structured = _qa_page(view, canonical) if page == 1 else None
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
        on_last_page=_last_page(topic) == page,
    ), status


def _person(user) -> dict:
    return {
        "@type": "Person",
        "name": user.name,
        "url": _absolute(url_for("accounts.profile", username=user.username)),
    }


def _answer(post: Post) -> dict:
    return {
        "@type": "Answer",
        "text": content.excerpt(post.html, 2000),
        "dateCreated": post.created_at.isoformat(),
        "upvoteCount": post.score,
        "url": _absolute(post_url(post)),
        "author": _person(post.author),
    }


def _qa_page(view: queries.TopicPage, canonical: str) -> dict | None:
    """schema.org QAPage for a question: its accepted, official and best-voted answers.

    Hidden posts never appear here, whoever is looking: this is what search engines keep.
    """
    topic, opening = view.topic, view.opening
    if topic.kind != TopicKind.QUESTION or opening.is_hidden:
        return None
    question = {
        "@type": "Question",
        "name": topic.title,
        "text": content.excerpt(opening.html, 2000),
        "answerCount": topic.reply_count,
        "dateCreated": opening.created_at.isoformat(),
        "author": _person(opening.author),
        "url": canonical,
    }
    accepted = next((p for p in view.pinned if p.id == topic.accepted_post_id), None)
    if accepted is not None:
        question["acceptedAnswer"] = _answer(accepted)
    suggested = [p for p in view.pinned if p.is_official and p is not accepted]
    pinned_ids = {p.id for p in view.pinned}
    others = [p for p in view.replies.items if not p.is_hidden and p.id not in pinned_ids]
    if others:
        suggested.append(max(others, key=lambda p: (p.score, -p.number)))
    if suggested:
        question["suggestedAnswer"] = [_answer(p) for p in suggested]
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": question}


@bp.get("/p/<int:post_id>")
def post_permalink(post_id: int):
    """A post's stable address: it sends the reader to the page the post is on, also for wall
    posts and comments (the wall page applies the wall's own visibility)."""
    post = forums.get_post(post_id)
    if post.topic.kind == TopicKind.WALL:
        anchor = f"post-{post.number}" if post.number > 1 else None
        return redirect(url_for("walls.wall_post", topic_id=post.topic_id, _anchor=anchor))
    return redirect(post_url(_visible_post(post_id)))


@bp.get("/t/<int:topic_id>/posts.json")
def posts_after(topic_id: int):
    """Replies after `?after=<number>`, for a live reader who reconnects or catches up."""
    topic = db.session.get(Topic, topic_id)
    if topic is None or not _may_read(topic):
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


@bp.get("/p/<int:post_id>/revisions")
def revisions(post_id: int):
    return revisions_page(_visible_post(post_id))


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


@bp.post("/t/<int:topic_id>/reply")
@login_required
def reply(topic_id: int):
    topic = _visible_topic(topic_id)
    form = forms.ReplyForm()
    if form.validate_on_submit():
        try:
            post = forums.create_reply(current_user, topic.id, form.body.data or "")
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your answer is posted."))
            return redirect(post_url(post))
    return _topic_page(topic, _last_page(topic), form, status=400)


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id: int):
    post = _visible_post(post_id)
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


# --- buttons: accept, official, vote, follow --------------------------------------------------


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


@bp.post("/p/<int:post_id>/accept")
@login_required
def accept(post_id: int):
    post = _visible_post(post_id)
    return _act(
        lambda: answers.accept_answer(current_user, post.id),
        _("Marked as the accepted answer."),
        post_url(post),
    )


@bp.post("/t/<int:topic_id>/unaccept")
@login_required
def unaccept(topic_id: int):
    topic = _visible_topic(topic_id)
    post_id = request.form.get("post_id", type=int)
    return _act(
        lambda: answers.unaccept_answer(current_user, topic.id, post_id=post_id),
        _("The answer is no longer marked as accepted."),
        topic_url(topic),
    )


@bp.post("/p/<int:post_id>/official")
@login_required
def official(post_id: int):
    post = _visible_post(post_id)
    return _act(
        lambda: answers.mark_official(current_user, post.id),
        _("Marked as an official answer."),
        post_url(post),
    )


@bp.post("/p/<int:post_id>/unofficial")
@login_required
def unofficial(post_id: int):
    post = _visible_post(post_id)
    return _act(
        lambda: answers.unmark_official(current_user, post.id),
        _("No longer an official answer."),
        post_url(post),
    )


@bp.post("/p/<int:post_id>/vote")
@login_required
def vote(post_id: int):
    post = _visible_post(post_id)
    return _act(
        lambda: answers.vote(current_user, post.id), _("Thanks for your vote."), post_url(post)
    )


@bp.post("/p/<int:post_id>/unvote")
@login_required
def unvote(post_id: int):
    post = _visible_post(post_id)
    return _act(
        lambda: answers.unvote(current_user, post.id), _("Your vote is taken back."), post_url(post)
    )


@bp.post("/t/<int:topic_id>/follow")
@login_required
def follow_topic(topic_id: int):
    topic = _visible_topic(topic_id)
    return _act(
        lambda: follows.follow(current_user, "topic", topic.id),
        _("You follow this topic: we let you know about new replies."),
        topic_url(topic),
    )


@bp.post("/t/<int:topic_id>/unfollow")
@login_required
def unfollow_topic(topic_id: int):
    topic = _visible_topic(topic_id)
    return _act(
        lambda: follows.unfollow(current_user, "topic", topic.id),
        _("You no longer follow this topic."),
        topic_url(topic),
    )


@bp.post("/c/<slug>/follow")
@login_required
def follow_category(slug: str):
    space = _visible_space(slug)
    return _act(
        lambda: follows.follow(current_user, "space", space.id),
        _("You follow this category: we let you know about new topics."),
        url_for("forums.category", slug=space.slug),
    )


@bp.post("/c/<slug>/unfollow")
@login_required
def unfollow_category(slug: str):
    space = _visible_space(slug)
    return _act(
        lambda: follows.unfollow(current_user, "space", space.id),
        _("You no longer follow this category."),
        url_for("forums.category", slug=space.slug),
    )
