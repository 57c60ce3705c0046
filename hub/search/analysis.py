"""German and English text analysis shared by both search backends (and the snippets).

Every word is reduced to one *key*: lower-cased, accents folded ("Straße" -> "strasse"), the
German transcriptions of umlauts folded too ("Muenchen" = "München" = "Munchen"), then stemmed
by the German and then the English Snowball stemmer ("Rechnungen" -> "rechnung", "routers" ->
"rout", "rebooting" -> "reboot"). The index stores one key per word, so a query word matches a
document word when their keys are equal, without anyone choosing a language, and an index of
100,000 posts stays as small and as fast as a plain one.
"""

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

WORD_RE = re.compile(r"\w+", re.UNICODE)

# Words too common to search for, in both languages (Whoosh's Snowball lists).
STOPWORDS = frozenset(stopwords_for_language("de")) | frozenset(stopwords_for_language("en"))

# German compounds ("Rechnungsadresse") are found from a key or word at least this long.
PREFIX_MIN = 5
# Typo tolerance for words at least this long, in queries of at most FUZZY_MAX_WORDS words.
FUZZY_MIN = 4
FUZZY_MAX_WORDS = 3

_TRANSCRIPTIONS = re.compile(r"ae|oe|ue")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, no accents, umlauts as plain vowels: "Straße" -> "strasse", "München",
    "Muenchen" and "Munchen" -> "munchen". (So "Steuer" becomes "steur": harmless, since both
    sides of a comparison are folded alike.)"""
    word = word.lower().replace("ß", "ss").replace("ẞ", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TRANSCRIPTIONS.sub(lambda m: m.group(0)[0], plain)


@lru_cache(maxsize=2)
def _stemmer(lang: str):
    return stemmer_for_language(lang)


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    return _stemmer("en")(_stemmer("de")(folded))


def key(word: str) -> str:
    """The one form a word is indexed and looked up under."""
    return stem(fold(word))


def prefixes(word: str) -> tuple[str, ...]:
    """What German compounds starting with this word start with: its key and its folded
    spelling, when long enough to mean something ("Rechnung" finds "Rechnungsadresse")."""
    found = sorted({p for p in (key(word), fold(word)) if len(p) >= PREFIX_MIN}, key=len)
    if len(found) == 2 and found[1].startswith(found[0]):
        return found[:1]
    return tuple(found)


def words(text: str) -> list[str]:
    """The searchable words of a text, lower-cased, without stop words and single letters."""
    return [w for w in (m.group(0).lower() for m in WORD_RE.finditer(text or "")) if keep(w)]


def keep(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS and not word.startswith("_")


class FoldFilter(Filter):
    """Fold each token (see `fold`)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


class StemFilter(Filter):
    """Stem each folded token, German then English. Marked `is_morph`, so a field with
    `spelling=True` also keeps the unstemmed words, for typo tolerance."""

    is_morph = True

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            token.text = stem(token.text)
            yield token


def analyzer():
    """Tokenize, lower-case, drop stop words (renumbering, so phrases skip them), key."""
    return (
        RegexTokenizer(r"\w+")
        | LowercaseFilter()
        | StopFilter(stoplist=STOPWORDS, minsize=2)
        | FoldFilter()
        | StemFilter()
    )


# --- snippets --------------------------------------------------------------------------------


def highlight(text: str, matcher, length: int = 240) -> str:
    """An HTML snippet of plain `text` around its first matching words, matches in <mark>.

    The text is escaped piece by piece and only the <mark> tags are added, so nothing a user
    wrote can become markup. `matcher(word) -> bool` decides which words to mark.
    """
    from markupsafe import escape

    text = " ".join((text or "").split())
    spans = [m.span() for m in WORD_RE.finditer(text) if matcher(m.group(0))]
    start = 0
    if spans and spans[0][0] > length // 3:
        start = _word_start(text, spans[0][0] - length // 3)
    end = min(len(text), start + length)
    if end < len(text):
        end = _word_end(text, end)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(str(escape(text[cursor:span_start])))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(str(escape(text[cursor:end])))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(pieces).strip() + suffix


def _word_start(text: str, index: int) -> int:
    space = text.rfind(" ", 0, max(index, 0))
    return space + 1 if space >= 0 else 0


def _word_end(text: str, index: int) -> int:
    space = text.rfind(" ", 0, index)
    return space if space > 0 else index
