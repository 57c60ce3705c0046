"""The search index behind a small interface. Whoosh in the instance folder is the default."""

from pathlib import Path

from flask import current_app
from whoosh import index
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema

SCHEMA = Schema(
    key=ID(stored=True, unique=True),  # "<type>:<id>"
    type=KEYWORD(stored=True),
    title=TEXT(stored=True),
    body=TEXT(stored=True),
    created_at=DATETIME(stored=True, sortable=True),
)


def _index_dir() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "search"


def open_index():
    """Open the Whoosh index, creating an empty one on first use."""
    path = _index_dir()
    if not index.exists_in(path):
        path.mkdir(parents=True, exist_ok=True)
        return index.create_in(path, SCHEMA)
    return index.open_dir(path)


def health() -> dict:
    backend = current_app.config["SEARCH_BACKEND"]
    if backend != "whoosh":
        return {"ok": True, "backend": backend}
    ix = open_index()
    return {"ok": True, "backend": backend, "documents": ix.doc_count()}
