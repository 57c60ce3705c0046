"""`flask --app wsgi spokes ...`: maintenance of the connected spoke accounts."""

import click
from flask.cli import AppGroup

from hub.crosspost import service as crosspost
from hub.crosspost.tokens import TokenKeyError

spokes_cli = AppGroup("spokes", help="Connected spoke accounts.")


@spokes_cli.command("reseal-tokens")
def reseal_tokens() -> None:
    """Re-encrypt the stored tokens with the first key of HUB_SPOKE_TOKEN_KEY (rotation)."""
    try:
        count = crosspost.reseal_tokens()
    except TokenKeyError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"re-encrypted the tokens of {count} account(s)")
