"""`url_for` for pages that link a lot: each route's address is built once, then filled in.

A topic page links every post two or three times, a list page every topic and author, and
the layout a dozen places. Flask's `url_for` matches the route and encodes every value on
each call (about 10 µs). `build()` takes the same arguments; the first time it sees an
endpoint with a set of value names it asks `url_for` with stand-in values, checks the result
against `url_for` once more with other values, and keeps the pieces. After that it only quotes
the values in, as the router does: path parts as a path segment, query values as a query
string. Anything else (no request, `_external`, a relative endpoint, an odd value type, a
route whose converter would write the value differently) goes to `url_for` itself.
"""

from urllib.parse import quote, quote_plus

from flask import current_app, has_request_context, request, url_for

_PATH_SAFE = "!$&'()*+,/:;=@"  # werkzeug's BaseConverter.to_url
_QUERY_SAFE = "!$'()*,/:;?@"  # werkzeug's _urlencode
_ANCHOR_SAFE = "%!#$&'()*+,/:;=?@"  # flask's url_for
_KINDS = {int: int, str: str}  # value types a pattern takes (not bool: the router writes 1)


class _Pattern:
    """An address split around its values: literal pieces and (name, quoting) slots."""

    def __init__(self, endpoint: str, names: tuple[str, ...], kinds: tuple[type, ...]):
        stand_ins = {n: _stand_in(i, k) for i, (n, k) in enumerate(zip(names, kinds, strict=True))}
        url = url_for(endpoint, **stand_ins)
        self.pieces: list[str] = []
        self.slots: list[tuple[str, object]] = []
        for name, marker in sorted(stand_ins.items(), key=lambda item: url.find(str(item[1]))):
            before, found, url = url.partition(str(marker))
            if not found:
                raise ValueError(f"{endpoint}: {name} is not in its address")
            in_query = "?" in "".join(self.pieces) + before
            self.pieces.append(before)
            self.slots.append((name, _quote_query if in_query else _quote_path))
        self.pieces.append(url)
        pairs = enumerate(zip(names, kinds, strict=True))
        sample = {name: 7 + i if kind is int else f"a b/{i}" for i, (name, kind) in pairs}
        if self.fill(sample) != url_for(endpoint, **sample):
            raise ValueError(f"{endpoint}: the router writes these values its own way")

    def fill(self, values: dict) -> str:
        parts = []
        for piece, (name, quoting) in zip(self.pieces, self.slots, strict=False):
            parts.append(piece)
            parts.append(quoting(values[name]))
        parts.append(self.pieces[-1])
        return "".join(parts)


def build(endpoint: str, *, _anchor: str | None = None, **values) -> str:
    """The same address as `url_for(endpoint, _anchor=..., **values)`."""
    given = {name: value for name, value in values.items() if value is not None}
    pattern = _pattern(endpoint, given)
    if pattern is None:
        return url_for(endpoint, _anchor=_anchor, **values)
    url = pattern.fill(given)
    return url if _anchor is None else f"{url}#{quote(_anchor, safe=_ANCHOR_SAFE)}"


def url_for_templates(endpoint: str, **values) -> str:
    """Jinja's `url_for`: `build()` for plain links, Flask's for `_external` and the like."""
    if any(name.startswith("_") and name != "_anchor" for name in values):
        return url_for(endpoint, **values)
    return build(endpoint, **values)


def _pattern(endpoint: str, given: dict) -> "_Pattern | None":
    if endpoint.startswith(".") or not has_request_context():
        return None  # relative to the blueprint, or (without a request) external addresses
    kinds = tuple(_KINDS.get(type(value)) for value in given.values())
    if None in kinds:
        return None
    key = (request.script_root, endpoint, tuple(given), kinds)
    patterns = current_app.extensions.setdefault("url_patterns", {})
    if key not in patterns:
        try:
            patterns[key] = _Pattern(endpoint, tuple(given), kinds)
        except Exception:  # whatever went wrong, url_for answers (or raises) for this one
            patterns[key] = None
    return patterns[key]


def _stand_in(i: int, kind: type):
    # Values no real address contains: ids within the routes' integer range, plain letters.
    return 2_000_000_011 + i * 1_000 if kind is int else f"zqx{i}standin"


def _quote_path(value) -> str:
    return str(value) if type(value) is int else quote(value, safe=_PATH_SAFE)


def _quote_query(value) -> str:
    return str(value) if type(value) is int else quote_plus(value, safe=_QUERY_SAFE)


def init_app(app) -> None:
    app.jinja_env.globals["url_for"] = url_for_templates
