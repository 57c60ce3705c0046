"""Parts of members' pages that every viewer sees alike (the known-issue banner, the top
helpers), kept in the page store with the versions of the pages they belong to.

A write outdates a part as it outdates visitors' cached pages (`invalidation`), so members see
it exactly as fresh as visitors see theirs. With the page cache off, each part is rendered on
every page, as before.
"""

from collections.abc import Callable

from flask import current_app, has_app_context
from markupsafe import Markup

from hub.pagecache.entry import Entry
from hub.pagecache.options import store_of
from hub.pagecache.pages import SITE

PREFIX = "fragment:"  # keeps parts apart from whole pages in the store


def remember(key: str, depends: tuple[str, ...], render: Callable[[], str]) -> Markup:
    """The HTML `render()` made, from the store while none of `depends` (and `site`) changed.

    `key` names everything the HTML varies with besides those versions (the language, the
    month); `render` must return escaped HTML, such as a template's output."""
    store = store_of(current_app) if has_app_context() else None
    if store is None:
        return Markup(render())
    found = store.lookup(PREFIX + key)
    if found.entry is not None:  # current, or another request is rendering it anew
        return Markup(found.entry.body.decode())
    generation = store.generation()  # before reading anything: a write meanwhile outdates it
    html = str(render())
    if generation is not None:
        depends = (SITE, *depends)
        store.put(PREFIX + key, Entry("200 OK", (), html.encode(), "", generation, depends))
    return Markup(html)
