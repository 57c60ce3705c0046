"""The ask page, and what it asks for while a question is typed: similar questions and a
preview of the Markdown."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from hub import permissions
from hub.core import write_keys
from hub.core.error_pages import json_error
from hub.core.errors import HubError
from hub.core.extensions import db, limiter
from hub.core.forms import show_errors
from hub.forums import forms, queries, similar
from hub.forums import service as forums
from hub.forums.models import BODY_MAX, TITLE_MAX
from hub.forums.urls import topic_url
from hub.forums.views.lookups import visible_space


@login_required
def ask(slug: str | None = None):
    space = visible_space(slug) if slug is not None else None
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
                key=write_keys.from_request(),
            )
        except HubError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Your question is posted.") if topic.kind == "question" else _("Posted."))
            return redirect(topic_url(topic))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("forums/ask.html", form=form, space=space), status


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
