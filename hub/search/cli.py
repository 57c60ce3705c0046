"""`flask --app wsgi search ...`: rebuild the index from the database."""

import os

import click
from flask.cli import AppGroup

from hub.search import backend, service

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("rebuild")
@click.option(
    "--procs",
    type=click.IntRange(1, 16),
    default=min(4, os.cpu_count() or 1),
    show_default=True,
    help="Processes that analyse text (Whoosh).",
)
def rebuild(procs: int) -> None:
    """Rebuild the search index from the database (searches keep working meanwhile)."""
    total = service.count_documents()
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        count = service.rebuild_index(progress=bar.update, procs=procs)
    click.echo(f"Indexed {count} documents with the {backend.current().name} backend.")
