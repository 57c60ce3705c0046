"""Cross-posting hub content to the spokes (Facebook, X, Mastodon) through the job outbox."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Follow the content signals and register the delivery job handler."""
    # Importing delivery registers its jobs; announcements and faq_share their content types.
    from hub import permissions
    from hub.crosspost import announcements, delivery, faq_share, removals, rule_queue, sweeper  # noqa: F401
    from hub.crosspost.cli import spokes_cli

    rule_queue.connect_signals()
    removals.connect_signals()
    announcements.connect_signals()
    sweeper.connect_signals()
    app.cli.add_command(spokes_cli)
    for name, predicate in faq_share.PREDICATES.items():  # for templates' can(...)
        permissions.PREDICATES.setdefault(name, predicate)
