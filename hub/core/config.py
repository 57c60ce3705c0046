"""Every setting of the hub, read from HUB_* environment variables, each with a working default.

`SETTINGS` is the single list: `load()` reads it and the README's configuration table mirrors it
(a test keeps the two in step).
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from limits import parse_many


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message says which and what to do."""


def rate_limits(raw: str) -> str:
    """Limits such as `6 per minute;30 per hour`, checked at start rather than at a login."""
    parse_many(raw)  # raises ValueError
    return raw


@dataclass(frozen=True)
class Setting:
    env: str  # environment variable
    key: str  # Flask config key
    default: Any
    doc: str
    kind: type = str


SETTINGS = [
    Setting(
        "HUB_ENV",
        "HUB_ENV",
        "development",
        "`development` or `production` (production refuses to start without a secret key)",
    ),
    Setting(
        "HUB_SECRET_KEY",
        "SECRET_KEY",
        None,
        "signs sessions and links; in development generated once into the instance folder",
    ),
    Setting(
        "HUB_INSTANCE_PATH",
        "INSTANCE_PATH",
        "./instance",
        "everything the hub writes: SQLite file, search index, uploads, mail files",
    ),
    Setting(
        "HUB_DATABASE_URL",
        "SQLALCHEMY_DATABASE_URI",
        None,
        "SQLAlchemy URL; default `sqlite:///<instance>/hub.db`",
    ),
    Setting(
        "HUB_REDIS_URL",
        "REDIS_URL",
        "",
        "Redis for Socket.IO across processes and shared rate limits; unset: in-process",
    ),
    Setting(
        "HUB_SEARCH_BACKEND",
        "SEARCH_BACKEND",
        "whoosh",
        "`whoosh` (index in the instance folder) or `postgres`",
    ),
    Setting(
        "HUB_BASE_URL",
        "BASE_URL",
        "http://127.0.0.1:5000",
        "the public address of the hub, used in mails, links and allowed Socket.IO origins",
    ),
    Setting(
        "HUB_SITE_NAME",
        "SITE_NAME",
        "Nabe",
        "the community's name in the header, mails and page titles",
    ),
    Setting(
        "HUB_WORKER",
        "WORKER",
        "thread",
        "`thread`: a job worker inside the web process; `off`: run `flask --app wsgi worker`",
    ),
    Setting("HUB_JOB_MAX_ATTEMPTS", "JOB_MAX_ATTEMPTS", 8, "attempts before a job is dead", int),
    Setting(
        "HUB_JOB_KEEP_DAYS",
        "JOB_KEEP_DAYS",
        30,
        "finished jobs are deleted after this many days (dead ones stay for admins)",
        int,
    ),
    Setting(
        "HUB_JOB_LEASE_SECONDS",
        "JOB_LEASE_SECONDS",
        300,
        "a running job not finished after this is taken again",
        int,
    ),
    Setting(
        "HUB_MAIL_SERVER",
        "MAIL_SERVER",
        "",
        "SMTP host; unset: mails are written to `<instance>/mail/` as .eml files",
    ),
    Setting("HUB_MAIL_PORT", "MAIL_PORT", 587, "SMTP port", int),
    Setting("HUB_MAIL_USERNAME", "MAIL_USERNAME", "", "SMTP login"),
    Setting("HUB_MAIL_PASSWORD", "MAIL_PASSWORD", "", "SMTP password"),
    Setting("HUB_MAIL_TLS", "MAIL_TLS", "starttls", "`starttls`, `ssl` or `none`"),
    Setting("HUB_MAIL_FROM", "MAIL_FROM", "Nabe <noreply@localhost>", "sender of every mail"),
    Setting(
        "HUB_PROXIES",
        "PROXIES",
        0,
        "reverse proxies in front that set X-Forwarded-For/-Proto (nginx as in the README: 1);"
        " 0 believes no such header",
        int,
    ),
    Setting(
        "HUB_LOGIN_LIMITS",
        "LOGIN_LIMITS",
        "6 per minute;30 per hour",
        "login attempts per account (form and API tokens together), from any address",
        rate_limits,
    ),
    Setting(
        "HUB_LOGIN_IP_LIMITS",
        "LOGIN_IP_LIMITS",
        "60 per minute;600 per hour",
        "login attempts per IP address; looser, as many customers may share one address (NAT)",
        rate_limits,
    ),
    Setting(
        "HUB_API_MAX_BODY",
        "API_MAX_BODY",
        256 * 1024,
        "largest JSON body the API accepts, in bytes",
        int,
    ),
    Setting("HUB_LANGUAGES", "LANGUAGES", "en,de", "UI languages, the first is the default"),
    Setting(
        "HUB_PAGE_CACHE",
        "PAGE_CACHE",
        "on",
        "`on`: visitors' pages are served from a cache (in-process, or Redis with "
        "`HUB_REDIS_URL`); `off`: every page is rendered",
    ),
    Setting(
        "HUB_PAGE_CACHE_MB",
        "PAGE_CACHE_MB",
        32,
        "memory for cached pages in each process, when there is no Redis",
        int,
    ),
    Setting(
        "HUB_PAGE_CACHE_LOCAL_SECONDS",
        "PAGE_CACHE_LOCAL_SECONDS",
        1.0,
        "how long a page stays in a process's own cache: the most another process's writes "
        "lag behind for its visitors",
        float,
    ),
    Setting(
        "HUB_PAGE_CACHE_SHARED_SECONDS",
        "PAGE_CACHE_SHARED_SECONDS",
        60.0,
        "how long a page stays in Redis (writes show at once; this bounds how old a "
        '"5 minutes ago" gets)',
        float,
    ),
    Setting(
        "HUB_PAGE_CACHE_REDIS_URL",
        "PAGE_CACHE_REDIS_URL",
        "",
        "Redis for the page cache, if not the one of `HUB_REDIS_URL`; unset: that one",
    ),
    Setting(
        "HUB_PAGE_CACHE_PREFIX",
        "PAGE_CACHE_PREFIX",
        "nabe:pages",
        "prefix of the page cache's keys in Redis, one per site sharing a Redis",
    ),
    Setting(
        "HUB_ROBOTS",
        "ROBOTS",
        "index",
        "`index`: robots.txt lets search engines crawl the public pages and names the sitemap;"
        " `none`: it keeps every crawler out (a staging install)",
    ),
    Setting(
        "HUB_SPOKE_FACEBOOK_API",
        "SPOKE_FACEBOOK_API",
        "https://graph.facebook.com",
        "base URL of the Facebook Graph API that cross-posts go to",
    ),
    Setting(
        "HUB_SPOKE_FACEBOOK_AUTHORIZE_URL",
        "SPOKE_FACEBOOK_AUTHORIZE_URL",
        "https://www.facebook.com/v25.0/dialog/oauth",
        "the Facebook Login dialog where admins choose the pages the hub may post to",
    ),
    Setting("HUB_SPOKE_X_API", "SPOKE_X_API", "https://api.x.com", "base URL of the X API v2"),
    Setting(
        "HUB_SPOKE_X_AUTHORIZE_URL",
        "SPOKE_X_AUTHORIZE_URL",
        "https://x.com/i/oauth2/authorize",
        "where admins allow the hub to post as an X account (OAuth 2.0)",
    ),
    Setting(
        "HUB_SPOKE_TOKEN_KEY",
        "SPOKE_TOKEN_KEY",
        "",
        "Fernet keys (comma-separated; the first encrypts) for the spoke accounts' tokens; "
        "unset: derived from `HUB_SECRET_KEY`",
    ),
    Setting(
        "HUB_OAUTH_GOOGLE_ID",
        "OAUTH_GOOGLE_ID",
        "",
        "Google sign-in client id; with the secret, shows the button",
    ),
    Setting("HUB_OAUTH_GOOGLE_SECRET", "OAUTH_GOOGLE_SECRET", "", "Google sign-in client secret"),
    Setting(
        "HUB_OAUTH_FACEBOOK_ID",
        "OAUTH_FACEBOOK_ID",
        "",
        "Facebook Login app id; with the secret, shows the button",
    ),
    Setting("HUB_OAUTH_FACEBOOK_SECRET", "OAUTH_FACEBOOK_SECRET", "", "Facebook Login app secret"),
    Setting(
        "HUB_OAUTH_X_ID",
        "OAUTH_X_ID",
        "",
        "X (OAuth 2.0) client id; with the secret, shows the button",
    ),
    Setting("HUB_OAUTH_X_SECRET", "OAUTH_X_SECRET", "", "X (OAuth 2.0) client secret"),
    Setting(
        "HUB_OAUTH_OIDC_ID",
        "OAUTH_OIDC_ID",
        "",
        "generic OpenID Connect client id; with the secret and URL, shows the button",
    ),
    Setting(
        "HUB_OAUTH_OIDC_SECRET", "OAUTH_OIDC_SECRET", "", "generic OpenID Connect client secret"
    ),
    Setting(
        "HUB_OAUTH_OIDC_URL",
        "OAUTH_OIDC_URL",
        "",
        "the provider's discovery URL (`.../.well-known/openid-configuration`)",
    ),
]


def load(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Read every setting from the environment into a Flask config mapping."""
    environ = os.environ if environ is None else environ
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is None or raw == "":
            config[setting.key] = setting.default
            continue
        try:
            config[setting.key] = setting.kind(raw)
        except ValueError as exc:
            raise ConfigError(
                f"{setting.env}={raw!r} is not a valid {setting.kind.__name__}"
            ) from exc
    config["INSTANCE_PATH"] = str(Path(config["INSTANCE_PATH"]).resolve())
    return config


def finish(config: dict[str, Any]) -> None:
    """Fill in the settings whose defaults depend on others, and check what production needs."""
    instance = Path(config["INSTANCE_PATH"])
    instance.mkdir(parents=True, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'hub.db'}"
    if not config.get("SECRET_KEY"):
        if config["HUB_ENV"] == "production":
            raise ConfigError(
                "HUB_SECRET_KEY must be set in production (e.g. `openssl rand -hex 32`)."
            )
        config["SECRET_KEY"] = _development_secret(instance)
    if isinstance(config["LANGUAGES"], str):
        config["LANGUAGES"] = [
            code.strip() for code in config["LANGUAGES"].split(",") if code.strip()
        ]
    if config["PAGE_CACHE"] not in ("on", "off"):
        raise ConfigError(f"HUB_PAGE_CACHE={config['PAGE_CACHE']!r}: use `on` or `off`.")
    if config["ROBOTS"] not in ("index", "none"):
        raise ConfigError(f"HUB_ROBOTS={config['ROBOTS']!r}: use `index` or `none`.")
    config.setdefault("SESSION_COOKIE_SECURE", config["BASE_URL"].startswith("https://"))
    config.setdefault("REMEMBER_COOKIE_SECURE", config["SESSION_COOKIE_SECURE"])


def _development_secret(instance: Path) -> str:
    """Generate a secret once and keep it, so sessions survive a restart of the dev server."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


# Fixed Flask settings: cookie hardening and library switches that are not for operators to change.
FIXED = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "BABEL_TRANSLATION_DIRECTORIES": "translations",
    "RATELIMIT_HEADERS_ENABLED": True,
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "JSON_SORT_KEYS": False,
    "PASSWORD_HASH_METHOD": "scrypt",  # memory-hard; Werkzeug's default cost (n=32768, r=8, p=1)
}
