"""Social sign-in pages: start at a provider, come back, pick a username, link and unlink."""

import re
import time

from authlib.common.errors import AuthlibBaseError
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from joserfc.errors import JoseError
from requests import RequestException
from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Length

from hub.accounts import forms, social_accounts, social_mastodon, social_providers
from hub.accounts import views as account_views
from hub.core import i18n
from hub.core.errors import HubError
from hub.core.extensions import limiter
from hub.core.forms import safe_next, show_errors

bp = Blueprint("social", __name__)

PENDING = "social_pending"  # the provider's profile between the callback and the sign-up form
INTENT = "social_intent"  # "login" or "link", with the Mastodon instance and where to go next
PENDING_MAX_AGE = 30 * 60  # seconds to finish choosing a username


class SocialSignUpForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=30)])
    email = EmailField(_l("E-mail"), validators=[Length(max=254)])  # checked by the service
    accept_terms = BooleanField(_l("I accept the community terms"))


class MastodonForm(FlaskForm):
    instance = StringField(_l("Your Mastodon server"), validators=[DataRequired(), Length(max=253)])


@bp.app_context_processor
def social_helpers():
    return {
        "social_providers": social_providers.enabled,
        "social_label": social_providers.label,
        "social_identities": social_accounts.identities,
    }


def _start(provider: str, intent: str, instance: str = ""):
    oauth = social_providers.client(provider, instance or None)
    session[INTENT] = {
        "intent": intent,
        "provider": provider,
        "instance": instance,
        "next": safe_next(request.args.get("next"), ""),
    }
    redirect_uri = url_for("social.callback", provider=provider, _external=True)
    response = oauth.authorize_redirect(redirect_uri)
    if request.method == "POST":
        # The CSP's `form-action 'self'` stops a form's redirect to another site, so a form
        # (link, Mastodon server) lands on a page of ours that moves on to the provider.
        return render_template(
            "accounts/social_redirect.html",
            url=response.location,
            provider_label=social_providers.label(provider),
        )
    return response


@bp.get("/login/social/<provider>")
@limiter.limit("30 per hour")
def start(provider: str):
    """Log in or sign up with a provider (Mastodon starts from its form, as it needs a server)."""
    if provider == "mastodon":
        return redirect(url_for("social.mastodon", next=request.args.get("next")))
    try:
        return _start(provider, "login")
    except HubError as error:
        abort(404, error.message)


@bp.route("/login/social/mastodon", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def mastodon():
    form = MastodonForm()
    if form.validate_on_submit():
        try:
            instance = social_mastodon.normalise_instance(form.instance.data)
            intent = (
                "link" if current_user.is_authenticated and request.args.get("link") else "login"
            )
            return _start("mastodon", intent, instance)
        except HubError as error:
            show_errors(form, error)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("accounts/social_mastodon.html", form=form), status


@bp.post("/settings/social/<provider>/link")
@login_required
def link(provider: str):
    if not forms.EmptyForm().validate_on_submit():
        return redirect(url_for("accounts.settings"))
    if provider == "mastodon":
        return redirect(url_for("social.mastodon", link=1))
    try:
        return _start(provider, "link")
    except HubError as error:
        abort(404, error.message)


@bp.get("/login/social/<provider>/callback")
def callback(provider: str):
    intent = session.pop(INTENT, None)
    if not intent or intent["provider"] != provider:
        flash(
            _("This sign-in was not started here, or it took too long. Please try again."), "error"
        )
        return redirect(url_for("accounts.login"))
    try:
        oauth = social_providers.client(provider, intent["instance"] or None)
        token = oauth.authorize_access_token()  # checks state, PKCE verifier, id_token and nonce
        profile = social_providers.read_profile(provider, oauth, token, intent["instance"])
    # A bad state, code, signature, issuer, audience or nonce, or a provider that is down.
    except (AuthlibBaseError, JoseError, HubError, RequestException, ValueError, KeyError):
        flash(
            _(
                "Signing in with %(provider)s did not work. Please try again.",
                provider=social_providers.label(provider),
            ),
            "error",
        )
        return redirect(url_for("accounts.login"))

    if intent["intent"] == "link":
        return _link(provider, profile)

    user = social_accounts.user_for_identity(profile)
    if user is not None:
        account_views._log_in(user, remember=False)
        return redirect(intent["next"] or url_for("forums.home"))
    if social_accounts.account_with_verified_email(profile) is not None:
        flash(
            _(
                "You already have an account with %(email)s. Log in to it, then link "
                "%(provider)s in your settings.",
                email=profile.email,
                provider=social_providers.label(provider),
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    session[PENDING] = {**profile.as_dict(), "at": time.time(), "next": intent["next"]}
    return redirect(url_for("social.finish"))


def _link(provider: str, profile: social_providers.Profile):
    """The end of a link started from the settings: the identity joins the logged-in account."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    try:
        social_accounts.link_identity(current_user, profile)
    except HubError as error:
        flash(error.message, "error")
    else:
        flash(
            _(
                "%(provider)s is linked: you can log in with it.",
                provider=social_providers.label(provider),
            )
        )
    return redirect(url_for("accounts.settings"))


def _pending() -> tuple[social_providers.Profile, str] | None:
    data = dict(session.get(PENDING) or {})
    if not data or time.time() - data.pop("at", 0) > PENDING_MAX_AGE:
        return None
    next_url = data.pop("next", "")
    return social_providers.Profile(**data), next_url


@bp.route("/login/social/finish", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def finish():
    """A newcomer picks a username and accepts the terms; then the account exists."""
    pending = _pending()
    if pending is None:
        flash(_("This sign-in took too long. Please try again."), "error")
        return redirect(url_for("accounts.login"))
    profile, next_url = pending
    form = SocialSignUpForm()
    if request.method == "GET":
        form.username.data = _suggest_username(profile)
        form.email.data = profile.email
    if form.validate_on_submit():
        try:
            user = social_accounts.register_with_identity(
                profile,
                form.username.data,
                profile.email if profile.email_verified else form.email.data,
                form.accept_terms.data,
                locale=i18n.chosen_language(),
                ip=request.remote_addr,
                terms_shown=request.form.get("terms_shown"),
            )
        except HubError as error:
            show_errors(form, error)
        else:
            account_views._log_in(user, remember=False)
            if user.email_confirmed_at:
                flash(_("Welcome, %(name)s!", name=user.username))
            else:
                flash(
                    _(
                        "Welcome, %(name)s! We sent you a mail to confirm your address.",
                        name=user.username,
                    )
                )
            return redirect(next_url or url_for("accounts.profile", username=user.username))
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "accounts/social_finish.html",
        form=form,
        profile=profile,
        provider_label=social_providers.label(profile.provider),
    ), status


def _suggest_username(profile: social_providers.Profile) -> str:
    raw = profile.username or profile.name or (profile.email.split("@")[0] if profile.email else "")
    return re.sub(r"[^A-Za-z0-9_-]", "", raw.replace(" ", "_"))[:30]


@bp.post("/settings/social/<int:identity_id>/unlink")
@login_required
def unlink(identity_id: int):
    if forms.EmptyForm().validate_on_submit():
        try:
            social_accounts.unlink_identity(current_user, identity_id)
        except HubError as error:
            flash(error.message, "error")
        else:
            flash(_("The account is unlinked."))
    return redirect(url_for("accounts.settings"))
