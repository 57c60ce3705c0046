"""Legal pages in the admin area (`/admin/pages`): the four documents, each edited in German
and English Markdown with a preview, every save a new version in the audit log. Admins only."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions
from hub.admin import sections
from hub.admin.sections import Section
from hub.core.errors import Invalid
from hub.core.forms import show_errors
from hub.legal import queries
from hub.legal import service as legal
from hub.legal.blueprint import bp
from hub.legal.forms import LegalPageForm
from hub.legal.kinds import DOCUMENTS

sections.add(
    Section(
        "legal.admin_pages",
        _l("Legal pages"),
        _l(
            "Imprint, privacy policy, terms of use and community guidelines, in German and English."
        ),
        "manage_legal_pages",
        order=60,
    )
)


def _require():
    permissions.require(permissions.can_manage_legal_pages(current_user))


def _document(kind: str):
    if kind not in DOCUMENTS:
        abort(404)
    return DOCUMENTS[kind]


@bp.get("/admin/pages")
@login_required
def admin_pages():
    _require()
    pages = [(document, queries.get_page(kind)) for kind, document in DOCUMENTS.items()]
    return render_template("legal/admin_pages.html", pages=pages)


def _edit_page(document, form, preview=None, status=200):
    page = queries.get_page(document.kind)
    return render_template(
        "legal/admin_page.html",
        document=document,
        page=page,
        form=form,
        preview=preview,
        versions=queries.versions(document.kind),
    ), status


@bp.get("/admin/pages/<kind>")
@login_required
def admin_page(kind: str):
    _require()
    document = _document(kind)
    page = queries.get_page(kind)
    form = LegalPageForm(data={"text_en": page.text_en, "text_de": page.text_de} if page else {})
    return _edit_page(document, form)


@bp.post("/admin/pages/<kind>")
@login_required
def save_page(kind: str):
    _require()
    document = _document(kind)
    form = LegalPageForm()
    if not form.validate_on_submit():
        return _edit_page(document, form, status=400)
    try:
        if request.form.get("action") == "preview":
            texts = legal.clean_texts({"en": form.text_en.data, "de": form.text_de.data})
            preview = {lang: legal.render(text) for lang, text in texts.items()}
            return _edit_page(document, form, preview=preview)
        page = legal.save_page(
            current_user, kind, text_en=form.text_en.data or "", text_de=form.text_de.data or ""
        )
    except Invalid as error:
        show_errors(form, error)
        return _edit_page(document, form, status=400)
    if page is None:
        flash(_("Nothing changed; no new version."))
    elif page.is_written:
        flash(_("Saved as version %(n)d.", n=page.version))
    else:
        flash(
            _(
                "Saved as version %(n)d. Both texts are empty: the page is taken down.",
                n=page.version,
            )
        )
    return redirect(url_for("legal.admin_page", kind=kind))


@bp.get("/admin/pages/<kind>/versions/<int:version>")
@login_required
def admin_version(kind: str, version: int):
    _require()
    document = _document(kind)
    found = next((v for v in queries.versions(kind) if v.version == version), None)
    if found is None:
        abort(404)
    rendered = {"en": legal.render(found.text_en), "de": legal.render(found.text_de)}
    return render_template(
        "legal/admin_version.html", document=document, version=found, rendered=rendered
    )
