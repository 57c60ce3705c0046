"""The public legal pages: /imprint, /privacy, /terms, /guidelines (and the German
addresses /impressum and /datenschutz), in the reader's language or else the other one.
A page not written is not found; admins are offered a link to write it there."""

from flask import redirect, render_template, url_for
from flask_babel import get_locale

from hub.legal import admin_views, queries  # noqa: F401 (admin_views adds its routes to bp)
from hub.legal.blueprint import bp
from hub.legal.kinds import DOCUMENTS


def _show(kind: str):
    document = DOCUMENTS[kind]
    page = queries.get_page(kind)
    if page is None or not page.is_written:
        return render_template("legal/unwritten.html", document=document), 404
    text = queries.text_for(page, get_locale().language)
    return render_template("legal/page.html", document=document, page=page, text=text)


def _page_view(kind: str):
    def view():
        return _show(kind)

    view.__name__ = kind
    return view


for _kind in DOCUMENTS:  # /imprint -> legal.imprint, and so on
    bp.add_url_rule(f"/{_kind}", _kind, _page_view(_kind), methods=["GET"])


@bp.get("/impressum")
def impressum():
    return redirect(url_for("legal.imprint"), 301)


@bp.get("/datenschutz")
def datenschutz():
    return redirect(url_for("legal.privacy"), 301)
