"""The anonymous-page cache: visitors' pages served from memory or Redis without running Flask.

`middleware` answers visitors' GETs of the pages in `pages.PAGES`; the app offers a rendered
page with `offer` (an after-request hook) when it is the same for every visitor; `invalidation`
outdates pages after every commit that changes what they show. The README has the settings.
"""

from flask import Flask, g, request, session
from flask_login import current_user


def init_app(app: Flask) -> None:
    """Put the cache in front of the app (after every other WSGI middleware), if it is on."""
    if app.config["PAGE_CACHE"] != "on":
        return
    from hub.pagecache import invalidation, middleware
    from hub.referrals import arrival

    store = _open_store(app)
    app.extensions["pagecache"] = store
    app.after_request(offer)
    invalidation.listen()
    app.wsgi_app = middleware.PageCache(
        app.wsgi_app,
        store,
        url_map=app.url_map,
        server_name=app.config.get("SERVER_NAME"),
        private_cookies=(app.config["SESSION_COOKIE_NAME"], _remember_cookie(app)),
        languages=app.config["LANGUAGES"],
        on_view=_view_counter(app),
        variant=arrival.banner_code,
    )


def offer(response):
    """Tell the middleware that this page may be stored, and what it depends on: only a 200
    HTML page of a cached endpoint, for a visitor, with no CSRF token and no flash in it."""
    from hub.core import security_headers
    from hub.pagecache import middleware, pages

    candidate = request.environ.get(middleware.CANDIDATE)
    if candidate is None or not _same_for_every_visitor(response):
        return response
    args = request.view_args or {}
    depends = pages.dependencies(request.endpoint, args)
    if depends is not None:
        candidate.depends = depends
        candidate.nonce = security_headers.csp_nonce()
        candidate.counts_view = pages.counted_topic(request.endpoint, args)
    return response


def _same_for_every_visitor(response) -> bool:
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
        and not current_user.is_authenticated
        and "csrf_token" not in g  # a form's token belongs to one session
        and "_flashes" not in session
    )


def _open_store(app: Flask):
    from hub.pagecache.local import LocalStore
    from hub.pagecache.shared import RedisStore

    config = app.config
    url = config["PAGE_CACHE_REDIS_URL"] or config["REDIS_URL"]
    if url:
        return RedisStore(url, config["PAGE_CACHE_PREFIX"], config["PAGE_CACHE_SHARED_SECONDS"])
    return LocalStore(config["PAGE_CACHE_MB"] * 1024 * 1024, config["PAGE_CACHE_LOCAL_SECONDS"])


def _remember_cookie(app: Flask) -> str:
    from flask_login.config import COOKIE_NAME

    return app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)


def _view_counter(app: Flask):
    from hub.forums import viewcounts

    def count(topic_id: int) -> None:
        viewcounts.record(topic_id)
        viewcounts.start_once(app)  # a process that only served hits has not started it yet

    return count
