"""How a category is marked in lists and on its page: a colour and an icon.

The icon is one of a small set of named line drawings (24 x 24 SVG paths, drawn white on the
category's colour) or a single emoji. Both are shown as text and attributes the templates
escape; nothing here is HTML.
"""

import unicodedata

# name -> SVG path data, stroked in white on the category's colour
ICONS: dict[str, str] = {
    "chat": "M4 5h16v10H9l-5 4z",
    "question": "M9 9a3 3 0 1 1 4 2.8c-.6.3-1 .9-1 1.6V15M12 18v.5",
    "wrench": "M14 6a4 4 0 0 0 5 5l-8 8a2 2 0 0 1-3-3l8-8a4 4 0 0 0-2-2z",
    "wifi": "M3 9a13 13 0 0 1 18 0M6 12.5a8.5 8.5 0 0 1 12 0M9 16a4 4 0 0 1 6 0M12 19v.5",
    "phone": "M8 3h8v18H8zM11 18h2",
    "invoice": "M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6",
    "shield": "M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6z",
    "book": "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5",
    "star": "M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6L12 16.5 6.7 19.4l1.2-6L3.4 9.3l6-.7z",
    "megaphone": "M4 10v4h3l8 4V6l-8 4zM18 9.5a3 3 0 0 1 0 5",
    "gear": (
        "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
        "M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2"
    ),
    "lightbulb": (
        "M9 18h6M10 21h4"
        "M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"
    ),
}

# What may follow an emoji's first code point: variation selectors, the keycap mark, skin
# tones, the tag characters of subdivision flags, and (after a zero-width joiner) another emoji.
_MODIFIERS = {"\ufe0e", "\ufe0f", "\u20e3"}
_JOINER = "\u200d"
MAX_EMOJI_CODE_POINTS = 8


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF  # the letters country flags are made of


def _modifier(char: str) -> bool:
    code = ord(char)
    return char in _MODIFIERS or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F


def is_emoji(text: str) -> bool:
    """One emoji (possibly combined from several code points), and nothing else."""
    if not text or len(text) > MAX_EMOJI_CODE_POINTS or unicodedata.category(text[0]) != "So":
        return False
    if _regional(text[0]):
        return len(text) == 2 and _regional(text[1])
    previous = text[0]
    for char in text[1:]:
        joined = unicodedata.category(char) == "So" and previous == _JOINER
        if not (joined or char == _JOINER or _modifier(char)):
            return False
        previous = char
    return previous != _JOINER


def icon_path(icon: str) -> str | None:
    """The drawing of a named icon; None for an emoji or no icon."""
    return ICONS.get(icon)
