"""Where members come from: unique visitors of `/go/` links, the newcomer banner, attribution of
registrations and first posts to a spoke account, and the monthly report."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Follow registrations and first posts; offer the banner to every template."""
    from hub.referrals import banner, service

    service.connect_signals()
    banner.init_app(app)
