"""GET /robots.txt and the sitemap: /sitemap.xml (the index) and its pages,
/sitemap-<part>-<n>.xml. Both are the same for everyone: they list what a visitor may read."""

from flask import Response, abort, current_app

from hub.feeds import conditional, robots, sitemap, sitemap_xml
from hub.feeds.blueprint import bp

XML = "application/xml"


@bp.get("/robots.txt")
def robots_txt():
    sitemap_url = sitemap_xml.absolute("/sitemap.xml")
    text = "\n".join(robots.lines(current_app.config["ROBOTS"], sitemap_url)) + "\n"
    return Response(text, mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_index():
    entries = sitemap.index()
    return conditional.respond(
        sitemap_xml.index_document(entries), XML, sitemap_xml.newest(entries)
    )


@bp.get(f"/sitemap-<any({', '.join(['pages', *sitemap.PARTS])}):part>-<int:number>.xml")
def sitemap_page(part: str, number: int):
    entries = sitemap.page(part, number) if number >= 1 else []
    if not entries:
        abort(404)
    return conditional.respond(
        sitemap_xml.urlset_document(entries), XML, sitemap_xml.newest(entries)
    )
