"""Nabe: the hub of a customer community. `create_app()` builds the Flask app."""

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from hub.core import config as hub_config
from hub.core import transactions
from hub.core.extensions import babel, csrf, db, limiter, login, migrate


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app from HUB_* environment settings, overridden by `config` (used by tests)."""
    settings = hub_config.load()
    settings.update(hub_config.FIXED)
    settings.update(config or {})
    hub_config.finish(settings)

    app = Hub(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=False)
    app.url_map.converters["int"] = DatabaseId
    app.config.update(settings)
    _rate_limit_storage(app)

    _bind_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    _serve_visitors_from_cache(app)
    _trust_proxies(app)  # outermost: the cache keys pages by the scheme it forwards
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind reverse proxies, the client's address and scheme are those they forward: rate
    limits count per customer, not per proxy. With none configured, no such header is believed."""
    count = app.config["PROXIES"]
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


class Hub(Flask):
    """Flask, with every view run again when it lost a database race before committing."""

    def dispatch_request(self):
        return transactions.rerun(super().dispatch_request)


def _rate_limit_storage(app: Flask) -> None:
    """Limits count in Redis when there is one. While Redis is away each process counts in its
    own memory (Flask-Limiter's fallback) instead of failing the request, and looks for Redis
    again every few seconds; a Redis that hangs gives up after a second, not the request."""
    redis_url = app.config["REDIS_URL"]
    app.config["RATELIMIT_STORAGE_URI"] = redis_url or "memory://"
    if redis_url:
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
        app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
        app.config.setdefault(
            "RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1}
        )


class DatabaseId(IntegerConverter):
    """`<int:…>` in every route: ids beyond PostgreSQL's integer range are simply not found
    (404) instead of an error from the database."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _bind_extensions(app: Flask) -> None:
    from hub import model_registry
    from hub.accounts import auth
    from hub.core import i18n, security_headers

    db.init_app(app)
    app.teardown_appcontext(transactions.close_session)  # runs before Flask-SQLAlchemy's
    migrate.init_app(app, db, directory=str(_project_path("migrations")))
    login.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    model_registry.load_all()
    security_headers.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    _template_helpers(app)


def _register_blueprints(app: Flask) -> None:
    from hub import chat, crosspost, faq, legal, notifications, referrals, search, spoke_inbox
    from hub.accounts import social_views as accounts_social_views
    from hub.accounts import views as accounts_views
    from hub.admin import views as admin_views
    from hub.chat import views as chat_views
    from hub.core import error_pages
    from hub.crosspost import links as crosspost_links
    from hub.crosspost import views as crosspost_views
    from hub.faq import views as faq_views
    from hub.feeds import views as feeds_views
    from hub.forums.views import routes as forums_views
    from hub.health import views as health
    from hub.moderation import views as moderation_views
    from hub.notifications import views as notifications_views
    from hub.realtime import rooms as realtime
    from hub.referrals import views as referrals_views
    from hub.search import views as search_views
    from hub.spoke_inbox import views as spoke_inbox_views
    from hub.walls import views as walls_views

    app.register_blueprint(forums_views.bp)
    app.register_blueprint(accounts_views.bp)
    app.register_blueprint(accounts_social_views.bp)
    app.register_blueprint(admin_views.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(notifications_views.bp)
    app.register_blueprint(moderation_views.bp)
    app.register_blueprint(faq_views.bp)
    app.register_blueprint(search_views.bp)
    app.register_blueprint(crosspost_views.bp)
    app.register_blueprint(crosspost_links.bp)
    app.register_blueprint(referrals_views.bp)
    app.register_blueprint(spoke_inbox_views.bp)
    app.register_blueprint(chat_views.bp)
    app.register_blueprint(walls_views.bp)
    app.register_blueprint(feeds_views.bp)
    _register_api(app)
    error_pages.init_app(app)
    realtime.init_app(app)
    chat.init_app(app)
    notifications.init_app(app)
    faq.init_app(app)
    search.init_app(app)
    crosspost.init_app(app)
    referrals.init_app(app)
    spoke_inbox.init_app(app)
    legal.init_app(app)

    from hub.forums import viewcounts
    from hub.outbox import housekeeping, worker_thread

    worker_thread.init_app(app)
    housekeeping.init_app(app)
    viewcounts.init_app(app)


def _register_api(app: Flask) -> None:
    """/api/v1: each feature's own blueprint (made by `hub.api.blueprints.api_blueprint`, which
    gives it the token auth and the CSRF exemption), and the OpenAPI document of them all."""
    from hub.accounts import api as accounts_api
    from hub.admin import categories_api as admin_categories_api
    from hub.admin import members_api as admin_members_api
    from hub.api import openapi
    from hub.chat import api as chat_api
    from hub.crosspost import api as crosspost_api
    from hub.faq import api as faq_api
    from hub.forums.api import answers as forums_answers_api
    from hub.forums.api import posts as forums_posts_api
    from hub.forums.api import topics as forums_topics_api
    from hub.moderation import api as moderation_api
    from hub.notifications import api as notifications_api
    from hub.search import api as search_api
    from hub.walls import api as walls_api

    app.register_blueprint(openapi.bp)
    for feature_api in (
        accounts_api,
        admin_categories_api,
        admin_members_api,
        chat_api,
        crosspost_api,
        faq_api,
        forums_topics_api,
        forums_posts_api,
        forums_answers_api,
        moderation_api,
        notifications_api,
        search_api,
        walls_api,
    ):
        app.register_blueprint(feature_api.bp)


def _template_helpers(app: Flask) -> None:
    from flask_login import current_user

    from hub import permissions
    from hub.core import url_patterns

    url_patterns.init_app(app)

    @app.context_processor
    def permission_helper():
        user = current_user._get_current_object()  # once per render, not once per question
        return {"can": lambda name, *args: permissions.can(name, user, *args)}


def _serve_visitors_from_cache(app: Flask) -> None:
    from hub import pagecache

    pagecache.init_app(app)  # after the blueprints: a hit must meet no other middleware


def _register_cli(app: Flask) -> None:
    from hub import cli

    cli.init_app(app)


def _project_path(name: str):
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / name
