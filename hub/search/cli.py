"""`flask --app wsgi search ...`: rebuild the index from the database."""

import click
from flask.cli import AppGroup

from hub.search import backend, service

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("rebuild")
def rebuild() -> None:
    """Rebuild the search index from the database (searches keep working meanwhile)."""
    total = service.count_documents()
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        count = service.rebuild_index(progress=bar.update)
    click.echo(f"Indexed {count} documents with the {backend.current().name} backend.")
