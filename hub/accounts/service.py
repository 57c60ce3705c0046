"""Account actions: register, log in and out, passwords, e-mail confirmation, roles, API tokens."""

import functools
import secrets

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from hub import permissions
from hub.accounts import rules, tokens
from hub.accounts.models import ApiToken, AuthSession, Role, User
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound, WrongCredentials
from hub.core.extensions import db
from hub.moderation import guard
from hub.outbox import mail


def get_user(username: str) -> User:
    """Raises: NotFound."""
    user = db.session.scalar(select(User).where(User.username_key == username.lower()))
    if user is None:
        raise NotFound(_("No member is called %(name)s.", name=username))
    return user


def find_usernames(names: set[str]) -> dict[str, str]:
    """Map lower-cased names that exist to their profile path (used for @mentions)."""
    if not names:
        return {}
    rows = db.session.execute(
        select(User.username_key, User.username).where(User.username_key.in_(names))
    )
    return {key: f"/u/{username}" for key, username in rows}


def _hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _decoy_hash() -> str:
    """A hash of a random password, made once per cost setting, that no one can match."""
    return _decoy_for(current_app.config["PASSWORD_HASH_METHOD"])


@functools.cache
def _decoy_for(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def _validate_new_account(username: str, email: str, password: str) -> str:
    """Raises: Invalid (field problems) or Conflict (name or address taken). Returns the email."""
    problems: dict[str, str] = {}
    if problem := rules.username_problem(username):
        problems["username"] = problem
    email_issue, email = rules.email_problem(email)
    if email_issue:
        problems["email"] = email_issue
    if problem := rules.password_problem(password, username=username, email=email):
        problems["password"] = problem
    if problems:
        raise Invalid(_("Please correct the marked fields."), problems)
    taken: dict[str, str] = {}
    if db.session.scalar(select(User.id).where(User.username_key == username.lower())):
        taken["username"] = _("This username is taken.")
    if db.session.scalar(select(User.id).where(User.email_key == email.lower())):
        taken["email"] = _(
            "An account with this e-mail address exists. Log in or reset the password."
        )
    if taken:
        raise Conflict(_("Name or address already in use."), taken)
    return email


@transactions.retried
def register(
    username: str,
    email: str,
    password: str,
    *,
    locale: str | None = None,
    ip: str | None = None,
    accepted_terms: bool = False,
    terms_shown: str | None = None,
) -> User:
    """Create a member account and send the confirmation mail. When the terms of use are
    written, `accepted_terms` must be true (and `terms_shown`, the form's note of the versions
    it showed, still current); the versions accepted commit with the account.

    Raises: Invalid (also: the terms not accepted), Conflict, TooMany (too many registrations
    from one address today).
    """
    username = (username or "").strip()
    email = _validate_new_account(username, (email or "").strip(), password or "")
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        email_key=email.lower(),
        password_hash=_hash_password(password),
        role=Role.MEMBER.value,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    events.account_opening.send(user, accepted_terms=accepted_terms, shown=terms_shown)
    guard.check_registration(ip)
    _enqueue_confirmation(user)
    db.session.commit()
    events.user_registered.send(user)
    return user


def create_user(username: str, email: str, password: str, role: str) -> User:
    """Create an account with a role, already confirmed (the CLI's way in for staff)."""
    if role not in Role.__members__.values():
        raise Invalid(_("Unknown role."), {"role": ", ".join(r.value for r in Role)})
    email = _validate_new_account(username, email, password)
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        email_key=email.lower(),
        password_hash=_hash_password(password),
        role=role,
        email_confirmed_at=utcnow(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(login: str, password: str) -> User:
    """The user whose username or e-mail and password match.

    Raises: WrongCredentials, with the same message whichever part was wrong.
    """
    key = (login or "").strip().lower()
    user = db.session.scalar(
        select(User).where((User.username_key == key) | (User.email_key == key))
    )
    has_password = user is not None and bool(user.password_hash)
    # Without a password to check, check a decoy: an unknown name takes as long as a known one.
    stored = user.password_hash if has_password else _decoy_hash()
    if not check_password_hash(stored, password or "") or not has_password:
        message = _("Wrong username, e-mail or password.")
        raise WrongCredentials(message, {"password": _("Try again.")})
    return user


# --- login sessions ---------------------------------------------------------------------------


def start_session(user: User, user_agent: str = "") -> str:
    """A fresh server-side session for one browser; its token is what the cookie holds."""
    token, token_hash = tokens.new_token()
    db.session.add(AuthSession(user=user, token_hash=token_hash, user_agent=user_agent[:200]))
    db.session.commit()
    user.session_token = token
    return token


def user_for_session(token: str) -> User | None:
    """The user a login session belongs to, in one query (it runs on every member page)."""
    row = db.session.scalar(
        select(AuthSession)
        .options(joinedload(AuthSession.user))
        .where(AuthSession.token_hash == tokens.hash_token(token))
    )
    if row is None:
        return None
    row.user.session_token = token
    return row.user


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(
            delete(AuthSession).where(AuthSession.token_hash == tokens.hash_token(token))
        )
        db.session.commit()


def _end_other_sessions(user: User, keep_token: str | None) -> None:
    keep = tokens.hash_token(keep_token) if keep_token else ""
    db.session.execute(
        delete(AuthSession).where(AuthSession.user_id == user.id, AuthSession.token_hash != keep)
    )


# --- passwords --------------------------------------------------------------------------------


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password and log out every other browser. Raises: Invalid."""
    if not user.password_hash or not check_password_hash(user.password_hash, current or ""):
        raise Invalid(
            _("Please correct the marked fields."),
            {"current": _("This is not your current password.")},
        )
    _set_password(user, new)
    _end_other_sessions(user, keep_token=user.session_token)
    db.session.commit()


def _set_password(user: User, new: str) -> None:
    if problem := rules.password_problem(new, username=user.username, email=user.email):
        raise Invalid(_("Please correct the marked fields."), {"password": problem})
    user.password_hash = _hash_password(new)


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an account; say nothing either way."""
    user = db.session.scalar(select(User).where(User.email_key == (email or "").strip().lower()))
    if user is None:
        return
    mail_reset_link(user)
    db.session.commit()


def mail_reset_link(user: User) -> None:
    """Queue the mail with a reset link to `user` (not committed: the caller commits it)."""
    token = tokens.sign("reset", {"uid": user.id, "fp": tokens.fingerprint(user.password_hash)})
    link = url_for("accounts.reset_password", token=token, _external=True)
    mail.send(
        user.email,
        _("Reset your password"),
        "accounts/mail/reset.txt",
        key=f"reset:{user.id}:{token[-16:]}",
        user=user,
        link=link,
    )


def reset_password(token: str, new: str) -> User:
    """Raises: Invalid when the link is expired, used or altered, or the password is weak."""
    data = tokens.unsign("reset", token, tokens.RESET_MAX_AGE)
    user = db.session.get(User, data["uid"]) if data else None
    if user is None or data["fp"] != tokens.fingerprint(user.password_hash):
        raise Invalid(
            _("This reset link has expired or was already used. Ask for a new one."),
            {"token": "expired"},
        )
    _set_password(user, new)
    _end_other_sessions(user, keep_token=None)
    db.session.commit()
    return user


# --- e-mail confirmation ----------------------------------------------------------------------


def _enqueue_confirmation(user: User) -> None:
    token = tokens.sign("confirm", {"uid": user.id, "email": user.email_key})
    link = url_for("accounts.confirm_email", token=token, _external=True)
    mail.send(
        user.email,
        _("Confirm your e-mail address"),
        "accounts/mail/confirm.txt",
        key=f"confirm:{user.id}:{user.email_key}",
        user=user,
        link=link,
    )


def resend_confirmation(user: User) -> None:
    if user.email_confirmed_at is None:
        _enqueue_confirmation(user)
        db.session.commit()


def confirm_email(token: str) -> User:
    """Raises: Invalid when the link is expired or altered."""
    data = tokens.unsign("confirm", token, tokens.CONFIRM_MAX_AGE)
    user = db.session.get(User, data["uid"]) if data else None
    if user is None or user.email_key != data["email"]:
        raise Invalid(
            _("This confirmation link has expired. Log in to get a new one."), {"token": "expired"}
        )
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        db.session.commit()
    return user


# --- profile, language, roles -----------------------------------------------------------------


def set_locale(user: User, locale: str) -> None:
    if locale in current_app.config["LANGUAGES"]:
        user.locale = locale
        db.session.commit()


def update_profile(user: User, display_name: str, bio: str) -> None:
    """Raises: Invalid."""
    display_name, bio = (display_name or "").strip(), (bio or "").strip()
    problems = {}
    if len(display_name) > 60:
        problems["display_name"] = _("At most %(n)d characters.", n=60)
    if len(bio) > 500:
        problems["bio"] = _("At most %(n)d characters.", n=500)
    if problems:
        raise Invalid(_("Please correct the marked fields."), problems)
    user.display_name, user.bio = display_name, bio
    db.session.commit()


def set_role(actor: User | None, username: str, role: str) -> User:
    """Change a user's role; `actor` None means the command line (trusted).

    Raises: NotFound, Forbidden, Invalid.
    """
    check_role(role)
    user = get_user(username)
    assign_role(actor, user, role)
    db.session.commit()
    return user


def check_role(role: str) -> None:
    """Raises: Invalid for a role that does not exist."""
    if role not in Role.__members__.values():
        raise Invalid(_("Unknown role."), {"role": ", ".join(r.value for r in Role)})


def assign_role(actor: User | None, user: User, role: str) -> None:
    """Give `user` another role, not committed: the caller commits it with its own record of
    the change (the admin area's audit log). Raises: Forbidden, Invalid."""
    check_role(role)
    if actor is not None:
        permissions.require(permissions.can_set_role(actor, user, role))
    user.role = role


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0


# --- API tokens -------------------------------------------------------------------------------


def create_api_token(user: User) -> str:
    token, token_hash = tokens.new_token()
    db.session.add(ApiToken(user=user, token_hash=token_hash))
    db.session.commit()
    return token


def user_for_api_token(token: str) -> User | None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == tokens.hash_token(token)))
    return row.user if row else None
