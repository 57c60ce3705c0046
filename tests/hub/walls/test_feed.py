"""The feed: what a member follows, newest first, in a constant number of queries."""

from datetime import timedelta

from sqlalchemy import event, update

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import answers, follows
from hub.forums.models import Post
from hub.walls import queries, recognition
from hub.walls import service as walls
from tests.factories import make_category, make_reply, make_topic, make_user


def _titles(page) -> list[str]:
    return [p.topic.title if p.number == 1 else f"reply:{p.topic.title}" for p in page.items]


def _age(topic_or_post, minutes: int) -> None:
    """Move a post back in time so the order is certain."""
    when = utcnow() - timedelta(minutes=minutes)
    ids = [topic_or_post.id] if isinstance(topic_or_post, Post) else None
    stmt = update(Post).values(created_at=when)
    stmt = stmt.where(Post.id.in_(ids)) if ids else stmt.where(Post.topic_id == topic_or_post.id)
    db.session.execute(stmt)
    db.session.commit()


def test_feed_contents_and_order(app):
    me, friend, stranger = make_user("reader"), make_user("friend"), make_user("stranger")
    expert = make_user("expert", role="expert")
    followed_cat, other_cat = make_category("routers"), make_category("phones")
    question = make_topic(stranger, followed_cat, title="Router blinks red all day")
    _age(question, 50)
    make_topic(stranger, other_cat, title="Phone will not charge at all")
    watched = make_topic(stranger, other_cat, title="Which cable do I need here")
    _age(watched, 60)
    reply = make_reply(watched, friend)
    _age(reply, 30)
    wall_post = walls.create_wall_post(friend, "friend", "Friend's wall news")
    _age(wall_post, 20)
    walls.create_wall_post(stranger, "stranger", "Stranger's wall news")
    news = walls.create_wall_post(expert, "company", "Company news for all")
    _age(news, 10)

    follows.follow(me, "space", followed_cat.id)
    follows.follow(me, "topic", watched.id)
    follows.follow(me, "user", friend.id)

    page = queries.feed(me)
    assert _titles(page) == [
        "Company news for all",
        "Friend's wall news",
        "reply:Which cable do I need here",
        "Router blinks red all day",
    ]
    assert page.next is None

    follows.unfollow(me, "user", friend.id)
    assert "Friend's wall news" not in _titles(queries.feed(me))


def test_cursor_pagination(app):
    me, expert = make_user("reader"), make_user("expert", role="expert")
    for n in range(5):
        walls.create_wall_post(expert, "company", f"News number {n}")
    first = queries.feed(me, limit=2)
    second = queries.feed(me, first.next, limit=2)
    third = queries.feed(me, second.next, limit=2)
    seen = _titles(first) + _titles(second) + _titles(third)
    assert seen == [f"News number {n}" for n in (4, 3, 2, 1, 0)]
    assert third.next is None


def _count_queries(fn) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_feed_queries_do_not_grow_with_follows(app):
    people = [
        User(
            username=f"person{n}",
            username_key=f"person{n}",
            email=f"person{n}@example.com",
            email_key=f"person{n}@example.com",
            created_at=utcnow() - timedelta(days=30),
        )
        for n in range(200)
    ]
    db.session.add_all(people)
    db.session.commit()
    for person in people[:30]:
        walls.create_wall_post(person, person.username, f"Hello from {person.username}")
    few, many = make_user("fewfollows"), make_user("manyfollows")
    for person in people[:5]:
        follows.add(few.id, "user", person.id)
    for person in people:
        follows.add(many.id, "user", person.id)
    db.session.commit()
    few_id, many_id = few.id, many.id
    db.session.expunge_all()  # nothing cached from writing: every row is loaded as a reader's
    few = db.session.get(User, few_id)
    few_count = _count_queries(lambda: queries.feed(few))
    db.session.expunge_all()
    many = db.session.get(User, many_id)
    many_count = _count_queries(lambda: queries.feed(many))
    assert len(queries.feed(many).items) == 25
    assert few_count == many_count <= 4


def test_feed_page_for_members_and_visitors(client, login, app):
    expert = make_user("expert", role="expert")
    walls.create_wall_post(expert, "company", "Maintenance on Sunday")
    question = make_topic(make_user("asker"), title="Nobody answered this one yet")
    visitor_page = client.get("/feed").get_data(as_text=True)
    assert "Maintenance on Sunday" in visitor_page
    assert "Nobody answered this one yet" in visitor_page
    login(make_user("reader"))
    member_page = client.get("/feed").get_data(as_text=True)
    assert "Maintenance on Sunday" in member_page
    assert question.title not in member_page  # not followed


def test_follow_and_unfollow_a_member_from_the_wall(client, login, app):
    friend = make_user("friend")
    me = login(make_user("reader"))
    assert client.post("/wall/friend/follow").status_code == 302
    assert follows.is_following(me, "user", friend.id)
    assert client.post("/wall/friend/unfollow").status_code == 302
    assert not follows.is_following(me, "user", friend.id)


def test_recognition_and_top_helpers(app):
    helper, asker = make_user("helper"), make_user("asker")
    for n in range(2):
        topic = make_topic(asker, make_category(), title=f"Question number {n} here")
        reply = make_reply(topic, helper)
        answers.accept_answer(asker, reply.id)
        answers.vote(asker, reply.id)
    seen = recognition.for_person(helper)
    assert (seen.accepted, seen.helpful, seen.categories) == (2, 2, 2)
    assert [key for key, _label in seen.badges] == ["first_accepted"]
    assert recognition.top_helpers() == [(helper, 2)]
