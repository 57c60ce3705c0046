"""Small text helpers shared by features."""

import re
import unicodedata

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slugify(text: str, max_length: int = 80) -> str:
    """A readable URL part: "Rechnung doppelt abgebucht?" -> "rechnung-doppelt-abgebucht"."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "topic"


def has_words(text: str, minimum: int = 3) -> bool:
    """True when the text has at least `minimum` letters or digits (not only punctuation)."""
    return sum(ch.isalnum() for ch in text) >= minimum
