"""Helpers for the search tests (call inside the app context of `search_app`)."""

from flask import current_app

from hub.search import service as search


def find(q: str, viewer=None, **options):
    """Titles (with types) of the first page of results, best first."""
    return [(hit.type, hit.title) for hit in results(q, viewer, **options).items]


def results(q: str, viewer=None, **options):
    with current_app.test_request_context():
        return search.query(viewer, q, **options)


def titles(q: str, viewer=None, **options) -> list[str]:
    return [title for _, title in find(q, viewer, **options)]
