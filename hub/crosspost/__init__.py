"""Cross-posting hub content to the spokes (Facebook, X, Mastodon) through the job outbox."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Follow the content signals and register the delivery job handler."""
    from hub.crosspost import delivery, service  # noqa: F401 (delivery registers its job)

    service.connect_signals()
