"""Every role against every action, as one table (a row per action, a column per role)."""

from datetime import timedelta

import pytest

from hub import permissions
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.forums.models import Post, Space, Topic

ROLES = ["visitor", "member", "suspended", "expert", "moderator", "admin"]


def person(role: str, user_id: int = 1) -> User | None:
    if role == "visitor":
        return None
    user = User(id=user_id, username=role, role="member" if role == "suspended" else role)
    if role == "suspended":
        user.suspended_until, user.suspended_reason = utcnow() + timedelta(days=1), "spam"
    return user


OTHER = 99
category = Space(id=1, kind="category", slug="c", is_private=False)
private = Space(id=2, kind="category", slug="team", is_private=True)
company_wall = Space(id=3, kind="wall", slug="company", owner_id=None)
open_topic = Topic(id=1, space=category, is_locked=False)
locked_topic = Topic(id=2, space=category, is_locked=True)
others_post = Post(id=1, author_id=OTHER, topic=open_topic)
someone = User(id=OTHER, username="someone", role="member")

#: action -> (callable(user) -> Decision, the roles that may)
TABLE = {
    "write": (lambda u: permissions.can_write(u), {"member", "expert", "moderator", "admin"}),
    "view private space": (
        lambda u: permissions.can_view_space(u, private),
        {"expert", "moderator", "admin"},
    ),
    "ask in a category": (
        lambda u: permissions.can_create_topic(u, category),
        {"member", "expert", "moderator", "admin"},
    ),
    "post on the company wall": (
        lambda u: permissions.can_create_topic(u, company_wall),
        {"expert", "admin"},
    ),
    "reply": (
        lambda u: permissions.can_reply(u, open_topic),
        {"member", "expert", "moderator", "admin"},
    ),
    "reply in a closed topic": (
        lambda u: permissions.can_reply(u, locked_topic),
        {"moderator", "admin"},
    ),
    "edit another's post": (
        lambda u: permissions.can_edit_post(u, others_post),
        {"moderator", "admin"},
    ),
    "see a hidden post": (
        lambda u: permissions.can_see_hidden_post(u, others_post),
        {"expert", "moderator", "admin"},
    ),
    "see a member's full history": (
        lambda u: permissions.can_see_full_history(u, someone),
        {"expert", "moderator", "admin"},
    ),
    "see another's e-mail": (lambda u: permissions.can_see_email(u, someone), {"admin"}),
    "make someone an expert": (lambda u: permissions.can_set_role(u, someone, "expert"), {"admin"}),
    "see the job queue": (lambda u: permissions.can_view_jobs(u), {"admin"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_table(app, action, role):
    check, allowed_roles = TABLE[action]
    with app.test_request_context():
        decision = check(person(role))
    assert bool(decision) == (role in allowed_roles)
    if not decision:
        assert decision.reason  # the UI can always say why


def test_authors_edit_their_own_posts(app):
    with app.test_request_context():
        author = person("member", user_id=OTHER)
        assert permissions.can_edit_post(author, others_post)


def test_suspended_author_cannot_edit(app):
    with app.test_request_context():
        author = person("suspended", user_id=OTHER)
        decision = permissions.can_edit_post(author, others_post)
    assert not decision and "suspended" in decision.reason


def test_admin_cannot_demote_themselves(app):
    with app.test_request_context():
        admin = person("admin")
        assert not permissions.can_set_role(admin, admin, "member")


def test_visitors_are_asked_to_log_in(app):
    from hub.core.errors import Unauthorized

    with app.test_request_context(), pytest.raises(Unauthorized):
        permissions.require(permissions.can_write(None))
