"""What the legal pages' tables answer: a page, which pages are written (for the footer and
the registration form), a page's text in the reader's language, and what a member accepted."""

from dataclasses import dataclass

from flask import g, has_app_context
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from hub.core.extensions import db
from hub.legal.kinds import DOCUMENTS
from hub.legal.models import Consent, LegalPage, LegalPageVersion

_WRITTEN = "nabe_legal_written"  # flask.g key: this request's written pages


def get_page(kind: str) -> LegalPage | None:
    return db.session.get(LegalPage, kind)


def written() -> dict[str, int]:
    """Kind -> current version of every page with a text, asked once per request (the footer,
    the registration form and the page itself all want it)."""
    if has_app_context() and _WRITTEN in g:
        return getattr(g, _WRITTEN)
    stmt = select(LegalPage.kind, LegalPage.version).where(
        or_(LegalPage.text_en != "", LegalPage.text_de != "")
    )
    found = {kind: version for kind, version in db.session.execute(stmt)}
    if has_app_context():
        setattr(g, _WRITTEN, found)
    return found


def forget_written() -> None:
    """After a save: this request's later reads see the new state."""
    if has_app_context():
        g.pop(_WRITTEN, None)


@dataclass(frozen=True)
class Text:
    html: str
    language: str  # the language the text is written in
    fallback: bool  # not the reader's language: that one is empty


def text_for(page: LegalPage, language: str) -> Text:
    """The page in the reader's language, or in the other one when that is empty."""
    own, other = ("de", "en") if language == "de" else ("en", "de")
    if getattr(page, f"text_{own}").strip():
        return Text(getattr(page, f"html_{own}"), own, False)
    return Text(getattr(page, f"html_{other}"), other, True)


def versions(kind: str) -> list[LegalPageVersion]:
    """Every saved version of a page, newest first."""
    stmt = (
        select(LegalPageVersion)
        .options(joinedload(LegalPageVersion.author))
        .where(LegalPageVersion.kind == kind)
        .order_by(LegalPageVersion.version.desc())
    )
    return list(db.session.scalars(stmt))


def latest_consent(user_id: int | None, document: str) -> Consent | None:
    """The newest version of a document the member accepted, if any."""
    if user_id is None:
        return None
    stmt = (
        select(Consent)
        .where(Consent.user_id == user_id, Consent.document == document)
        .order_by(Consent.version.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)


def known(kind: str) -> bool:
    return kind in DOCUMENTS
