"""hub.content: Markdown to safe HTML, mentions and excerpts. Pure functions, no app needed."""

import html
import re
from html.parser import HTMLParser

import pytest

from hub import content
from hub.content import excerpt, mentioned_usernames, render
from tests.hub.xss_corpus import VECTORS

HUB = "https://community.example.com"
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
_INVISIBLE_OR_SPACE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)


class TagCollector(HTMLParser):
    """Every tag and attribute in a fragment, as a browser's tokenizer would see them.

    Like a browser, the parser unescapes character references in attribute values once.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def parse(fragment: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    return collector.tags


def url_scheme(value: str) -> str | None:
    """The scheme a browser would act on, from an attribute value the parser has unescaped.

    Browsers skip whitespace and control characters inside a scheme and ignore its case.
    """
    cleaned = _INVISIBLE_OR_SPACE.sub("", value).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else None


def unsafe_parts(fragment: str) -> list[str]:
    problems = []
    for tag, attrs in parse(fragment):
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src") and url_scheme(value or "") not in SAFE_SCHEMES | {None}:
                problems.append(f"{name}={value!r}")
    if "<script" in fragment.lower():
        problems.append("<script")
    return problems


def everyone(names: set[str]) -> dict[str, str]:
    return {name: f"/u/{name}" for name in names}


def cook(raw: str, **kwargs) -> str:
    return render(raw, hub_origin=HUB, **kwargs)


# --- the XSS corpus ------------------------------------------------------------------------


def test_corpus_is_big_enough():
    assert len(VECTORS) >= 110


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_is_neutralised(vector):
    assert unsafe_parts(cook(vector)) == []
    assert unsafe_parts(cook(vector, mentions=everyone)) == []


def test_checker_catches_what_it_should():
    bad = '<script>x</script><a href="jav&#x09;ascript:x" onclick="y" style="z">a</a><iframe>'
    assert len(unsafe_parts(bad)) >= 5


def test_safety_net_holds_even_if_mention_lookup_misbehaves():
    def hostile(names):
        return {name: "javascript:alert(1)" for name in names}

    out = cook("hi @anna_k", mentions=hostile)
    assert unsafe_parts(out) == []


# --- what members see ----------------------------------------------------------------------


def test_headings_shift_down_two_levels():
    out = cook("# One\n\n## Two\n\n### Three\n\n###### Six")
    assert "<h3>One</h3>" in out
    assert "<h4>Two</h4>" in out
    assert "<h5>Three</h5>" in out
    assert "<h6>Six</h6>" in out
    assert "<h1" not in out and "<h2" not in out


def test_links_get_rel_and_no_target():
    out = cook("[docs](https://docs.example.org/a) and [topic](/t/12)")
    links = [dict(attrs) for tag, attrs in parse(out) if tag == "a"]
    assert [link["href"] for link in links] == ["https://docs.example.org/a", "/t/12"]
    assert all(link["rel"] == "nofollow ugc noopener" for link in links)
    assert all("target" not in link for link in links)


def test_mailto_link_allowed():
    out = cook("[write us](mailto:help@example.com)")
    assert 'href="mailto:help@example.com"' in out


def test_javascript_link_is_not_a_link():
    out = cook("[x](javascript:alert(1))")
    assert "<a" not in out


def test_bare_url_is_linkified():
    out = cook("See https://example.org/page?x=1 for more")
    assert '<a href="https://example.org/page?x=1" rel="nofollow ugc noopener">' in out


def test_link_with_zero_width_space_becomes_plain_text():
    for raw in ("[bank](https://exa\u200bmple.com)", "https://exa\u200bmple.com/login"):
        out = cook(raw)
        assert "<a" not in out
        assert "mple.com" in out


def test_external_image_becomes_link():
    out = cook('![a cat](https://cdn.example.net/cat.png "Cat")')
    assert "<img" not in out
    assert '<a href="https://cdn.example.net/cat.png" title="Cat"' in out
    assert ">a cat</a>" in out


def test_external_image_without_alt_shows_url():
    out = cook("![](https://cdn.example.net/cat.png)")
    assert ">https://cdn.example.net/cat.png</a>" in out


@pytest.mark.parametrize(
    "src", ["/uploads/cat.png", "https://community.example.com/uploads/cat.png"]
)
def test_hub_image_stays_image(src):
    out = cook(f"![a cat]({src})")
    assert f'<img src="{src}" alt="a cat">' in out


@pytest.mark.parametrize(
    "src",
    [
        "//evil.example/cat.png",
        "https://community.example.com.evil.example/cat.png",
        "https://community.example.com@evil.example/cat.png",
        "http://community.example.com/cat.png",
    ],
)
def test_lookalike_hub_image_is_not_embedded(src):
    assert "<img" not in cook(f"![x]({src})")


def test_image_with_local_origin():
    out = render("![x](http://127.0.0.1:5000/a.png)", hub_origin="http://127.0.0.1:5000")
    assert '<img src="http://127.0.0.1:5000/a.png" alt="x">' in out


def test_mentions_link_existing_users_only():
    asked = []

    def lookup(names):
        asked.append(names)
        return {"anna_k": "/u/Anna_K"}

    out = cook("Thanks @Anna_K and @ghost_user, see `@Anna_K`", mentions=lookup)
    assert asked == [{"anna_k", "ghost_user"}]
    assert '<a href="/u/Anna_K" class="mention" rel="nofollow ugc noopener">@Anna_K</a>' in out
    assert "@ghost_user" in out and 'href="/u/ghost_user"' not in out
    assert "<code>@Anna_K</code>" in out


def test_mentions_untouched_in_code_blocks_and_links():
    raw = "```\n@anna_k\n```\n\n[@anna_k](https://example.org)"
    out = cook(raw, mentions=everyone)
    assert 'class="mention"' not in out


def test_no_mention_links_without_lookup():
    assert 'class="mention"' not in cook("hi @anna_k")


def test_mentioned_usernames_ignores_code_and_emails():
    raw = (
        "Hi @Anna_K and @bob-1!\n\n`@in_code`\n\n    @indented\n\n"
        "```\n@fenced\n```\nmail x@example.com"
    )
    assert mentioned_usernames(raw) == {"anna_k", "bob-1"}


def test_mentioned_usernames_respects_length_rules():
    names = mentioned_usernames("@ab @abc @" + "x" * 30 + " @" + "y" * 31)
    assert names == {"abc", "x" * 30}


def test_tables_render_with_alignment():
    out = cook("| Name | Qty |\n|:-----|----:|\n| tea | 2 |")
    assert "<table>" in out and '<th align="left">Name</th>' in out
    assert '<td align="right">2</td>' in out
    assert "style=" not in out


def test_strikethrough_and_code_language():
    out = cook("~~old~~\n\n```python\nprint(1)\n```")
    assert "<s>old</s>" in out
    assert '<code class="language-python">' in out


def test_raw_html_is_shown_as_text():
    out = cook("<b>bold?</b>")
    assert "&lt;b&gt;bold?&lt;/b&gt;" in out


def test_typographer_is_off():
    assert '"quoted" -- (c)' in html.unescape(cook('"quoted" -- (c)'))


def test_excerpt_strips_tags_and_cuts_on_word_boundary():
    cooked = cook("# Title\n\nSome *emphasised* words and a [link](https://x.org) here.")
    text = excerpt(cooked, length=30)
    assert "<" not in text
    assert text == "Title Some emphasised words…"
    assert len(text) <= 30


def test_excerpt_short_text_unchanged():
    assert excerpt("<p>Short &amp; sweet</p>") == "Short & sweet"


def test_long_post_renders():
    line = "Paragraph with **bold**, `code`, @user_1 and https://x.org/page\n\n"
    raw = (line * (50_000 // len(line) + 1))[:50_000]
    assert len(raw) == 50_000
    out = render(raw, hub_origin=HUB, mentions=everyone)
    assert out


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitiser_alone_neutralises_raw_html(vector):
    # The Markdown stage escapes raw HTML; this checks the net under it holds on its own.
    assert unsafe_parts(content._cleaner(HUB).clean(vector)) == []
