"""Turning a parsed search into a Whoosh query: the words with their prefixes, German compound
parts and typos, phrases and exclusions, the filters, and the hits as candidates."""

from whoosh import query as Q

from hub.search import analysis
from hub.search.base import Candidate, Filters
from hub.search.documents import split_key
from hub.search.syntax import Parsed
from hub.search.whoosh_schema import ALL_TYPES, FIELDS

PREFIX_TERMS = 30  # a prefix stands for at most this many indexed words (lexicon order)


def _expand(reader, prefix: str, skip: str) -> list[Q.Query]:
    """The indexed words starting with `prefix` (without `skip`), as lower-weighted terms.

    Expanded here rather than with `Prefix`, so the cap keeps a short prefix cheap and the
    exact word is not counted twice."""
    subs: list[Q.Query] = []
    for field in FIELDS:
        found = 0
        for btext in reader.expand_prefix(field, prefix):
            text = btext.decode("utf-8")
            if text != skip:
                subs.append(Q.Term(field, text, boost=0.5))
                found += 1
                if found >= PREFIX_TERMS:
                    break
    return subs


def _word_query(reader, parsed: Parsed, word: str, *, last: bool) -> Q.Query:
    key = analysis.key(word)
    subs: list[Q.Query] = [Q.Term(f, key) for f in FIELDS]
    starts = list(analysis.prefixes(word))  # German compounds: "Rechnung" -> "Rechnungsadresse"
    if last and parsed.prefix_last:  # the word being typed
        starts.append(analysis.fold(word))
    for prefix in dict.fromkeys(starts):
        subs += _expand(reader, prefix, key)
    if parsed.fuzzy and not any(reader.doc_frequency(f, key) for f in FIELDS):
        subs += _typos(reader, analysis.fold(word), key)  # a word nobody wrote: a typo?
    return Q.Or(subs) if len(subs) > 1 else subs[0]


def _typos(reader, folded: str, key: str) -> list[Q.Query]:
    """Title words within one edit (two for long words) of `folded`, looked up among the
    unstemmed words, since a typo often hides the ending a stemmer needs."""
    if len(folded) < analysis.FUZZY_MIN:
        return []
    distance = 2 if len(folded) >= 8 else 1
    # Per segment: only a segment reader looks in the spelling words (a MultiReader falls
    # back to the stems).
    keys = {
        analysis.stem(word)
        for leaf, _ in reader.leaf_readers()
        for word in leaf.terms_within("title", folded, distance, prefix=1)
    }
    keys.discard(key)
    return [Q.Term(f, k, boost=0.5) for f in FIELDS for k in sorted(keys)[:PREFIX_TERMS]]


def _exact_word_query(word: str) -> Q.Query:
    return Q.Or([Q.Term(f, analysis.key(word)) for f in FIELDS])


def _phrase_query(words: tuple[str, ...]) -> Q.Query:
    keys = [analysis.key(w) for w in words if analysis.keep(w)]
    return Q.Or([Q.Phrase(f, keys) for f in FIELDS])


def build_query(reader, parsed: Parsed) -> Q.Query:
    last = len(parsed.terms) - 1
    positive = [_word_query(reader, parsed, w, last=i == last) for i, w in enumerate(parsed.terms)]
    positive += [_phrase_query(p) for p in parsed.phrases]
    query: Q.Query = Q.And(positive) if len(positive) > 1 else positive[0]
    negative = [_exact_word_query(w) for w in parsed.excluded]
    negative += [_phrase_query(p) for p in parsed.excluded_phrases]
    if negative:
        query = Q.AndNot(query, Q.Or(negative))
    return query


def restrict(query: Q.Query, filters: Filters, types: tuple[str, ...]) -> Q.Query:
    """Apply the filters inside the query (the filter parts score nothing).

    Not Whoosh's `filter=`: that first collects every document of the filter, which for
    "all answers" means most of the index (300 ms on 100,000 posts)."""
    parts: list[Q.Query] = []
    excluded = [t for t in ALL_TYPES if t not in types]
    if excluded and len(excluded) < len(types):
        query = Q.AndNot(query, Q.Or([Q.Term("type", t) for t in excluded]))
    elif excluded:
        parts.append(Q.Or([Q.Term("type", t) for t in types]))
    if filters.space_ids:
        parts.append(Q.Or([Q.Term("space", str(s)) for s in filters.space_ids]))
    if filters.solved:
        parts.append(Q.Term("solved", True))
    if parts:  # not Q.Require: its matcher trips an assertion when skipping by quality
        query = Q.And([query, *(Q.ConstantScoreQuery(part, 0.0) for part in parts)])
    return query


def candidates(results) -> list[Candidate]:
    """Hits as candidates, each key once: a post added while a rebuild swapped the index
    may have been written twice."""
    found: dict[str, Candidate] = {}
    for hit in results:
        key = hit["key"]
        if key not in found:
            type_, id_ = split_key(key)
            found[key] = Candidate(type_, id_, float(hit.score or 0.0))
    return list(found.values())
