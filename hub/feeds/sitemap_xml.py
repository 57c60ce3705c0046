"""The sitemap protocol's XML (sitemaps.org 0.9): an index of sitemap pages, and a page of
addresses. Built with ElementTree, so every address is escaped as XML wants it."""

from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from flask import current_app

from hub.feeds.sitemap import Entry

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


def w3c_datetime(moment: datetime) -> str:
    """`2026-12-04T17:58:29+00:00`: what sitemaps and Atom (RFC 3339) both take."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _document(root: str, child: str, entries: Iterable[Entry]) -> bytes:
    top = ET.Element(root, xmlns=NS)
    for entry in entries:
        item = ET.SubElement(top, child)
        ET.SubElement(item, "loc").text = absolute(entry.loc)
        if entry.lastmod is not None:
            ET.SubElement(item, "lastmod").text = w3c_datetime(entry.lastmod)
    return ET.tostring(top, encoding="utf-8", xml_declaration=True)


def index_document(entries: Iterable[Entry]) -> bytes:
    return _document("sitemapindex", "sitemap", entries)


def urlset_document(entries: Iterable[Entry]) -> bytes:
    return _document("urlset", "url", entries)


def newest(entries: Iterable[Entry]) -> datetime | None:
    """The latest `lastmod` among the entries: the document's Last-Modified."""
    return max((e.lastmod for e in entries if e.lastmod is not None), default=None)
