"""Post cards for topic pages and the live reader, rendered lean.

A card used to be a macro calling macros, each asking `can(...)`, `url_for` and gettext: about
0.6 ms a post, 22 posts a page. Now a `Deck` prepares a page's cards in Python and
`forums/_post_cards.html` renders them in one flat loop:
- what the viewer may do to each post is asked of `permissions`, with the resolved user;
- links are filled from route patterns, the card's fixed words translated once per language,
  the report form rendered once per page with the post's id filled in;
- the part every viewer sees alike (article tag, pins, header) is rendered by
  `forums/_post_face.html` and kept per app in an LRU keyed by everything it shows, so an
  edit, a hide, an accept or a renamed author makes a new key, never a stale card.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from flask import current_app, get_template_attribute, request
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from hub import permissions
from hub.core import url_patterns
from hub.core.i18n import timeago
from hub.core.lru import Lru
from hub.forums.models import Post, Topic
from hub.forums.urls import post_url, quote_url, topic_url
from hub.teams import queries as teams

FACES = 4096  # faces kept per app: the posts of the busiest pages, about 1 KB each
_AGO = Markup("<!--ago-->")  # where the face's live "3 hours ago" goes; user text cannot be it
_STAND_IN_ID = 2_000_000_011  # a post id no real post has, replaced in the report form


class Button(NamedTuple):
    url: str
    label: Markup
    cls: str = ""
    pressed: bool | None = None
    post_id: int | None = None  # sent along, for "unaccept"


@dataclass(slots=True)
class Card:
    post: Post
    head: Markup  # the cached face up to the time element's text ...
    ago: str  # ... the live relative time ...
    tail: Markup  # ... and the rest of the face
    hidden_from_viewer: bool
    here: str = ""  # where the buttons come back to
    score: Markup | str = ""  # "3 votes", for those who may not vote
    buttons: list[Button] = field(default_factory=list)
    quote_url: str = ""
    edit_url: str = ""
    moderate_url: str = ""
    report: Markup | str = ""


class Words:
    """The card's fixed words in one language; Jinja's rules: the translation is markup."""

    def __init__(self):
        self.hidden_by = Markup(_("Hidden by the moderators: %(reason)s"))
        self.only_author = _word(_("Only its author and the team see it."))
        self.helpful = Markup(_("▲ Helpful · %(n)d"))
        self.accept, self.unaccept = _word(_("Accept answer")), _word(_("Unaccept"))
        self.mark_official = _word(_("Mark official"))
        self.remove_official = _word(_("Remove official"))
        self.quote, self.edit = _word(_("Quote")), _word(_("Edit"))
        self.moderate = _word(_("Moderate"))

    @staticmethod
    def votes(n: int) -> Markup:
        return Markup(ngettext("%(num)d vote", "%(num)d votes", n))


def _word(translated: str) -> Markup:
    return Markup(translated) % {}  # as Jinja's gettext: a format string even without values


_words: dict[str, Words] = {}


def words() -> Words:
    """The card's words in the page's language, translated once per language and process."""
    locale = str(get_locale())
    found = _words.get(locale)
    if found is None:
        found = _words[locale] = Words()
    return found


def _faces() -> Lru:
    return current_app.extensions.setdefault("post_faces", Lru(FACES))


class Deck:
    """One page's cards: the viewer, the topic, the viewer's votes, decided once."""

    def __init__(self, viewer, topic: Topic, voted: set[int]):
        self.viewer, self.topic, self.voted = viewer, topic, voted
        self.member = bool(getattr(viewer, "is_authenticated", False))
        self.words = words()
        self.csrf_token = generate_csrf() if self.member else ""
        self.may_accept = self.member and bool(permissions.can_accept_answer(viewer, topic))
        self.locale = str(get_locale())
        self._report_pieces: list[str] | None = None

    def cards(self, posts, *, can_quote=False, pinned=False, stamps=None) -> list[Card]:
        return [self.card(p, can_quote=can_quote, pinned=pinned, stamps=stamps) for p in posts]

    def card(self, post: Post, *, can_quote=False, pinned=False, stamps=None) -> Card:
        stamp = (stamps or {}).get(post.id) if pinned else None
        head, tail = self._face(post, pinned, stamp)
        viewer = self.viewer
        hidden = post.is_hidden and not permissions.can_see_hidden_post(viewer, post)
        card = Card(post, head, timeago(post.created_at), tail, hidden)
        if hidden:
            return card
        anchor = f"pinned-{post.number}" if pinned else f"post-{post.number}"
        card.here = f"{topic_url(self.topic)}#{anchor}" if pinned else post_url(post)
        if post.number > 1:
            self._answer_buttons(card, post)
        if can_quote and not post.is_hidden:
            card.quote_url = quote_url(post)
        if not self.member:
            return card
        if permissions.can_edit_post(viewer, post):
            card.edit_url = url_patterns.build("forums.edit", post_id=post.id)
        if permissions.can_act_on(viewer, post.author):
            card.moderate_url = url_patterns.build("moderation.post_case", post_id=post.id)
        elif not post.is_hidden and permissions.can_report(viewer, post):
            card.report = self._report_form(post.id)
        return card

    def _answer_buttons(self, card: Card, post: Post) -> None:
        """Vote (or the score), accept and official, as far as the viewer may."""
        words, buttons, link = self.words, card.buttons, url_patterns.build
        if permissions.can_vote(self.viewer, post):
            voted = post.id in self.voted
            url = link("forums.unvote" if voted else "forums.vote", post_id=post.id)
            buttons.append(Button(url, words.helpful % {"n": post.score}, "vote", voted))
        else:
            card.score = words.votes(post.score)
        if self.may_accept and not post.is_hidden:
            if self.topic.accepted_post_id == post.id:
                url = link("forums.unaccept", topic_id=self.topic.id)
                buttons.append(Button(url, words.unaccept, post_id=post.id))
            else:
                buttons.append(Button(link("forums.accept", post_id=post.id), words.accept))
        if self.member and permissions.can_mark_official(self.viewer, post):
            if post.is_official:
                url = link("forums.unofficial", post_id=post.id)
                buttons.append(Button(url, words.remove_official))
            else:
                url = link("forums.official", post_id=post.id)
                buttons.append(Button(url, words.mark_official))

    def _face(self, post: Post, pinned: bool, stamp) -> tuple[Markup, Markup]:
        """The face of the card, from the cache when this revision was shown before."""
        author, topic = post.author, self.topic
        key = (
            self.locale,
            request.script_root,
            post.id,
            post.number,
            post.created_at,
            post.edited_at,
            post.hidden_at is not None,
            post.is_official,
            topic.accepted_post_id == post.id,
            topic.slug,
            pinned,
            stamp,
            author.id,
            author.username,
            author.display_name,
            author.role,
            # The team's title in the badge and the stamp: asked only of the team's names.
            teams.badge_of(author.id) if author.is_staff or author.is_moderator else None,
        )
        faces = _faces()
        face = faces.get(key)
        if face is None:
            face = _render_face(post, topic, pinned, stamp)
            faces.put(key, face)
        return face

    def _report_form(self, post_id: int) -> Markup:
        if self._report_pieces is None:
            form = get_template_attribute("moderation/_report.html", "report_details")
            self._report_pieces = str(form(_STAND_IN_ID)).split(str(_STAND_IN_ID))
        return Markup(str(post_id).join(self._report_pieces))


def _render_face(post: Post, topic: Topic, pinned: bool, stamp) -> tuple[Markup, Markup]:
    # Not render_template: the face needs none of the context processors' values.
    template = current_app.jinja_env.get_template("forums/_post_face.html")
    html = template.render(
        post=post,
        topic=topic,
        pinned=pinned,
        stamp=stamp,
        anchor=f"pinned-{post.number}" if pinned else f"post-{post.number}",
        permalink=post_url(post),
        site_name=current_app.config["SITE_NAME"],
        ago=_AGO,
    )
    head, _marker, tail = html.partition(str(_AGO))
    return Markup(head), Markup(tail)
