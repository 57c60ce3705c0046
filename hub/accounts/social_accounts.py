"""Social sign-in's account actions: find the account of an identity, register with one, link,
list and unlink.

Security rules, in one place:
- an identity is (provider, subject); only that pair ever logs someone in;
- an e-mail address from a provider never links to an existing account by itself. A verified one
  that matches asks the person to log in to that account first and link from the settings;
- an e-mail counts as confirmed only where the provider says it is verified;
- an account keeps at least one way to log in (a password or an identity).
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from hub.accounts import rules, social_providers
from hub.accounts import service as accounts
from hub.accounts.models import Role, SocialIdentity, User
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.moderation import guard


def user_for_identity(profile: social_providers.Profile) -> User | None:
    """The hub user this exact provider account is linked to, if any."""
    identity = db.session.scalar(
        select(SocialIdentity).where(
            SocialIdentity.provider == profile.provider,
            SocialIdentity.subject == profile.subject,
        )
    )
    return identity.user if identity else None


def account_with_verified_email(profile: social_providers.Profile) -> User | None:
    """An existing account with the provider's *verified* address: the person should log in to
    it and link from the settings. An unverified address is never looked up."""
    if not (profile.email_verified and profile.email):
        return None
    return db.session.scalar(select(User).where(User.email_key == profile.email.lower()))


def register_with_identity(
    profile: social_providers.Profile,
    username: str,
    email: str,
    accepted_terms: bool,
    *,
    locale: str | None = None,
    ip: str | None = None,
    terms_shown: str | None = None,
) -> User:
    """Create an account without a password, linked to the provider account.

    The address is confirmed only if it is the one the provider says is verified; any other
    address gets the confirmation mail. Raises: Invalid, Conflict, TooMany.
    """
    username, email = _check_sign_up(profile, username, email, accepted_terms)
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
    events.account_opening.send(user, accepted_terms=accepted_terms, shown=terms_shown)
    guard.check_registration(ip)
    db.session.add(_identity(user, profile))
    if not confirmed:
        accounts.resend_confirmation(user)  # queues the mail and commits
    db.session.commit()
    events.user_registered.send(user)
    return user


def _check_sign_up(
    profile: social_providers.Profile, username: str, email: str, accepted_terms: bool
) -> tuple[str, str]:
    """The checks before an account is made from a profile; returns the username and address as
    they will be stored (trimmed, the address as `rules` normalises it). Raises: Invalid, Conflict.
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
            provider=social_providers.label(profile.provider),
        )
    if taken:
        raise Conflict(_("Name or address already in use."), taken)
    return username, email


def _identity(user: User, profile: social_providers.Profile) -> SocialIdentity:
    return SocialIdentity(
        user_id=user.id,
        provider=profile.provider,
        subject=profile.subject,
        email=profile.email[:254],
        email_verified=profile.email_verified,
    )


def link_identity(user: User, profile: social_providers.Profile) -> SocialIdentity:
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
