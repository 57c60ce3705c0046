"""Fit a post into a network's length limit without ever losing the link back to the hub."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

ELLIPSIS = "…"
URL = re.compile(r"https?://\S+")
WORD = re.compile(r"\S+")
# Stripped before the ellipsis, so a cut reads "Hello…" rather than "Hello,…".
TRAILING_PUNCTUATION = " \t\n,;:-–—"


def shape(
    text: str,
    link: str,
    *,
    limit: int,
    link_weight: int | None,
    hashtags: Iterable[str] = (),
    measure: Callable[[str], int] = len,
) -> str:
    """The post for one network: the text, then the hashtags that fit, then the hub link.

    Every URL counts `link_weight` characters (None: its real length), as X and Mastodon
    count each link as 23. Plain text is counted by `measure` (X weighs CJK as 2).
    Text that does not fit is cut after a whole word, never inside a word, @mention or URL,
    and ends with "…"; hashtags are dropped before any text is.
    Raises: ValueError when the link alone is longer than `limit`.
    """

    def fits(candidate: str) -> bool:
        return weight(candidate, link_weight=link_weight, measure=measure) <= limit

    body, link = text.strip(), link.strip()
    if not fits(link):
        raise ValueError(f"the link alone exceeds the limit of {limit}")
    if not fits(_compose(body, [], link)):
        return _compose(_shorten(body, lambda cut: fits(_compose(cut, [], link))), [], link)
    tags: list[str] = []
    for tag in _normalised(hashtags):
        if fits(_compose(body, [*tags, tag], link)):
            tags.append(tag)
    return _compose(body, tags, link)


def weight(text: str, *, link_weight: int | None, measure: Callable[[str], int] = len) -> int:
    """How long the network thinks `text` is."""
    if link_weight is None:
        return measure(text)
    return measure(URL.sub("", text)) + link_weight * len(URL.findall(text))


def _compose(body: str, tags: list[str], link: str) -> str:
    return "\n\n".join(part for part in (body, " ".join(tags), link) if part)


def _shorten(body: str, fits: Callable[[str], bool]) -> str:
    """The longest whole-word prefix of `body` plus "…" that fits, or "" when none does."""
    word_ends = [match.end() for match in WORD.finditer(body)]
    best = ""
    low, high = 0, len(word_ends) - 1
    # Binary search: a longer prefix never weighs less, and bodies can be 60,000 characters.
    while low <= high:
        middle = (low + high) // 2
        kept = body[: word_ends[middle]].rstrip(TRAILING_PUNCTUATION)
        candidate = kept + ELLIPSIS if kept else ""
        if fits(candidate):
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def _normalised(hashtags: Iterable[str]) -> list[str]:
    """`"#Tag"`, `"tag"` and `" my tag "` become `#Tag`, `#tag` and `#mytag`; blanks vanish."""
    tags = ("".join(tag.split()).lstrip("#") for tag in hashtags)
    return [f"#{tag}" for tag in tags if tag]
