"""Which language a page is shown in: the member's choice, the session's, or the browser's."""

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and worker: mails choose their language themselves
        return languages[0]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or languages[0]


def _translations():
    """This request's catalogue, looked up once per locale: Flask-Babel resolves it on every
    call, which costs a list page dozens of lookups. `force_locale` changes `babel_locale`, so
    a mail rendered in another language gets its own catalogue."""
    ctx = g._get_current_object()
    babel_state = getattr(ctx, "_flask_babel", None)  # where Flask-Babel keeps the locale
    locale = getattr(babel_state, "babel_locale", None) or get_locale()
    cached = getattr(ctx, "hub_translations", None)
    if cached is None or cached[0] is not locale:
        cached = ctx.hub_translations = (locale, get_translations())
    return cached[1]


def _install_fast_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
    )


def init_app(app: Flask) -> None:
    init_filters(app)
    _install_fast_gettext(app)

    @app.context_processor
    def language_context():
        return {
            "current_language": str(get_locale()),
            "languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in app.config["LANGUAGES"]],
        }


def _timeago(value) -> str:
    from flask_babel import format_timedelta

    from hub.models import utcnow

    return format_timedelta(value - utcnow(), add_direction=True, threshold=1.0)


def init_filters(app: Flask) -> None:
    from flask_babel import format_date, format_datetime

    from hub.models import utcnow

    app.jinja_env.filters["timeago"] = _timeago
    app.jinja_env.filters["datetimeformat"] = lambda value, fmt="medium": format_datetime(
        value, fmt
    )
    app.jinja_env.filters["dateformat"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.globals["now"] = utcnow
