"""The shape of the Whoosh index: its fields, the version that says when an index on disk is
out of date, and a search document as the fields Whoosh stores."""

from datetime import UTC

from whoosh.fields import BOOLEAN, DATETIME, ID, TEXT, Schema

from hub.search import analysis
from hub.search.documents import Doc

SCHEMA_VERSION = "4"  # bump when the schema or the analysis changes: the index is rebuilt
FIELDS = ("title", "body")  # the text fields a search looks in
ALL_TYPES = ("faq", "topic", "post", "wall")


def schema() -> Schema:
    text = analysis.analyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        type=ID(),
        space=ID(),
        solved=BOOLEAN(),
        created=DATETIME(sortable=True),
        # spelling: the title's unstemmed words too, for typo tolerance (`whoosh_query`). Not the
        # body's: that would double the postings and the rebuild time.
        title=TEXT(analyzer=text, field_boost=2.0, spelling=True),
        body=TEXT(analyzer=text),
    )


def fields_of(doc: Doc) -> dict:
    return {
        "key": doc.key,
        "type": doc.type,
        "space": str(doc.space_id or ""),
        "solved": doc.solved,
        "created": doc.created_at.astimezone(UTC),
        "title": doc.title,
        "body": doc.body,
    }
