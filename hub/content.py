"""User-written Markdown to safe HTML: the only place that does it.

Two stages, so that a bug in one cannot produce executable markup on its own:

1. markdown-it-py with raw HTML disabled (typed ``<script>`` stays visible text), plus
   linkify, tables and strikethrough. A pass over its token stream shifts headings down two
   levels, turns off-hub images into links and links ``@mentions``. Link URLs are checked
   while parsing: only http, https, mailto and relative URLs, and none with invisible or
   control characters (a link that fails stays plain text).
2. nh3 with a strict allowlist of tags, attributes and URL schemes, as the safety net.

Why nh3 rather than bleach: bleach's maintainers ended it with 6.4.0 in 2026, so there are
no more security releases. nh3 binds ammonia, the maintained Rust sanitiser, and is much
faster.

Everything here is a pure function: no network, no database, no Flask app context.
"""

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["excerpt", "mentioned_usernames", "render"]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "img",
    }
)  # fmt: skip
# `rel` is not listed: nh3 sets it on every link itself (link_rel). ol[start] keeps the
# numbering of a list that starts at, say, 3.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "code": {"class"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# Characters a reader cannot see but a browser or a bidi algorithm acts on: C0/C1 controls
# (with DEL), zero-width and bidi marks, word joiners and invisible operators, BOM.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_MENTION = re.compile(r"(?<![\w@./\-])@([A-Za-z0-9_\-]{3,30})(?![\w\-])")
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.\-]{1,40}")
_ALIGN = frozenset({"left", "center", "right"})
# markdown-it validates a URL only after normalising it, so a URL rejected earlier (in
# normalizeLink) is replaced by one whose scheme validateLink refuses.
_REJECTED_URL = "about:invalid"


def _scheme_allowed(url: str) -> bool:
    """True for http(s), mailto and relative URLs (no scheme at all)."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in URL_SCHEMES


class _HubMarkdown(MarkdownIt):
    def normalizeLink(self, url: str) -> str:
        # Checked here, on the decoded text: normalizing percent-encodes the path and
        # punycodes the host, which would hide a zero-width space from later checks.
        if _INVISIBLE.search(url):
            return _REJECTED_URL
        return super().normalizeLink(url)

    def validateLink(self, url: str) -> bool:
        return _scheme_allowed(url)


_MD = _HubMarkdown("js-default", {"html": False, "linkify": True, "typographer": False})
_MD.enable(["linkify", "table", "strikethrough"])


def render(
    raw: str, *, hub_origin: str, mentions: Callable[[set[str]], dict[str, str]] | None = None
) -> str:
    """Cook Markdown into HTML that is safe to insert into a page as is.

    `mentions` gets the lower-cased @names found and returns name -> profile path for the
    members that exist; None makes no mention links.
    """
    env: dict = {}
    tokens = _MD.parse(raw or "", env)
    _shift_headings(tokens)
    _align_cells(tokens)
    names = _names_in(tokens)
    known = mentions(names) if mentions and names else {}
    known = {name.lower(): path for name, path in known.items()}
    for inline in _inlines(tokens):
        inline.children = _rewrite_inline(inline.children or [], hub_origin, known)
    html = _MD.renderer.render(tokens, _MD.options, env)
    return _cleaner(hub_origin.rstrip("/").lower()).clean(html)


def mentioned_usernames(raw: str) -> set[str]:
    """Lower-cased @names in the text, not counting code spans, code blocks and links."""
    return _names_in(_MD.parse(raw or "", {}))


@lru_cache(maxsize=1024)  # topic pages ask for the same posts' excerpts each view
def excerpt(html: str, length: int = 200) -> str:
    """Plain text (not HTML: escape it when output) of cooked HTML, at most `length` chars."""
    parser = _TextCollector()
    parser.feed(html or "")
    parser.close()
    text = " ".join("".join(parser.parts).split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]  # leave room for the ellipsis
    if not text[length - 1].isspace() and " " in cut:
        cut = cut[: cut.rfind(" ")]  # the cut fell inside a word: drop that word
    return cut.rstrip(" ,.;:-–—") + "…"


# --- token stream passes ---------------------------------------------------------------


def _inlines(tokens: list[Token]) -> Iterator[Token]:
    return (token for token in tokens if token.type == "inline")


def _shift_headings(tokens: list[Token]) -> None:
    # A post must not compete with the page title: # becomes h3, ## h4, and so on.
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"


def _align_cells(tokens: list[Token]) -> None:
    # markdown-it aligns cells with a style attribute; style is not allowed, align is.
    for token in tokens:
        style = token.attrs.pop("style", None) if token.type in ("th_open", "td_open") else None
        if style:
            token.attrs["align"] = str(style).removeprefix("text-align:")


def _with_link_depth(children: list[Token]) -> Iterator[tuple[int, Token]]:
    """Each inline token with the number of links it sits in (link tokens count as out)."""
    depth = 0
    for token in children:
        if token.type == "link_close":
            depth -= 1
        yield (0 if token.type.startswith("link_") else depth), token
        if token.type == "link_open":
            depth += 1


def _names_in(tokens: list[Token]) -> set[str]:
    # Code spans are their own token type and link text sits inside a link: neither counts.
    names = set()
    for inline in _inlines(tokens):
        for depth, token in _with_link_depth(inline.children or []):
            if token.type == "text" and depth == 0:
                names.update(m.group(1).lower() for m in _MENTION.finditer(token.content))
    return names


def _rewrite_inline(children: list[Token], hub_origin: str, known: dict[str, str]) -> list[Token]:
    """Link known mentions and turn images that are not on the hub into links."""
    result: list[Token] = []
    for depth, token in _with_link_depth(children):
        if token.type == "text" and depth == 0 and known:
            result.extend(_link_mentions(token.content, known))
        elif token.type == "image" and not _is_hub_url(token.attrGet("src"), hub_origin):
            result.extend(_image_as_link(token, inside_link=depth > 0))
        else:
            result.append(token)
    return result


def _link_mentions(text: str, known: dict[str, str]) -> list[Token]:
    tokens, start = [], 0
    for match in _MENTION.finditer(text):
        path = known.get(match.group(1).lower())
        if path is None:
            continue
        tokens.append(_text(text[start : match.start()]))
        tokens += _link(path, match.group(0), {"class": "mention"})
        start = match.end()
    tokens.append(_text(text[start:]))
    return [token for token in tokens if token.type != "text" or token.content]


def _image_as_link(image: Token, *, inside_link: bool) -> list[Token]:
    # Off-hub images would let a third party see who reads the post (and when); a link
    # to the image leaves that choice to the reader.
    src = str(image.attrGet("src") or "")
    label = _MD.renderer.renderInlineAsText(image.children or [], _MD.options, {})
    label = label or _MD.normalizeLinkText(src)
    if inside_link:  # an <a> inside an <a> is invalid HTML; the outer link wins
        return [_text(label)]
    title = image.attrGet("title")
    return _link(src, label, {"title": title} if title else {})


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _link(href: str, label: str, attrs: dict) -> list[Token]:
    return [
        Token("link_open", "a", 1, attrs={"href": href, **attrs}),
        _text(label),
        Token("link_close", "a", -1),
    ]


def _is_hub_url(url: object, hub_origin: str) -> bool:
    """A path on the hub ("/x", not "//host" or "/\\host") or a URL with the hub's origin."""
    url = str(url or "")
    if _INVISIBLE.search(url) or "\\" in url:
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    return bool(parts.scheme) and origin == hub_origin.rstrip("/").lower()


# --- the safety net ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _cleaner(hub_origin: str) -> nh3.Cleaner:
    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        return _filter_attribute(tag, attr, value, hub_origin)

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _filter_attribute(tag: str, attr: str, value: str, hub_origin: str) -> str | None:
    """Second check of what the Markdown stage already guarantees; None drops the attribute."""
    if attr == "href":
        ok = not _INVISIBLE.search(value) and _scheme_allowed(value)
    elif attr == "src":
        ok = _is_hub_url(value, hub_origin)
    elif attr == "class":
        ok = value == "mention" if tag == "a" else bool(_CODE_CLASS.fullmatch(value))
    elif attr == "align":
        ok = value in _ALIGN
    elif attr == "start":
        ok = value.isdigit()
    else:
        ok = True  # title, alt and rel are plain text to the browser
    return value if ok else None


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, with a space where a block or line break ends."""

    _BREAKS = frozenset({"p", "br", "li", "tr", "td", "th", "pre", "blockquote", "hr"})
    _BREAKS |= {f"h{level}" for level in range(1, 7)}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, [])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
