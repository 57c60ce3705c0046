"""schema.org data about a question page, for search engines: what they keep is what anyone
may see, so hidden posts never appear here."""

from flask import url_for

from hub import content
from hub.forums import queries
from hub.forums.models import Post, TopicKind
from hub.forums.urls import post_url
from hub.forums.views.lookups import absolute


def _person(user) -> dict:
    return {
        "@type": "Person",
        "name": user.name,
        "url": absolute(url_for("accounts.profile", username=user.username)),
    }


def _answer(post: Post) -> dict:
    return {
        "@type": "Answer",
        "text": content.excerpt(post.html, 2000),
        "dateCreated": post.created_at.isoformat(),
        "upvoteCount": post.score,
        "url": absolute(post_url(post)),
        "author": _person(post.author),
    }


def qa_page(view: queries.TopicPage, canonical: str) -> dict | None:
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
