"""The WSGI middleware in front of Flask that answers visitors from the page cache.

A hit never reaches Flask: no request context, session, login, Babel or template. What it
costs is a URL match, a look at the cookies, a dictionary (or Redis) lookup and a fresh CSP
nonce swapped into the stored bytes. Everything else (members, forms, other pages) passes
through untouched.
"""

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_cookie
from werkzeug.routing import Map

from hub.core.i18n import LANGUAGE_COOKIE, visitor_language
from hub.pagecache.entry import Entry
from hub.pagecache.pages import PAGES

CANDIDATE = "hub.pagecache"  # environ key: this request's page may be stored (see `offer`)
MAX_REMEMBERED = 10_000  # addresses and Accept-Language values remembered with their answer


@dataclass
class Candidate:
    """What the app says about a page it rendered for a candidate request (`offer`)."""

    depends: tuple[str, ...] | None = None  # None: not to be stored
    nonce: str = ""
    counts_view: int | None = None


class PageCache:
    """Visitors' GETs of the pages in `pages.PAGES`, keyed by scheme, host, path, query and
    language, are answered from `store`; other requests go to the app as they are.

    A request is a visitor's when it has no session or remember cookie and no Authorization
    header. `variant` names what else in the cookies changes the page for everyone who has it
    (the welcome banner of a `/go/` arrival); it becomes part of the key.

    On a miss the app renders the page and, if it offered it (no form, no flash, no
    cookie set), the response is stored exactly as sent, with its CSP nonce noted.
    """

    def __init__(
        self,
        app: Callable,
        store,
        *,
        url_map: Map,
        server_name: str | None,
        private_cookies: tuple[str, ...],
        languages: list[str],
        on_view: Callable[[int], None],
        variant: Callable[[dict], str | None] = lambda cookies: None,
    ):
        self.app, self.store = app, store
        self.url_map, self.server_name = url_map, server_name
        self.private_cookies = private_cookies
        self.variant = variant
        self.languages = languages
        self.on_view = on_view
        self._language_of: dict[str | None, str] = {}
        self._page_of: dict[tuple[str, str], bool] = {}

    def __call__(self, environ, start_response):
        key = self.key(environ)
        if key is None:
            return self.app(environ, start_response)
        found = self.store.lookup(key)
        if found.entry is not None:
            return self._serve(found.entry, found.state, start_response)
        return self._render(key, found.state, environ, start_response)

    def key(self, environ) -> str | None:
        """The cache key of a visitor's GET of a cached page; None for anything else."""
        if environ["REQUEST_METHOD"] != "GET" or "HTTP_AUTHORIZATION" in environ:
            return None
        chosen = variant = None
        if cookie_header := environ.get("HTTP_COOKIE"):
            cookies = parse_cookie(cookie_header)
            if any(name in cookies for name in self.private_cookies):
                return None
            chosen, variant = cookies.get(LANGUAGE_COOKIE), self.variant(cookies)
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if not self._cached_page(host, path, environ):
            return None
        language = self._language(chosen, environ.get("HTTP_ACCEPT_LANGUAGE"))
        query = environ.get("QUERY_STRING", "")
        key = f"{environ['wsgi.url_scheme']}://{host}{path}?{query} {language}"
        return f"{key} {variant}" if variant else key

    def _cached_page(self, host: str, path: str, environ) -> bool:
        """Whether the address is one of `PAGES`; the URL match is remembered per address (it
        is most of what a hit would cost)."""
        known = self._page_of.get((host, path))
        if known is None:
            if len(self._page_of) >= MAX_REMEMBERED:
                self._page_of.clear()
            known = self._page_of[host, path] = self._endpoint(environ) in PAGES
        return known

    def _endpoint(self, environ) -> str | None:
        try:
            adapter = self.url_map.bind_to_environ(environ, server_name=self.server_name)
            endpoint, _ = adapter.match()
        except HTTPException:  # not found, another method, or a redirect (e.g. a slash)
            return None
        return endpoint

    def _language(self, chosen: str | None, accept: str | None) -> str:
        if chosen in self.languages:
            return chosen
        language = self._language_of.get(accept)
        if language is None:
            if len(self._language_of) >= MAX_REMEMBERED:
                self._language_of.clear()
            language = self._language_of[accept] = visitor_language(None, accept, self.languages)
        return language

    def _serve(self, entry: Entry, how: str, start_response):
        status, headers, body = entry.serve(how)
        start_response(status, headers)
        if entry.counts_view is not None:
            self.on_view(entry.counts_view)
        return [body]

    def _render(self, key: str, state: str, environ, start_response):
        generation = self.store.generation()  # before the app reads anything
        if generation is None:  # the store is out of order: render as if there were none
            return self.app(environ, start_response)
        candidate = environ[CANDIDATE] = Candidate()
        kept: list = []

        def keep_or_pass(status, headers, exc_info=None):
            if _storable(candidate, status, headers):
                kept[:] = [status, headers]
                return _no_write
            if state == "refresh":  # the page is no longer what was stored: drop the copy
                self.store.discard(key)
            return start_response(status, [*headers, ("X-Cache", "pass")], exc_info)

        body = self.app(environ, keep_or_pass)
        if not kept:
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        status, headers = kept
        entry = Entry(
            status=status,
            headers=tuple(headers),
            body=content,
            nonce=candidate.nonce,
            generation=generation,
            depends=candidate.depends,
            counts_view=candidate.counts_view,
        )
        self.store.put(key, entry)
        start_response(status, [*headers, ("X-Cache", "miss")])
        return [content]


def _storable(candidate: Candidate, status: str, headers) -> bool:
    # A Set-Cookie (a session begun, a flash kept) makes the response this browser's own.
    return (
        candidate.depends is not None
        and status.startswith("200 ")
        and not any(name.lower() == "set-cookie" for name, _ in headers)
    )


def _no_write(data: bytes) -> None:
    raise RuntimeError("the page cache does not support WSGI write(); return the body instead")
