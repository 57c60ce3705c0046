"""The command-line tools an operator uses on day one."""

from sqlalchemy import func, select

from hub.accounts.models import User
from hub.forums.models import Post, Topic
from tests.factories import make_user


def test_users_create_and_set_role(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "gerd",
            "--email",
            "gerd@example.com",
            "--password",
            "Nordlicht-Fan-2026",
            "--role",
            "expert",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created gerd (expert)" in result.output
    result = runner.invoke(args=["users", "set-role", "gerd", "moderator"])
    assert result.exit_code == 0 and "gerd is now moderator" in result.output
    assert db.session.scalar(select(User.role).where(User.username == "gerd")) == "moderator"


def test_users_create_reports_problems_and_changes_nothing(app, db):
    make_user("gerd")
    result = app.test_cli_runner().invoke(
        args=["users", "create", "GERD", "--email", "new@example.com", "--password", "short"]
    )
    assert result.exit_code != 0
    assert "At least 10 characters" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_set_role_of_unknown_user_fails_clearly(app, db):
    result = app.test_cli_runner().invoke(args=["users", "set-role", "ghost", "admin"])
    assert result.exit_code != 0 and "ghost" in result.output


def test_demo_loads_a_community_once(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "password" in result.output
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert (
        roles["expert"] == 2
        and roles["moderator"] == 1
        and roles["admin"] == 1
        and roles["member"] >= 10
    )
    assert db.session.scalar(select(func.count(Topic.id))) >= 30
    assert (
        db.session.scalar(select(func.count(Topic.id)).where(Topic.accepted_post_id.is_not(None)))
        >= 10
    )
    assert db.session.scalar(select(func.count(Post.id)).where(Post.is_official)) >= 5
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and "no demo loaded" in again.output
    assert runner.invoke(args=["demo", "load"]).exit_code != 0


def test_demo_admin_password_works(app, db, client):
    output = app.test_cli_runner().invoke(args=["demo", "load"]).output
    password = output.split("password: ")[1].split()[0]
    response = client.post("/login", data={"login": "admin", "password": password})
    assert response.status_code == 302
