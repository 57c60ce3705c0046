"""Teams for tests, made through the admin service as an admin would."""

from hub.admin import team_service
from tests.factories import make_user


def make_team(name="Technik-Team", *, staff=True, title="", members=(), answers=(), reads=()):
    admin = make_user(role="admin")
    team = team_service.create_team(admin, name=name, title=title, staff=staff)
    for person in members:
        team_service.add_member(admin, team.slug, person.username)
    if answers or reads:
        team_service.set_categories(
            admin, team.slug, {s.id for s in answers}, {s.id for s in reads}
        )
    return team
