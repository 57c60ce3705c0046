"""Which language a page is shown in: the member's choice, the browser's cookie, or the
browser's Accept-Language."""

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations
from flask_login import current_user
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
# A visitor's choice lives in a cookie of its own, not in the session: a visitor without a
# session can be served a cached page (hub.pagecache), in the language this cookie names.
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_DAYS = 365


def visitor_language(chosen: str | None, accept_language: str | None, languages) -> str:
    """A visitor's language: the one they chose (cookie), else the browser's best match, else
    the first. The page cache keys its pages with the same answer."""
    if chosen in languages:
        return chosen
    match = parse_accept_header(accept_language, LanguageAccept).best_match(languages)
    return match or languages[0]


def chosen_language() -> str | None:
    """The language this browser picked with the switch, if it is one we offer."""
    code = request.cookies.get(LANGUAGE_COOKIE)
    return code if code in current_app.config["LANGUAGES"] else None


def remember_language(response, code: str):
    """Keep the browser's choice of language in its cookie; returns the response."""
    config = current_app.config
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_DAYS * 24 * 3600,
        secure=config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and worker: mails choose their language themselves
        return languages[0]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return visitor_language(
        request.cookies.get(LANGUAGE_COOKIE), request.headers.get("Accept-Language"), languages
    )


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


def timeago(value) -> str:
    """How long ago, in the page's language ("3 hours ago").

    Babel's words depend only on the language, the direction, the unit it picks and the
    rounded number (`_unit_and_number` picks them as it does), so each such phrase is made
    once per process: a list page asks for 30 of them."""
    from flask_babel import format_timedelta

    from hub.core.columns import utcnow

    delta = value - utcnow()
    seconds = delta.total_seconds()
    key = (get_locale(), seconds >= 0, *_unit_and_number(seconds))
    phrase = _AGO_PHRASES.get(key)
    if phrase is None:
        phrase = format_timedelta(delta, add_direction=True, threshold=1.0)
        if len(_AGO_PHRASES) < 10_000:  # a few hundred in practice: languages × units × numbers
            _AGO_PHRASES[key] = phrase
    return phrase


_AGO_PHRASES: dict[tuple, str] = {}


def _unit_and_number(seconds: float) -> tuple[str, int]:
    """The unit and rounded number babel.dates.format_timedelta shows (threshold 1, down to
    seconds)."""
    from babel.dates import TIMEDELTA_UNITS

    for unit, per_unit in TIMEDELTA_UNITS:
        value = abs(seconds) / per_unit
        if value >= 1.0 or unit == "second":
            if unit == "second" and value > 0:
                value = max(1, value)
            return unit, round(value)
    raise AssertionError("babel's units end with seconds")


def init_filters(app: Flask) -> None:
    from flask_babel import format_date, format_datetime

    from hub.core.columns import utcnow

    app.jinja_env.filters["timeago"] = timeago
    app.jinja_env.filters["datetimeformat"] = lambda value, fmt="medium": format_datetime(
        value, fmt
    )
    app.jinja_env.filters["dateformat"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.globals["now"] = utcnow
