"""The spoke inbox: replies written on the spokes under our cross-posts, fetched by the worker,
for the team to answer on the hub, import into the thread, or dismiss; and closing the loop on
the spoke when a cross-posted question is solved."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the polling job and follow new deliveries and solved questions."""
    from hub.spoke_inbox import closing, polling

    polling.connect()
    closing.connect_signals()
    closing.init_app(app)
