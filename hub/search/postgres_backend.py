"""The backend for several app processes: PostgreSQL full-text search on `search_documents`.

`tsv` holds the title (weight A) and the body (weight B), each analysed with a German and an
English configuration. Migration 0005 creates `nabe_german` and `nabe_english`: copies of
`german` and `english` that pass words through `unaccent` first ("Straße" = "Strasse"). Where
the extension could not be created they are plain copies, and the text is folded in Python.

Queries are built as tsquery expressions from bound parameters (never from the typed text):
each word is the OR of its German and English lexemes, plus a prefix for German compounds.
"""

import logging
import re
from collections.abc import Callable, Iterable
from itertools import islice

from markupsafe import escape
from sqlalchemy import bindparam, text

from hub.core.extensions import db
from hub.search import analysis
from hub.search.base import Candidate, Filters
from hub.search.documents import MARK_END, MARK_START, Doc, split_key
from hub.search.syntax import Parsed

log = logging.getLogger(__name__)

BATCH = 500
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_UMLAUT_SPELLING = re.compile(r"(ae|oe|ue)")

_TSV = (
    "setweight(to_tsvector(CAST(:de AS regconfig), :title), 'A') || "
    "setweight(to_tsvector(CAST(:en AS regconfig), :title), 'A') || "
    "setweight(to_tsvector(CAST(:de AS regconfig), :body), 'B') || "
    "setweight(to_tsvector(CAST(:en AS regconfig), :body), 'B')"
)
_UPSERT = text(
    "INSERT INTO search_documents "
    "(key, type, object_id, topic_id, space_id, solved, title, body, created_at, tsv) "
    "VALUES (:key, :type, :object_id, :topic_id, :space_id, :solved, :stored_title, "
    f":stored_body, :created_at, {_TSV}) "
    "ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, object_id = EXCLUDED.object_id, "
    "topic_id = EXCLUDED.topic_id, space_id = EXCLUDED.space_id, solved = EXCLUDED.solved, "
    "title = EXCLUDED.title, body = EXCLUDED.body, created_at = EXCLUDED.created_at, "
    "tsv = EXCLUDED.tsv"
)


class _TsQuery:
    """A tsquery expression in SQL with its bound parameters."""

    def __init__(self, de: str, en: str, fold: bool):
        self.de, self.en, self.fold = de, en, fold
        self.params: dict[str, str] = {"de": de, "en": en}

    def _param(self, value: str) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = analysis.fold(value) if self.fold else value
        return f":{name}"

    def _both(self, function: str, value: str) -> str:
        param = self._param(value)
        return (
            f"({function}(CAST(:de AS regconfig), {param}) || "
            f"{function}(CAST(:en AS regconfig), {param}))"
        )

    def word(self, parsed: Parsed, word: str, *, last: bool, exact: bool = False) -> str:
        parts = [self._both("plainto_tsquery", word)]
        if _UMLAUT_SPELLING.search(word):  # "Muenchen" is how some type "München"
            parts.append(self._both("plainto_tsquery", _UMLAUT_SPELLING.sub(_umlaut, word)))
        if not exact:
            for prefix in analysis.prefixes(word):  # "Rechnung" finds "Rechnungsadresse"
                parts.append(f"to_tsquery(CAST(:de AS regconfig), {self._param(prefix + ':*')})")
            if last and parsed.prefix_last:  # the word being typed
                parts.append(self._both("to_tsquery", analysis.fold(word) + ":*"))
        return "(" + " || ".join(parts) + ")"

    def phrase(self, words: tuple[str, ...]) -> str:
        return self._both("phraseto_tsquery", " ".join(words))

    def build(self, parsed: Parsed) -> str:
        last = len(parsed.terms) - 1
        positive = [self.word(parsed, w, last=i == last) for i, w in enumerate(parsed.terms)]
        positive += [self.phrase(p) for p in parsed.phrases]
        negative = [self.word(parsed, w, last=False, exact=True) for w in parsed.excluded]
        negative += [self.phrase(p) for p in parsed.excluded_phrases]
        expression = " && ".join(positive)
        for part in negative:
            expression += f" && !!{part}"
        return expression


def _umlaut(match: re.Match) -> str:
    return {"ae": "ä", "oe": "ö", "ue": "ü"}[match.group(1)]


class PostgresBackend:
    name = "postgres"

    def __init__(self):
        self._setup: tuple[str, str, bool] | None = None

    def _configs(self) -> tuple[str, str, bool]:
        """(German config, English config, fold in Python?) as this database offers them."""
        if self._setup is None:
            names = set(
                db.session.scalars(
                    text(
                        "SELECT cfgname FROM pg_ts_config "
                        "WHERE cfgname IN ('nabe_german', 'nabe_english')"
                    )
                )
            )
            unaccent = db.session.scalar(
                text("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")
            )
            if names == {"nabe_german", "nabe_english"}:
                self._setup = ("nabe_german", "nabe_english", not unaccent)
            else:
                log.warning("nabe_* text search configurations missing; run the migrations")
                self._setup = ("german", "english", True)
        return self._setup

    def _doc_params(self, doc: Doc) -> dict:
        de, en, fold = self._configs()
        title, body = doc.title, doc.body
        return {
            "key": doc.key,
            "type": doc.type,
            "object_id": doc.id,
            "topic_id": doc.topic_id,
            "space_id": doc.space_id,
            "solved": doc.solved,
            "stored_title": title,
            "stored_body": body,
            "created_at": doc.created_at,
            "de": de,
            "en": en,
            "title": analysis.fold(title) if fold else title,
            "body": analysis.fold(body) if fold else body,
        }

    # --- the interface ---

    def index(self, docs: Iterable[Doc], *, new: bool = False) -> None:
        rows = [self._doc_params(doc) for doc in docs]
        if rows:
            _write(_UPSERT, rows)

    def remove(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            delete = text("DELETE FROM search_documents WHERE key IN :keys")
            _write(delete.bindparams(bindparam("keys", expanding=True)), {"keys": keys})

    def flush(self) -> None:
        return None

    def _query(self, parsed: Parsed) -> _TsQuery:
        de, en, fold = self._configs()
        return _TsQuery(de, en, fold)

    def search(self, parsed: Parsed, filters: Filters, sort: str, limit: int) -> list[Candidate]:
        tsquery = self._query(parsed)
        expression = tsquery.build(parsed)
        params: dict = {**tsquery.params, "limit": limit}
        where = ["d.tsv @@ q.query"]
        bind = []
        if filters.types:
            where.append("d.type IN :types")
            params["types"] = list(filters.types)
            bind.append(bindparam("types", expanding=True))
        if filters.space_ids:
            where.append("d.space_id IN :spaces")
            params["spaces"] = list(filters.space_ids)
            bind.append(bindparam("spaces", expanding=True))
        if filters.solved:
            where.append("d.solved")
        if sort == "date":
            order = "d.created_at DESC, d.key"
        else:
            order = "(d.type <> 'faq'), score DESC, d.created_at DESC"
        # MATERIALIZED: the matches come from the GIN index first and are sorted afterwards,
        # so "newest first" cannot turn into a walk over every row in date order.
        statement = text(
            f"WITH q AS (SELECT {expression} AS query), "
            "m AS MATERIALIZED (SELECT d.key, d.type, d.created_at, "
            "ts_rank(d.tsv, q.query) AS score "
            f"FROM search_documents d, q WHERE {' AND '.join(where)}) "
            f"SELECT d.key, d.score FROM m d ORDER BY {order} LIMIT :limit"
        ).bindparams(*bind)
        rows = db.session.execute(statement, params).all()
        return [Candidate(*split_key(key), float(score or 0.0)) for key, score in rows]

    def snippets(self, parsed: Parsed, texts: dict[str, str]) -> dict[str, str]:
        if not texts:
            return {}
        tsquery = self._query(parsed)
        expression = tsquery.build(parsed)
        statement = text(
            f"WITH q AS (SELECT {expression} AS query) "
            "SELECT d.key, ts_headline(CAST(:de AS regconfig), d.body, q.query, :options), "
            "ts_headline(CAST(:en AS regconfig), d.body, q.query, :options) "
            "FROM search_documents d, q WHERE d.key IN :keys"
        ).bindparams(bindparam("keys", expanding=True))
        rows = db.session.execute(
            statement, {**tsquery.params, "options": _HEADLINE, "keys": list(texts)}
        ).all()
        found = {}
        for key, german, english in rows:
            best = max((german, english), key=_useful_marks)
            found[key] = _marked(best) if MARK_START in best else None
        return {
            key: found.get(key) or analysis.highlight(plain, parsed.matches)
            for key, plain in texts.items()
        }

    def rebuild(
        self,
        docs: Iterable[Doc | None],
        progress: Callable[[int], None] | None = None,
        *,
        procs: int = 1,  # PostgreSQL does the analysis; one connection is enough
    ) -> int:
        """Replace every row in one transaction: searches see the old rows until it commits."""
        count = 0
        iterator = iter(docs)
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM search_documents"))
            while batch := list(islice(iterator, BATCH)):
                rows = [self._doc_params(doc) for doc in batch if doc is not None]
                if rows:
                    connection.execute(_UPSERT, rows)
                count += len(rows)
                if progress:
                    progress(len(batch))
        return count

    def clear(self) -> None:
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM search_documents"))

    def health(self) -> dict:
        de, en, fold = self._configs()
        return {"ok": True, "backend": self.name, "configs": [de, en], "unaccent": not fold}


def _write(statement, params) -> None:
    """Write through the session and commit (the change it follows is committed already).
    Not on a connection of its own: the session still holds the one it read the documents
    with, and when every request of a process holds one and waits for a second, none gets
    it until the pool's timeout (many writers at once under gevent)."""
    db.session.execute(statement, params)
    db.session.commit()


_MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}")


def _useful_marks(headline: str) -> tuple[int, int]:
    """Marked words that are not stop words (the German headline marks "the" in a phrase),
    then fewer marks in all."""
    marked = _MARKED.findall(headline)
    return sum(analysis.keep(word.lower()) for word in marked), -len(marked)


def _marked(headline: str) -> str:
    """ts_headline's plain text with our private markers -> escaped HTML with <mark>."""
    html = str(escape(" ".join(headline.split())))
    return html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
