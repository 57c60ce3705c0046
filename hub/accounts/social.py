"""Social sign-in: which providers are on, how each one's profile is read, and the account
actions (find, register, link, unlink).

Security rules, in one place:
- an identity is (provider, subject); only that pair ever logs someone in;
- an e-mail address from a provider never links to an existing account by itself. A verified one
  that matches asks the person to log in to that account first and link from the settings;
- an e-mail counts as confirmed only where the provider says it is verified;
- an account keeps at least one way to log in (a password or an identity).
"""

import ipaddress
import re
import socket
from dataclasses import asdict, dataclass

import requests
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from hub.accounts import rules
from hub.accounts import service as accounts
from hub.accounts.models import MastodonApp, Role, SocialIdentity, User
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.moderation import guard

# The order of the buttons.
PROVIDERS = ("google", "facebook", "x", "mastodon", "oidc")
LABELS = {
    "google": "Google",
    "facebook": "Facebook",
    "x": "X",
    "mastodon": "Mastodon",
    "oidc": "OpenID Connect",
}
TIMEOUT = 10  # seconds for every call to a provider
_INSTANCE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


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


# --- providers --------------------------------------------------------------------------------


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
        app = mastodon_app(instance or "")
        base = mastodon_base(instance or "")
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


# --- Mastodon: any instance -------------------------------------------------------------------


def normalise_instance(raw: str) -> str:
    """`@anna@Mastodon.Social`, `https://mastodon.social/` -> `mastodon.social`. Raises: Invalid."""
    text = (raw or "").strip().lower()
    text = re.sub(r"^https?://", "", text).split("/")[0]
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    if not _INSTANCE.fullmatch(text) and not current_app.config.get("OAUTH_MASTODON_INSECURE"):
        raise Invalid(
            _("Enter the address of your Mastodon server, like mastodon.social."),
            {"instance": _("Enter the address of your Mastodon server, like mastodon.social.")},
        )
    return text


def mastodon_base(instance: str) -> str:
    # Tests point at a fake on http://127.0.0.1:port; real instances are always https.
    scheme = "http" if current_app.config.get("OAUTH_MASTODON_INSECURE") else "https"
    return f"{scheme}://{instance}"


def check_public_instance(instance: str) -> None:
    """Refuse a server name that resolves to a private, loopback, link-local or otherwise
    non-public address, so a typed name cannot make the hub call into its own network.
    Loopback is allowed with OAUTH_MASTODON_INSECURE (tests run a fake on 127.0.0.1).
    Raises: Invalid."""
    host, _sep, port = instance.rpartition(":") if instance.count(":") == 1 else (instance, "", "")
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, int(port) if port.isdigit() else 443, proto=6)
    except (OSError, UnicodeError, ValueError):
        infos = []
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        message = _(
            "We could not reach %(instance)s. Check the address and try again.", instance=instance
        )
        raise Invalid(message, {"instance": _("Not reachable.")})
    allow_loopback = bool(current_app.config.get("OAUTH_MASTODON_INSECURE"))
    if not all(_public(address, allow_loopback) for address in addresses):
        message = _("%(instance)s is not a public Mastodon server.", instance=instance)
        raise Invalid(message, {"instance": message})


def _public(address, allow_loopback: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return allow_loopback
    return address.is_global and not address.is_multicast


def mastodon_app(instance: str) -> MastodonApp:
    """This hub's app at `instance`, registered there on first use; the name is checked to be a
    public server every time, as its address may have changed. Raises: Invalid."""
    check_public_instance(instance)
    app = db.session.scalar(select(MastodonApp).where(MastodonApp.instance == instance))
    if app is not None:
        return app
    try:
        response = requests.post(
            f"{mastodon_base(instance)}/api/v1/apps",
            data={
                "client_name": current_app.config["SITE_NAME"],
                "redirect_uris": url_for("social.callback", provider="mastodon", _external=True),
                "scopes": "read:accounts",
                "website": current_app.config["BASE_URL"],
            },
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        data = response.json()
        app = MastodonApp(
            instance=instance, client_id=data["client_id"], client_secret=data["client_secret"]
        )
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise Invalid(
            _(
                "We could not reach %(instance)s. Check the address and try again.",
                instance=instance,
            ),
            {"instance": _("Not reachable.")},
        ) from exc
    db.session.add(app)
    db.session.commit()
    return app


# --- accounts ---------------------------------------------------------------------------------


def user_for_identity(profile: Profile) -> User | None:
    """The hub user this exact provider account is linked to, if any."""
    identity = db.session.scalar(
        select(SocialIdentity).where(
            SocialIdentity.provider == profile.provider,
            SocialIdentity.subject == profile.subject,
        )
    )
    return identity.user if identity else None


def account_with_verified_email(profile: Profile) -> User | None:
    """An existing account with the provider's *verified* address: the person should log in to
    it and link from the settings. An unverified address is never looked up."""
    if not (profile.email_verified and profile.email):
        return None
    return db.session.scalar(select(User).where(User.email_key == profile.email.lower()))


def register_with_identity(
    profile: Profile,
    username: str,
    email: str,
    accepted_terms: bool,
    *,
    locale: str | None = None,
    ip: str | None = None,
) -> User:
    """Create an account without a password, linked to the provider account.

    The address is confirmed only if it is the one the provider says is verified; any other
    address gets the confirmation mail. Raises: Invalid, Conflict, TooMany.
    """
    username, email = (username or "").strip(), (email or "").strip()
    if user_for_identity(profile) is not None:
        raise Conflict(_("This account is already linked. Log in with it."), {})
    problems: dict[str, str] = {}
    if problem := rules.username_problem(username):
        problems["username"] = problem
    email_issue, email = rules.email_problem(email)
    if email_issue:
        problems["email"] = email_issue
    if not accepted_terms:
        problems["accept_terms"] = _("Please accept the community terms to join.")
    if problems:
        raise Invalid(_("Please correct the marked fields."), problems)
    taken: dict[str, str] = {}
    if db.session.scalar(select(User.id).where(User.username_key == username.lower())):
        taken["username"] = _("This username is taken.")
    if db.session.scalar(select(User.id).where(User.email_key == email.lower())):
        # Never linked by address: the owner links from the settings after logging in.
        taken["email"] = _(
            "An account with this e-mail address exists. Log in to it and link %(provider)s "
            "in the settings, or use another address.",
            provider=label(profile.provider),
        )
    if taken:
        raise Conflict(_("Name or address already in use."), taken)
    confirmed = profile.email_verified and email.lower() == profile.email.lower()
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        email_key=email.lower(),
        password_hash=None,
        role=Role.MEMBER.value,
        locale=locale,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    db.session.add(user)
    db.session.flush()
    guard.check_registration(ip)
    db.session.add(_identity(user, profile))
    if not confirmed:
        accounts.resend_confirmation(user)  # queues the mail and commits
    db.session.commit()
    events.user_registered.send(user)
    return user


def _identity(user: User, profile: Profile) -> SocialIdentity:
    return SocialIdentity(
        user_id=user.id,
        provider=profile.provider,
        subject=profile.subject,
        email=profile.email[:254],
        email_verified=profile.email_verified,
    )


def link_identity(user: User, profile: Profile) -> SocialIdentity:
    """Link a provider account to the logged-in user. Raises: Conflict (linked elsewhere)."""
    owner = user_for_identity(profile)
    if owner is not None:
        if owner.id == user.id:
            raise Conflict(_("This account is already linked to yours."), {})
        raise Conflict(_("This account is linked to another member of the community."), {})
    identity = _identity(user, profile)
    db.session.add(identity)
    if (
        user.email_confirmed_at is None
        and profile.email_verified
        and profile.email.lower() == user.email_key
    ):
        user.email_confirmed_at = utcnow()  # the provider vouches for the same address
    db.session.commit()
    return identity


def identities(user: User) -> list[SocialIdentity]:
    return list(
        db.session.scalars(
            select(SocialIdentity)
            .where(SocialIdentity.user_id == user.id)
            .order_by(SocialIdentity.created_at, SocialIdentity.id)
        )
    )


def unlink_identity(user: User, identity_id: int) -> None:
    """Remove a linked provider account, unless it is the last way to log in.

    Raises: NotFound (not this user's), Conflict (the last way in).
    """
    identity = db.session.get(SocialIdentity, identity_id)
    if identity is None or identity.user_id != user.id:
        raise NotFound(_("This linked account does not exist."))
    count = db.session.scalar(
        select(func.count(SocialIdentity.id)).where(SocialIdentity.user_id == user.id)
    )
    if not user.password_hash and count <= 1:
        raise Conflict(
            _(
                "This is your only way to log in. Link another account first, or set a "
                "password with “Forgot your password?”."
            ),
            {},
        )
    db.session.delete(identity)
    db.session.commit()
