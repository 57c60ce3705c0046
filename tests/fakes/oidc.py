"""A fake OpenID Connect provider on loopback: discovery, authorize (redirects straight back
with a code, as if the person had agreed), token (an RS256-signed id_token), userinfo and JWKS.

Scriptable: `fake.person` is who signs in (change `email_verified`, `sub`, ...), and
`fake.mismatch_nonce` makes the id_token carry another nonce. PKCE (S256) is checked when the
client sent a challenge.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import time
from typing import Any
from urllib.parse import unquote, urlencode

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from tests.fakes.server import FakeServer, Reply, Request, route

# One key for the whole test run: generating RSA keys is slow.
_KEY = RSAKey.generate_key(2048, parameters={"kid": "fake-oidc-1", "use": "sig"}, private=True)


class FakeOIDC(FakeServer):
    def __init__(self, *, client_id: str = "hub-client", client_secret: str = "hub-secret"):
        super().__init__()
        self.client_id = client_id
        self.client_secret = client_secret
        self.person: dict[str, Any] = {
            "sub": "oidc-user-1",
            "email": "newcomer@example.org",
            "email_verified": True,
            "preferred_username": "newcomer",
            "name": "New Comer",
        }
        self.mismatch_nonce = False
        self.grants: dict[str, dict[str, Any]] = {}  # code -> what the authorize step saw
        self.tokens: dict[str, dict[str, Any]] = {}  # access token -> claims
        self._ids = itertools.count(1)

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    # Endpoints ---------------------------------------------------------------------------

    @route("GET", r"/\.well-known/openid-configuration", scripted=False)
    def discovery(self, request: Request) -> Reply:
        return Reply(
            200,
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
                "scopes_supported": ["openid", "email", "profile"],
            },
        )

    @route("GET", r"/jwks", scripted=False)
    def jwks(self, request: Request) -> Reply:
        return Reply(200, KeySet([_KEY]).as_dict(private=False))

    @route("GET", r"/authorize")
    def authorize(self, request: Request) -> Reply:
        q = request.query
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return Reply(400, {"error": "invalid_request"})
        code = f"code-{next(self._ids)}"
        self.grants[code] = {
            "redirect_uri": q.get("redirect_uri"),
            "nonce": q.get("nonce"),
            "challenge": q.get("code_challenge"),
            "method": q.get("code_challenge_method"),
            "scope": q.get("scope", ""),
            "person": dict(self.person),
        }
        target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q.get("state", "")})
        return Reply(302, headers={"Location": target})

    @route("POST", r"/token")
    def token(self, request: Request) -> Reply:
        form = request.form()
        client_id, client_secret = self._client_credentials(request, form)
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return Reply(401, {"error": "invalid_client"})
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return Reply(400, {"error": "invalid_grant"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if digest.decode() != grant["challenge"]:
                return Reply(400, {"error": "invalid_grant", "error_description": "PKCE"})
        now = int(time.time())
        claims = {
            **grant["person"],
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": "someone-else" if self.mismatch_nonce else grant["nonce"],
        }
        id_token = jwt.encode({"alg": "RS256", "kid": "fake-oidc-1"}, claims, _KEY)
        access = f"access-{next(self._ids)}"
        self.tokens[access] = grant["person"]
        return Reply(
            200,
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
                "scope": grant["scope"],
            },
        )

    @route("GET", r"/userinfo")
    def userinfo(self, request: Request) -> Reply:
        person = self.tokens.get(request.bearer_token() or "")
        if person is None:
            return Reply(401, {"error": "invalid_token"})
        return Reply(200, person)

    # The same people, as Facebook's Graph API and X's API v2 describe them: the fake also
    # stands in for those two (their token endpoints are plain OAuth 2, without id_token use).

    @route("GET", r"/graph/me")
    def facebook_me(self, request: Request) -> Reply:
        person = self.tokens.get(request.bearer_token() or "")
        if person is None:
            return Reply(401, {"error": {"code": 190, "type": "OAuthException"}})
        return Reply(200, {"id": person["sub"], "name": person["name"], "email": person["email"]})

    @route("GET", r"/x/users/me")
    def x_me(self, request: Request) -> Reply:
        person = self.tokens.get(request.bearer_token() or "")
        if person is None:
            return Reply(401, {"title": "Unauthorized", "status": 401})
        return Reply(
            200,
            {
                "data": {
                    "id": person["sub"],
                    "name": person["name"],
                    "username": person["preferred_username"],
                }
            },
        )

    def endpoints(self) -> dict[str, dict[str, str]]:
        """`OAUTH_ENDPOINTS` for the app config: Google, Facebook and X all pointing here."""
        return {
            "google": {"server_metadata_url": self.discovery_url},
            "facebook": {
                "authorize_url": f"{self.url}/authorize",
                "access_token_url": f"{self.url}/token",
                "api_base_url": f"{self.url}/graph/",
            },
            "x": {
                "authorize_url": f"{self.url}/authorize",
                "access_token_url": f"{self.url}/token",
                "api_base_url": f"{self.url}/x/",
            },
        }

    @staticmethod
    def _client_credentials(request: Request, form: dict[str, Any]) -> tuple[str, str]:
        scheme, _, value = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() == "basic":
            user, _, password = base64.b64decode(value).decode().partition(":")
            return unquote(user), unquote(password)
        return form.get("client_id", ""), form.get("client_secret", "")


class FakeMastodonSignIn(FakeServer):
    """A Mastodon instance as far as sign-in goes: app registration (`POST /api/v1/apps`),
    authorize (redirects straight back with a code), token (client_secret_post, PKCE S256) and
    `verify_credentials`. No e-mail: Mastodon never shares one."""

    def __init__(self) -> None:
        super().__init__()
        self.apps: dict[str, dict[str, Any]] = {}  # client_id -> registration
        self.account: dict[str, Any] = {"id": "1090", "username": "toot_fan", "display_name": "T"}
        self.grants: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)

    @property
    def instance(self) -> str:
        return self.url.removeprefix("http://")

    @route("POST", r"/api/v1/apps")
    def register_app(self, request: Request) -> Reply:
        form = request.form()
        n = next(self._ids)
        app = {
            "client_id": f"masto-client-{n}",
            "client_secret": f"masto-secret-{n}",
            "redirect_uri": form.get("redirect_uris"),
            "scopes": form.get("scopes"),
        }
        self.apps[app["client_id"]] = app
        return Reply(200, {"id": str(n), "name": form.get("client_name"), **app})

    @route("GET", r"/oauth/authorize")
    def authorize(self, request: Request) -> Reply:
        q = request.query
        app = self.apps.get(q.get("client_id", ""))
        if app is None or q.get("redirect_uri") != app["redirect_uri"]:
            return Reply(400, {"error": "invalid_client"})
        code = f"code-{next(self._ids)}"
        self.grants[code] = {"client_id": app["client_id"], "challenge": q.get("code_challenge")}
        target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q.get("state", "")})
        return Reply(302, headers={"Location": target})

    @route("POST", r"/oauth/token")
    def token(self, request: Request) -> Reply:
        form = request.form()
        app = self.apps.get(form.get("client_id", ""))
        grant = self.grants.pop(form.get("code", ""), None)
        if app is None or form.get("client_secret") != app["client_secret"]:
            return Reply(401, {"error": "invalid_client"})
        if grant is None or grant["client_id"] != app["client_id"]:
            return Reply(400, {"error": "invalid_grant"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if digest.decode() != grant["challenge"]:
                return Reply(400, {"error": "invalid_grant"})
        access = f"masto-access-{next(self._ids)}"
        self.tokens[access] = dict(self.account)
        return Reply(200, {"access_token": access, "token_type": "Bearer", "scope": "read"})

    @route("GET", r"/api/v1/accounts/verify_credentials")
    def verify_credentials(self, request: Request) -> Reply:
        account = self.tokens.get(request.bearer_token() or "")
        if account is None:
            return Reply(401, {"error": "The access token is invalid"})
        return Reply(200, account)
