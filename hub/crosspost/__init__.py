"""Cross-posting hub content to the spokes (Facebook, X, Mastodon) through the job outbox."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Follow the content signals and register the delivery job handler."""
    # Importing delivery registers its job; announcements registers its content types.
    from hub.crosspost import announcements, delivery, service  # noqa: F401
    from hub.crosspost.cli import spokes_cli

    service.connect_signals()
    announcements.connect_signals()
    app.cli.add_command(spokes_cli)
