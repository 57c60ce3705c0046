"""/api/v1 tokens and users."""

from flask import request, url_for
from pydantic import Field

from hub import permissions
from hub.accounts import queries, throttle
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.api.auth import api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.core.extensions import limiter

bp = api_blueprint("accounts_api", __name__)


class UserOut(Strict):
    id: int
    username: str
    display_name: str
    role: str
    is_expert: bool
    url: str


class ProfileOut(UserOut):
    created_at: str
    counts: dict[str, int]


class TokenIn(Strict):
    username: str = Field(max_length=254)
    password: str = Field(max_length=200)


class TokenOut(Strict):
    token: str
    user: UserOut


class RegisterIn(Strict):
    username: str = Field(max_length=30)
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)
    accept_terms: bool = False  # required true once the community's terms of use are written


def user_json(user: User, viewer=None) -> dict:
    data = {
        "id": user.id,
        "username": user.username,
        "display_name": user.name,
        "role": user.role,
        "is_expert": user.is_expert,
        "url": url_for("accounts.profile", username=user.username, _external=True),
    }
    if viewer is not None and permissions.can_see_email(viewer, user):
        data["email"] = user.email
    return data


@endpoint(
    bp,
    "/tokens",
    "POST",
    summary="Log in and get a token",
    body=TokenIn,
    response=TokenOut,
    status=201,
    tag="accounts",
    errors={
        401: "`invalid_credentials`: wrong username or password (the same for an unknown user)",
        429: "`rate_limited`: too many attempts for this account or from this address",
    },
)
@throttle.throttle_login
def create_token(data: TokenIn):
    user = accounts.authenticate(data.username, data.password)
    token = accounts.create_api_token(user)
    return {"token": token, "user": user_json(user, user)}, 201


@endpoint(
    bp,
    "/users",
    "POST",
    summary="Register",
    body=RegisterIn,
    response=UserOut,
    status=201,
    tag="accounts",
)
@limiter.limit("10 per hour")
def register_user(data: RegisterIn):
    user = accounts.register(
        data.username,
        data.email,
        data.password,
        ip=request.remote_addr,
        accepted_terms=data.accept_terms,
    )
    return user_json(user, user), 201


@endpoint(
    bp,
    "/users/<username>",
    "GET",
    summary="A profile with counts",
    response=ProfileOut,
    tag="accounts",
)
def get_user(username: str):
    user = accounts.get_user(username)
    data = user_json(user, api_user())
    data["created_at"] = user.created_at.isoformat()
    data["counts"] = queries.profile_counts(user)
    return data
