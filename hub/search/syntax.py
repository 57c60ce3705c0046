"""What a search box accepts: words (all must match), "quoted phrases" and -excluded words.

Both backends build their queries from the same `Parsed` value, so they agree on the syntax.
"""

import re
from dataclasses import dataclass, field

from hub.search import analysis

MAX_LENGTH = 200  # characters of a query that are read; the rest is ignored
MAX_WORDS = 12

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Parsed:
    terms: tuple[str, ...] = ()  # words outside quotes, lower-cased, no stop words
    # Quoted phrases of two or more words (besides stop words), stop words included.
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()  # -word
    excluded_phrases: tuple[tuple[str, ...], ...] = ()  # -"some phrase"
    # Suggestions match the word being typed by its beginning ("rou" -> "router").
    prefix_last: bool = False
    _keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _prefixes: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for (only stop words, only exclusions, or nothing at all)."""
        return not self.terms and not self.phrases

    @property
    def fuzzy(self) -> bool:
        """Short queries tolerate typos (where the backend can)."""
        return not self.phrases and 0 < len(self.terms) <= analysis.FUZZY_MAX_WORDS

    def matches(self, word: str) -> bool:
        """True for a word of a text that this query would find (for highlighting)."""
        if not analysis.keep(word.lower()):
            return False
        key = analysis.key(word)
        if key in self._keys:
            return True
        folded = analysis.fold(word)
        return any(key.startswith(p) or folded.startswith(p) for p in self._prefixes)


def parse(query: str, *, prefix_last: bool = False) -> Parsed:
    """Split what was typed into words, phrases and exclusions."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    excluded_phrases: list[tuple[str, ...]] = []
    for match in _TOKEN.finditer((query or "")[:MAX_LENGTH]):
        quoted_minus, quoted, minus, bare = match.groups()
        if quoted is not None:
            kept = analysis.words(quoted)
            if not kept:
                continue
            if len(kept) == 1:  # "word" is just a word
                (excluded if quoted_minus else terms).append(kept[0])
            else:  # with its stop words: PostgreSQL counts them for word distances
                words = tuple(w.lower() for w in analysis.WORD_RE.findall(quoted))
                (excluded_phrases if quoted_minus else phrases).append(words)
        else:
            words = analysis.words(bare)
            (excluded if minus else terms).extend(words)
    terms = list(dict.fromkeys(terms))[:MAX_WORDS]
    last_typed = _last_word(query)
    prefix_last = bool(prefix_last and terms and last_typed and terms[-1] == last_typed)
    all_words = [*terms, *(w for p in phrases for w in p if analysis.keep(w))]
    return Parsed(
        terms=tuple(terms),
        phrases=tuple(phrases[:MAX_WORDS]),
        excluded=tuple(dict.fromkeys(excluded))[:MAX_WORDS],
        excluded_phrases=tuple(excluded_phrases[:MAX_WORDS]),
        prefix_last=prefix_last,
        _keys=frozenset(analysis.key(w) for w in all_words),
        _prefixes=tuple(
            {p for w in terms for p in analysis.prefixes(w)}
            | ({analysis.fold(terms[-1])} if prefix_last else set())
        ),
    )


def _last_word(query: str) -> str | None:
    """The word being typed, if the query ends in one (not in a space or a quote)."""
    query = (query or "")[:MAX_LENGTH]
    match = re.search(r"(\w+)$", query)
    if not match or query.count('"') % 2:
        return None
    word = match.group(1).lower()
    return word if analysis.keep(word) else None
