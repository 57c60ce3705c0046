"""Writing the legal pages: admins save a page's German and English Markdown, which makes a
new version (old ones are kept, so what a member accepted can be read again), with its entry
in the audit log in the same transaction. Saving both languages empty takes the page down."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from hub import content, permissions
from hub.admin import audit
from hub.core import transactions
from hub.core.columns import utcnow
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.legal import queries
from hub.legal.kinds import DOCUMENTS, TEXT_MAX
from hub.legal.models import LegalPage, LegalPageVersion

audit.describe("legal.save", _l("changed a legal page"))

LANGUAGES = ("en", "de")


def render(raw: str) -> str:
    """The HTML a page's Markdown becomes (also the preview's)."""
    return content.render(raw, hub_origin=current_app.config["BASE_URL"])


def clean_texts(texts: dict[str, str]) -> dict[str, str]:
    """The texts as they are stored (line ends unified, NUL taken out, outer space trimmed).

    Raises: Invalid (a text longer than `TEXT_MAX`; nothing is saved then)."""
    cleaned = {lang: _clean(texts.get(lang) or "") for lang in LANGUAGES}
    too_long = {
        f"text_{lang}": _(
            "At most %(n)d characters (this one has %(count)d).", n=TEXT_MAX, count=len(text)
        )
        for lang, text in cleaned.items()
        if len(text) > TEXT_MAX
    }
    if too_long:
        raise Invalid(_("Please correct the marked fields."), too_long)
    return cleaned


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL in text; a browser sends \r\n line ends.
    return text.replace("\x00", "").replace("\r\n", "\n").strip()


def _state(page: LegalPage) -> dict:
    return {"version": page.version, "text_en": page.text_en, "text_de": page.text_de}


@transactions.retried
def save_page(actor, kind: str, *, text_en: str, text_de: str) -> LegalPage | None:
    """Save the page's texts as its next version; None when nothing changed (no version made).

    Raises: Forbidden, NotFound (no such document), Invalid (a text too long).
    """
    permissions.require(permissions.can_manage_legal_pages(actor))
    if kind not in DOCUMENTS:
        raise NotFound(_("There is no such page."))
    texts = clean_texts({"en": text_en, "de": text_de})
    page = queries.get_page(kind) or _first(kind)
    if (page.text_en, page.text_de) == (texts["en"], texts["de"]) and page.version:
        return None
    before = _state(page)
    # The number is raised in SQL: two admins saving at once make two versions, never one twice.
    db.session.execute(
        update(LegalPage)
        .where(LegalPage.kind == kind)
        .values(
            version=LegalPage.version + 1,
            text_en=texts["en"],
            text_de=texts["de"],
            html_en=render(texts["en"]),
            html_de=render(texts["de"]),
            updated_at=utcnow(),
            updated_by_id=actor.id,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(page)
    db.session.add(
        LegalPageVersion(
            kind=kind,
            version=page.version,
            text_en=page.text_en,
            text_de=page.text_de,
            author_id=actor.id,
        )
    )
    title = DOCUMENTS[kind].title_en
    audit.record(
        actor,
        "legal.save",
        "legal_page",
        kind,
        target_label=title,
        before=before,
        after=_state(page),
    )
    db.session.commit()
    queries.forget_written()
    return page


def _first(kind: str) -> LegalPage:
    """The page's row at its first save (two first saves at once: the loser runs again)."""
    page = LegalPage(kind=kind, version=0, text_en="", text_de="", html_en="", html_de="")
    db.session.add(page)
    db.session.flush()
    return page
