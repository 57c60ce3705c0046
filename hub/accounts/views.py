"""Register, log in and out, passwords, e-mail confirmation, profile and settings pages."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from hub import permissions
from hub.accounts import forms, queries, throttle
from hub.accounts import service as accounts
from hub.core import i18n
from hub.core.errors import HubError
from hub.core.extensions import limiter
from hub.core.forms import safe_next, show_errors
from hub.moderation import queries as moderation_queries

bp = Blueprint("accounts", __name__)


def _log_in(user, remember: bool) -> None:
    session.clear()  # a new session on login: nothing from before survives
    accounts.start_session(user, request.headers.get("User-Agent", ""))
    login_user(user, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register(
                form.username.data,
                form.email.data,
                form.password.data,
                locale=i18n.chosen_language(),
                ip=request.remote_addr,
                accepted_terms=form.accept_terms.data,
                terms_shown=request.form.get("terms_shown"),
            )
        except HubError as error:
            show_errors(form, error)
        else:
            _log_in(user, remember=False)
            flash(
                _(
                    "Welcome, %(name)s! We sent you a mail to confirm your address.",
                    name=user.username,
                )
            )
            return redirect(
                safe_next(
                    request.args.get("next"), url_for("accounts.profile", username=user.username)
                )
            )
    return render_template(
        "accounts/register.html", form=form
    ), 400 if form.errors or form.form_errors else 200


@bp.route("/login", methods=["GET", "POST"])
@throttle.throttle_login
def login():
    form = forms.LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.login.data, form.password.data)
        except HubError as error:
            show_errors(form, error)
        else:
            _log_in(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("forums.home")))
    return render_template(
        "accounts/login.html", form=form
    ), 400 if form.errors or form.form_errors else 200


@bp.post("/logout")
@login_required
def logout():
    if forms.EmptyForm().validate_on_submit():
        accounts.end_session(current_user.session_token)
        logout_user()
        session.clear()
        flash(_("You are logged out."))
    return redirect(url_for("forums.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data)
        flash(_("If an account has this address, a mail with a reset link is on its way."))
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.reset_password(token, form.password.data)
        except HubError as error:
            show_errors(form, error)
        else:
            _log_in(user, remember=False)
            flash(_("Your password is changed. Other devices were logged out."))
            return redirect(url_for("forums.home"))
    return render_template("accounts/reset.html", form=form), 400 if form.form_errors else 200


@bp.get("/confirm/<token>")
def confirm_email(token: str):
    try:
        accounts.confirm_email(token)
    except HubError as error:
        flash(error.message, "error")
    else:
        flash(_("Thank you, your e-mail address is confirmed."))
    return redirect(url_for("forums.home"))


@bp.post("/confirm/resend")
@login_required
@limiter.limit("3 per hour")
def resend_confirmation():
    if forms.EmptyForm().validate_on_submit():
        accounts.resend_confirmation(current_user)
        flash(_("We sent you a new confirmation mail."))
    return redirect(url_for("accounts.settings"))


def _settings_page(profile_form=None, password_form=None, status=200):
    return render_template(
        "accounts/settings.html",
        profile_form=profile_form or forms.ProfileForm(obj=current_user, prefix="profile"),
        password_form=password_form or forms.ChangePasswordForm(prefix="password"),
        resend_form=forms.EmptyForm(),
    ), status


@bp.get("/settings")
@login_required
def settings():
    return _settings_page()


@bp.post("/settings/profile")
@login_required
def save_profile():
    form = forms.ProfileForm(prefix="profile")
    if form.validate_on_submit():
        try:
            accounts.update_profile(current_user, form.display_name.data, form.bio.data)
        except HubError as error:
            show_errors(form, error)
        else:
            flash(_("Your profile is saved."))
            return redirect(url_for("accounts.settings"))
    return _settings_page(profile_form=form, status=400)


@bp.post("/settings/password")
@login_required
def change_password():
    form = forms.ChangePasswordForm(prefix="password")
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.password.data)
        except HubError as error:
            show_errors(form, error)
        else:
            flash(_("Your password is changed. Other devices were logged out."))
            return redirect(url_for("accounts.settings"))
    return _settings_page(password_form=form, status=400)


@bp.post("/language")
def set_language():
    """A member's switch (a form with its CSRF token): kept in the account and the browser."""
    code = request.form.get("lang", "")
    back = redirect(safe_next(request.form.get("next"), url_for("forums.home")))
    if not forms.EmptyForm().validate_on_submit() or code not in current_app.config["LANGUAGES"]:
        return back
    if current_user.is_authenticated:
        accounts.set_locale(current_user, code)
    return i18n.remember_language(back, code)


@bp.get("/language/<code>")
def choose_language(code: str):
    """A visitor's switch: a plain link that sets the language cookie and goes back. It needs
    no session or token (so visitors' pages stay cacheable); it changes only this browser."""
    back = redirect(safe_next(request.args.get("next"), url_for("forums.home")))
    if code not in current_app.config["LANGUAGES"]:
        return back
    return i18n.remember_language(back, code)


@bp.get("/u/<username>")
def profile(username: str):
    person = accounts.get_user(username)
    full = permissions.can_see_full_history(current_user, person)
    return render_template(
        "accounts/profile.html",
        person=person,
        counts=queries.profile_counts(person),
        activity=queries.activity(person, full=bool(full)),
        full_history=bool(full),
        case=moderation_queries.history(person) if full else None,
    )
