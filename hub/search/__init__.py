"""Search over FAQ entries, questions, answers and wall posts, behind one small interface:
`service.index(docs)`, `service.remove(keys)`, `service.query(viewer, q, ...)`.

Backends: Whoosh in the instance folder (default) or PostgreSQL full-text search
(`HUB_SEARCH_BACKEND=postgres`). The index follows the domain signals and can always be
rebuilt from the database: `flask --app wsgi search rebuild`.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Create the configured backend, follow the signals, add the `search` CLI group."""
    from hub.search import cli, hooks, service

    service.init_app(app)
    hooks.connect()
    app.cli.add_command(cli.search_cli)
