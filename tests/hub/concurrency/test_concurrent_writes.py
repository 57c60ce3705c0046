"""Many people writing at the same moment, through four server processes on one database:
every write the hub accepted is stored, the counts equal what was accepted, and nobody gets
a 5xx. Runs on SQLite and, with HUB_DATABASE_URL, on PostgreSQL."""

from sqlalchemy import func, select

from hub.chat import service as chat
from hub.core.extensions import db
from hub.faq import service as faq
from hub.faq.models import FaqEntry
from hub.forums.models import Post, Topic, Vote
from hub.moderation import settings
from hub.moderation.models import Action, Flag, ModerationAction
from hub.walls import service as walls
from hub.walls.models import Like
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.chat.conftest import Client
from tests.hub.concurrency.conftest import burst


def _statuses(responses) -> list[int]:
    return sorted({response.status_code for response in responses})


def _numbers(topic_id: int) -> list[int]:
    stmt = select(Post.number).where(Post.topic_id == topic_id).order_by(Post.number)
    return list(db.session.scalars(stmt))


def test_replies_to_one_topic_all_kept_in_order(members):
    topic_id = make_topic().id  # plain ids: the burst's threads have no database session
    people = members(48)
    replies = burst(
        [
            lambda m=m, i=i: m.api(
                "POST", f"/topics/{topic_id}/posts", {"body": f"Same here ({i})"}
            )
            for i, m in enumerate(people)
        ]
    )
    assert _statuses(replies) == [201]
    db.session.expire_all()
    assert _numbers(topic_id) == list(range(1, 50))  # one number each, no gaps, no twins
    assert db.session.get(Topic, topic_id).reply_count == 48
    stored = set(db.session.scalars(select(Post.id).where(Post.topic_id == topic_id)))
    assert {reply.json()["id"] for reply in replies} <= stored


def test_replies_through_the_form_all_kept(members):
    topic_id = make_topic().id  # plain ids: the burst's threads have no database session
    people = members(24)
    tokens = [m.form_token(f"/t/{topic_id}") for m in people]
    answers = burst(
        [
            lambda m=m, t=t, i=i: m.post_form(
                f"/t/{topic_id}/reply", {"csrf_token": t, "body": f"Mine too, since 8:00 ({i})"}
            )
            for i, (m, t) in enumerate(zip(people, tokens, strict=True))
        ]
    )
    assert _statuses(answers) == [302]  # each back to its new post
    db.session.expire_all()
    assert _numbers(topic_id) == list(range(1, 26))


def test_one_form_sent_again_and_again_at_once_posts_once(members):
    """A member pressing Send again and again while the hub is slow gets one reply."""
    topic_id = make_topic().id
    [member] = members(1)
    form = member.form_fields(f"/t/{topic_id}") | {"body": "Is anyone there?"}
    answers = burst([lambda: member.post_form(f"/t/{topic_id}/reply", form) for _ in range(8)])
    assert _statuses(answers) == [302]
    assert len({answer.headers["Location"] for answer in answers}) == 1
    db.session.expire_all()
    assert _numbers(topic_id) == [1, 2]


def test_one_request_sent_again_at_once_under_its_key_posts_once(members):
    topic_id = make_topic().id
    [member] = members(1)
    key = {"Idempotency-Key": "reply-to-the-outage-1"}
    answers = burst(
        [lambda: member.api("POST", f"/topics/{topic_id}/posts", {"body": "+1"}, key)] * 8
    )
    assert _statuses(answers) == [201]
    assert len({answer.json()["id"] for answer in answers}) == 1
    db.session.expire_all()
    assert _numbers(topic_id) == [1, 2]
    assert db.session.get(Topic, topic_id).reply_count == 1


def test_comments_on_one_wall_post_all_kept(members):
    expert = make_user(role="expert")
    issue_id = walls.create_wall_post(expert, "company", "DSL is down in Kiel since 8:00.").id
    people = members(48)
    comments = burst(
        [
            lambda m=m, i=i: m.api(
                "POST", f"/walls/posts/{issue_id}/comments", {"body": f"Here too ({i})"}
            )
            for i, m in enumerate(people)
        ]
    )
    assert _statuses(comments) == [201]
    db.session.expire_all()
    assert _numbers(issue_id) == list(range(1, 50))
    assert db.session.get(Topic, issue_id).reply_count == 48


def test_votes_on_one_answer_all_counted(members):
    answer_id = make_reply(make_topic()).id
    people = members(40)
    votes = burst(
        [lambda m=m: m.api("POST", f"/posts/{answer_id}/votes", {"value": 1}) for m in people]
    )
    assert _statuses(votes) == [200]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.post_id == answer_id)) == 40
    assert db.session.get(Post, answer_id).score == 40


def test_one_member_clicking_vote_many_times_at_once_counts_once(members):
    answer_id = make_reply(make_topic()).id
    (member,) = members(1)
    votes = burst([lambda: member.api("POST", f"/posts/{answer_id}/votes", {"value": 1})] * 8)
    assert _statuses(votes) == [200]
    db.session.expire_all()
    assert db.session.get(Post, answer_id).score == 1


def test_likes_on_one_wall_post_all_counted(members):
    expert = make_user(role="expert")
    issue_id = walls.create_wall_post(expert, "company", "Maintenance tonight from 2 to 4.").id
    opening_id = db.session.scalar(
        select(Post.id).where(Post.topic_id == issue_id, Post.number == 1)
    )
    people = members(40)
    likes = burst([lambda m=m: m.api("POST", f"/posts/{opening_id}/likes") for m in people])
    likes += burst([lambda: people[0].api("POST", f"/posts/{opening_id}/likes")] * 6)
    assert max(_statuses(likes)) < 300
    assert db.session.scalar(select(func.count(Like.id)).where(Like.post_id == opening_id)) == 40


def test_reports_arriving_together_hide_the_post_once(members):
    settings.store(auto_hide_reporters=5)
    post_id = make_reply(make_topic()).id
    people = members(12)
    reports = burst(
        [lambda m=m: m.api("POST", f"/posts/{post_id}/flags", {"reason": "spam"}) for m in people]
    )
    assert _statuses(reports) == [201]
    db.session.expire_all()
    flags = db.session.scalar(select(func.count(Flag.id)).where(Flag.target_id == post_id))
    assert flags == 12
    assert db.session.get(Post, post_id).is_hidden
    hides = select(func.count(ModerationAction.id)).where(
        ModerationAction.target_id == post_id, ModerationAction.action == Action.AUTO_HIDE.value
    )
    assert db.session.scalar(hides) == 1


def test_registrations_at_once_each_name_taken_once(hub_server):
    settings.store(registrations_per_ip=100)
    import requests

    def register(name: str, n: int):
        body = {
            "username": name,
            "email": f"{name}{n}@example.com",
            "password": "a long pass phrase",
        }
        return requests.post(hub_server + "/api/v1/users", json=body, timeout=60)

    # Nine in all: the per-address limit of ten an hour holds even if one process gets them all.
    answers = burst(
        [lambda n=n: register(f"newcomer{n}", n) for n in range(5)]
        + [lambda n=n: register("kielcustomer", n) for n in range(4)]
    )
    distinct, same = answers[:5], answers[5:]
    assert _statuses(distinct) == [201]
    assert sorted(a.status_code for a in same)[0] == 201
    assert [a.status_code for a in same].count(201) == 1
    assert all(a.status_code in (409, 422) for a in same if a.status_code != 201)
    from hub.accounts.models import User

    names = db.session.scalars(select(User.username_key).where(User.username_key.like("%e%")))
    assert sorted(n for n in names if n.startswith(("newcomer", "kielcustomer"))) == sorted(
        [f"newcomer{n}" for n in range(5)] + ["kielcustomer"]
    )


def test_faq_helpful_votes_all_counted(members):
    expert = make_user(role="expert")
    category = make_category()
    entry_id = faq.create_entry(
        expert, category.slug, "How do I restart the router?", "Unplug it for ten seconds."
    ).id
    people = members(30)
    tokens = [m.form_token(f"/faq/{entry_id}") for m in people]
    votes = burst(
        [
            lambda m=m, t=t: m.post_form(
                f"/faq/{entry_id}/helpful", {"csrf_token": t, "helpful": "yes"}
            )
            for m, t in zip(people, tokens, strict=True)
        ]
    )
    assert _statuses(votes) == [302]
    db.session.expire_all()
    assert db.session.get(FaqEntry, entry_id).helpful_yes == 30


def test_chat_messages_from_many_members_all_stored(members, hub_server):
    admin = make_user(role="admin")
    slug = chat.create_room(admin, "outage-kiel", "Outage Kiel").slug
    people = members(12)  # at most 12 sockets on one process, within its 16 threads
    clients = [Client(hub_server, m.token) for m in people]
    try:
        for client in clients:
            assert client.call("join", {"room": slug})["ok"]

        def send(client, n):
            return [client.call("chat", {"room": slug, "body": f"{n}.{i}"}) for i in range(5)]

        acks = [
            ack
            for sent in burst([lambda c=c, n=n: send(c, n) for n, c in enumerate(clients)])
            for ack in sent
        ]
    finally:
        for client in clients:
            client.disconnect()
    assert all(ack["ok"] for ack in acks), [ack for ack in acks if not ack["ok"]][:3]
    stored = chat.messages_after(admin, slug, 0, limit=200)
    assert sorted(m.id for m in stored) == sorted(ack["message"]["id"] for ack in acks)
    assert len(stored) == 60
    db.session.expire_all()
    assert chat.get_room(admin, slug).message_count == 60


def test_admins_saving_one_legal_page_at_once_get_a_version_each(members):
    from hub.legal.models import LegalPage, LegalPageVersion

    admins = members(8, role="admin")
    tokens = [a.form_token("/admin/pages/imprint") for a in admins]
    saves = burst(
        [
            lambda a=a, t=t, i=i: a.post_form(
                "/admin/pages/imprint",
                {"csrf_token": t, "text_en": f"Imprint, draft {i}", "action": "save"},
            )
            for i, (a, t) in enumerate(zip(admins, tokens, strict=True))
        ]
    )
    assert _statuses(saves) == [302]  # the first saves race to make the page: the losers rerun
    db.session.expire_all()
    versions = db.session.execute(
        select(LegalPageVersion.version, LegalPageVersion.text_en).order_by(
            LegalPageVersion.version
        )
    ).all()
    assert [v for v, _ in versions] == list(range(1, 9))  # no twins, no gaps
    assert {text for _, text in versions} == {f"Imprint, draft {i}" for i in range(8)}
    page = db.session.get(LegalPage, "imprint")
    assert (page.version, page.text_en) == (8, versions[-1][1])  # the page shows the last
