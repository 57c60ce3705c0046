"""`flask --app wsgi ...` commands. They call services, like every other surface."""

import click
from flask import Flask
from flask.cli import AppGroup

from hub.accounts import service as accounts
from hub.core.errors import HubError

users_cli = AppGroup("users", help="Create users and change their roles.")
demo_cli = AppGroup("demo", help="The demo community.")

ROLES = click.Choice(["member", "expert", "moderator", "admin"])


def _fail(error: HubError) -> None:
    details = "; ".join(f"{k}: {v}" for k, v in error.fields.items())
    raise click.ClickException(f"{error.message} {details}".strip())


@users_cli.command("create")
@click.argument("username")
@click.option("--email", required=True)
@click.option("--password", required=True, prompt=True, hide_input=True)
@click.option("--role", type=ROLES, default="member", show_default=True)
def create_user(username: str, email: str, password: str, role: str) -> None:
    """Create a user with a role (e-mail counts as confirmed)."""
    try:
        user = accounts.create_user(username, email, password, role)
    except HubError as error:
        _fail(error)
    click.echo(f"Created {user.username} ({user.role}).")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=ROLES)
def set_role(username: str, role: str) -> None:
    """Give an existing user another role."""
    try:
        user = accounts.set_role(None, username, role)
    except HubError as error:
        _fail(error)
    click.echo(f"{user.username} is now {user.role}.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
def load_demo(if_empty: bool) -> None:
    """Fill an empty database with a demo community."""
    from hub.demo import loader

    if accounts.count_users():
        if if_empty:
            click.echo("The database has users already; no demo loaded.")
            return
        raise click.ClickException("The demo loads only into an empty database.")
    password = loader.load()
    click.echo(f"Demo community loaded. Log in as 'admin' with the password: {password}")
    click.echo("(Shown only this once. Change it under Settings.)")


@click.command("worker")
def worker() -> None:
    """Run the job worker in the foreground (for deployments with HUB_WORKER=off)."""
    from flask import current_app

    from hub.outbox import runner

    runner.run_forever(current_app._get_current_object())


def init_app(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(worker)
