"""Who may moderate what: every role against every moderation action, as tables."""

from datetime import timedelta

import pytest

from hub import permissions
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.forums.models import Post, Space, Topic
from hub.moderation.models import Appeal, ModerationAction
from tests.factories import PASSWORD

from .helpers import member, moderator, thread

ROLES = ["visitor", "member", "suspended", "silenced", "expert", "moderator", "admin"]
ME = 1
OTHER_MODERATOR = 50


def person(role: str, user_id: int = ME) -> User | None:
    if role == "visitor":
        return None
    actual = "member" if role in ("suspended", "silenced") else role
    user = User(id=user_id, username=role, role=actual)
    if role == "suspended":
        user.suspended_until, user.suspended_reason = utcnow() + timedelta(days=1), "spam"
    if role == "silenced":
        user.silenced_until = utcnow() + timedelta(days=1)
    return user


someone = User(id=99, username="someone", role="member")
an_expert = User(id=98, username="an_expert", role="expert")
an_admin = User(id=97, username="an_admin", role="admin")
category = Space(id=1, kind="category", slug="c", is_private=False)
topic = Topic(id=1, space=category, is_locked=False)
others_post = Post(id=1, author_id=someone.id, author=someone, topic=topic)
my_post = Post(id=2, author_id=ME, topic=topic)


def decision(action="hide", actor_id=OTHER_MODERATOR, target_user_id=ME) -> ModerationAction:
    return ModerationAction(
        id=7, action=action, actor_id=actor_id, target_type="post", target_id=2,
        target_user_id=target_user_id,
    )  # fmt: skip


def appealed() -> ModerationAction:
    entry = decision()
    entry.appeal = Appeal(id=3, action_id=7, appellant_id=ME, text="I was quoting.")
    return entry


def appeal_against(actor_id: int, appellant_id: int = 99) -> Appeal:
    entry = decision(actor_id=actor_id, target_user_id=appellant_id)
    return Appeal(id=3, action=entry, action_id=7, appellant_id=appellant_id, text="Please.")


MODERATORS = {"moderator", "admin"}
LOGGED_IN = {"member", "suspended", "silenced", "expert", "moderator", "admin"}

#: action -> (callable(user) -> Decision, the roles that may)
TABLE = {
    "work the queue and read the log": (permissions.can_moderate, MODERATORS),
    "act on a member's post or account": (
        lambda u: permissions.can_act_on(u, someone),
        MODERATORS,
    ),
    "act on an expert's account": (lambda u: permissions.can_act_on(u, an_expert), MODERATORS),
    "act on an admin's account": (lambda u: permissions.can_act_on(u, an_admin), {"admin"}),
    "act on one's own post or account (suspend oneself)": (
        lambda u: permissions.can_act_on(u, u) if u else permissions.can_act_on(u, someone),
        set(),
    ),
    "mark a member as spammer": (
        lambda u: permissions.can_mark_spammer(u, someone),
        MODERATORS,
    ),
    "mark a team member as spammer": (
        lambda u: permissions.can_mark_spammer(u, an_expert),
        set(),
    ),
    "report another's post": (
        lambda u: permissions.can_report(u, others_post),
        LOGGED_IN - {"suspended"},
    ),
    "report one's own post": (lambda u: permissions.can_report(u, my_post), set()),
    "report a member": (
        lambda u: permissions.can_report(u, someone),
        LOGGED_IN - {"suspended"},
    ),
    "report oneself": (
        lambda u: permissions.can_report(u, u) if u else permissions.can_report(u, someone),
        set(),
    ),
    "appeal a moderator's decision about oneself": (
        lambda u: permissions.can_appeal(u, decision()),
        LOGGED_IN,
    ),
    "appeal a suspension of oneself": (
        lambda u: permissions.can_appeal(u, decision("suspend")),
        LOGGED_IN,
    ),
    "appeal a decision about someone else": (
        lambda u: permissions.can_appeal(u, decision(target_user_id=99)),
        set(),
    ),
    "appeal an automatic hide": (
        lambda u: permissions.can_appeal(u, decision("auto_hide", actor_id=None)),
        set(),
    ),
    "appeal a legal deletion": (
        lambda u: permissions.can_appeal(u, decision("delete")),
        set(),
    ),
    "appeal the same decision twice": (lambda u: permissions.can_appeal(u, appealed()), set()),
    "decide an appeal against another moderator": (
        lambda u: permissions.can_decide_appeal(u, appeal_against(OTHER_MODERATOR)),
        MODERATORS,
    ),
    "decide an appeal against one's own decision": (
        lambda u: permissions.can_decide_appeal(u, appeal_against(ME)),
        set(),
    ),
    "decide one's own appeal": (
        lambda u: permissions.can_decide_appeal(u, appeal_against(OTHER_MODERATOR, ME)),
        set(),
    ),
    "change site settings": (permissions.can_change_site_settings, {"admin"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_table(app, action, role):
    check, allowed_roles = TABLE[action]
    with app.test_request_context():
        decision_ = check(person(role))
    assert bool(decision_) == (role in allowed_roles)
    if not decision_:
        assert decision_.reason  # the UI can always say why


def test_templates_can_ask_by_name(app):
    with app.test_request_context():
        assert permissions.can("moderate", person("moderator"))
        assert not permissions.can("report", person("member"), my_post)


# --- the moderation pages, by role ---------------------------------------------------------


PAGES = [
    ("GET", "/moderation"),
    ("GET", "/moderation/log"),
    ("GET", "/moderation/posts/{post}"),
    ("GET", "/moderation/users/{author}"),
    ("POST", "/moderation/posts/{post}/hide"),
    ("POST", "/moderation/posts/{post}/restore"),
    ("POST", "/moderation/users/{author}/suspend"),
    ("POST", "/moderation/users/{author}/spammer"),
    ("POST", "/moderation/bulk"),
]


@pytest.mark.parametrize(("method", "path"), PAGES)
@pytest.mark.parametrize("role", ["visitor", "member", "expert", "moderator"])
def test_moderation_pages_by_role(client, db, role, method, path):
    """Visitors are sent to log in; members and experts get 403; moderators get in."""
    _topic, reply = thread()
    url = path.format(post=reply.id, author=reply.author.username)
    if role != "visitor":
        user = moderator() if role == "moderator" else member()
        if role == "expert":
            user.role = "expert"
            db.session.commit()
        client.post("/login", data={"login": user.username, "password": PASSWORD})
    response = client.open(url, method=method, data={})
    if role == "visitor":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    elif role in ("member", "expert"):
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 400)
