"""Social sign-in providers: which are on and in what order, how each one's OAuth 2 client is
built, and how its answer becomes a Profile.

An e-mail address counts as verified only where the provider says it is.
"""

from dataclasses import asdict, dataclass

from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app
from flask_babel import gettext as _

from hub.accounts import social_mastodon
from hub.core.errors import Invalid, NotFound

# The order of the buttons.
PROVIDERS = ("google", "facebook", "x", "mastodon", "oidc")
LABELS = {
    "google": "Google",
    "facebook": "Facebook",
    "x": "X",
    "mastodon": "Mastodon",
    "oidc": "OpenID Connect",
}


@dataclass
class Profile:
    """What a provider told us about the person, kept in the session until sign-up ends."""

    provider: str
    subject: str
    email: str = ""
    email_verified: bool = False
    username: str = ""  # a suggestion
    name: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def enabled(config=None) -> list[str]:
    """The providers whose credentials are set, in button order. Mastodon needs none."""
    config = config or current_app.config
    on = []
    for name in PROVIDERS:
        if name == "mastodon":
            on.append(name)
        elif name == "oidc":
            keys = ("OAUTH_OIDC_ID", "OAUTH_OIDC_SECRET", "OAUTH_OIDC_URL")
            if all(config.get(key) for key in keys):
                on.append(name)
        elif config.get(f"OAUTH_{name.upper()}_ID") and config.get(f"OAUTH_{name.upper()}_SECRET"):
            on.append(name)
    return on


def label(provider: str) -> str:
    return LABELS.get(provider, provider)


# Where each fixed provider lives. `OAUTH_ENDPOINTS` in the app config (tests only, not an
# environment setting) overrides them per provider, to point at a local fake.
ENDPOINTS = {
    "google": {
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
    },
    "facebook": {
        "authorize_url": "https://www.facebook.com/v19.0/dialog/oauth",
        "access_token_url": "https://graph.facebook.com/v19.0/oauth/access_token",
        "api_base_url": "https://graph.facebook.com/v19.0/",
    },
    "x": {
        "authorize_url": "https://x.com/i/oauth2/authorize",
        "access_token_url": "https://api.x.com/2/oauth2/token",
        "api_base_url": "https://api.x.com/2/",
    },
}


def _endpoints(provider: str) -> dict:
    return {
        **ENDPOINTS[provider],
        **current_app.config.get("OAUTH_ENDPOINTS", {}).get(provider, {}),
    }


def _settings(provider: str, instance: str | None = None) -> dict:
    config = current_app.config
    if provider == "google":
        return {
            "client_id": config["OAUTH_GOOGLE_ID"],
            "client_secret": config["OAUTH_GOOGLE_SECRET"],
            **_endpoints("google"),
            "client_kwargs": {"scope": "openid email profile", "code_challenge_method": "S256"},
        }
    if provider == "oidc":
        return {
            "client_id": config["OAUTH_OIDC_ID"],
            "client_secret": config["OAUTH_OIDC_SECRET"],
            "server_metadata_url": config["OAUTH_OIDC_URL"],
            "client_kwargs": {"scope": "openid email profile", "code_challenge_method": "S256"},
        }
    if provider == "facebook":
        # Facebook's web login has no PKCE; the state parameter protects the callback.
        return {
            "client_id": config["OAUTH_FACEBOOK_ID"],
            "client_secret": config["OAUTH_FACEBOOK_SECRET"],
            **_endpoints("facebook"),
            "client_kwargs": {
                "scope": "public_profile email",
                "token_endpoint_auth_method": "client_secret_post",
            },
        }
    if provider == "x":
        return {
            "client_id": config["OAUTH_X_ID"],
            "client_secret": config["OAUTH_X_SECRET"],
            **_endpoints("x"),
            "client_kwargs": {"scope": "users.read tweet.read", "code_challenge_method": "S256"},
        }
    if provider == "mastodon":
        app = social_mastodon.mastodon_app(instance or "")
        base = social_mastodon.mastodon_base(instance or "")
        return {
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "authorize_url": f"{base}/oauth/authorize",
            "access_token_url": f"{base}/oauth/token",
            "api_base_url": f"{base}/api/v1/",
            "client_kwargs": {
                "scope": "read:accounts",
                "code_challenge_method": "S256",  # Mastodon 4.3+; older servers ignore it
                "token_endpoint_auth_method": "client_secret_post",
            },
        }
    raise NotFound(_("This sign-in provider is not available."))


def client(provider: str, instance: str | None = None) -> FlaskOAuth2App:
    """An authlib Flask OAuth 2 client for one provider, built from the current settings.

    Built per request (not registered once on an `OAuth` registry) because the settings, and for
    Mastodon the instance, may differ between requests. Raises: NotFound (not enabled).
    """
    if provider not in enabled():
        raise NotFound(_("This sign-in provider is not available."))
    # The session key of the state includes the name, so a Mastodon instance gets its own.
    return FlaskOAuth2App(FlaskIntegration(provider), provider, **_settings(provider, instance))


def read_profile(provider: str, oauth: FlaskOAuth2App, token: dict, instance: str = "") -> Profile:
    """Turn the provider's answer into a Profile. For OIDC the id_token's claims (checked by
    authlib: signature, issuer, audience, nonce) give the subject."""
    if provider in ("google", "oidc"):
        claims = dict(token.get("userinfo") or {})
        if not claims.get("sub"):
            raise Invalid(_("The provider did not say who you are."), {})
        if "email" not in claims or "email_verified" not in claims:
            try:
                extra = oauth.userinfo(token=token)
            except Exception:  # userinfo is optional; the id_token is enough
                extra = {}
            if extra.get("sub") == claims["sub"]:
                claims = {**extra, **claims}
        verified = claims.get("email_verified") is True or claims.get("email_verified") == "true"
        return Profile(
            provider,
            str(claims["sub"]),
            email=claims.get("email") or "",
            email_verified=bool(verified and claims.get("email")),
            username=claims.get("preferred_username") or claims.get("nickname") or "",
            name=claims.get("name") or "",
        )
    if provider == "facebook":
        data = oauth.get("me", params={"fields": "id,name,email"}, token=token).json()
        # Facebook does not say whether the address is verified: treat it as unverified.
        return Profile(provider, str(data["id"]), email=data.get("email") or "", name=data["name"])
    if provider == "x":
        data = oauth.get("users/me", token=token).json()["data"]
        return Profile(provider, str(data["id"]), username=data["username"], name=data["name"])
    if provider == "mastodon":
        data = oauth.get("accounts/verify_credentials", token=token).json()
        return Profile(
            provider,
            f"{data['id']}@{instance}",
            username=data.get("username") or "",
            name=data.get("display_name") or "",
        )
    raise NotFound(_("This sign-in provider is not available."))
