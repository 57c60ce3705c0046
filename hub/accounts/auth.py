"""How a request says who it is: the browser's login session, or an API bearer token."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from hub.accounts import service as accounts
from hub.core.extensions import login


def init_app(app: Flask) -> None:
    login.login_view = "accounts.login"
    login.login_message = _l("Please log in to continue.")
    login.login_message_category = "info"
    login.session_protection = "basic"
    login.user_loader(accounts.user_for_session)
