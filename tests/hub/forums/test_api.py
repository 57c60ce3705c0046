"""/api/v1 categories, topics and posts: shapes, auth, permissions, errors and pagination."""

from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from hub.accounts.service import create_api_token
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import answers, follows
from hub.forums import service as forums
from hub.forums.api.schemas import CategoryListOut, PostOut, TopicListOut, TopicOut, TopicPageOut
from hub.forums.models import BODY_MAX, Follow, Post, PostRevision, Topic, Vote
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")

QUESTION = {
    "category": "router",
    "kind": "question",
    "title": "Router drops the line every evening",
    "body": "Since the update it **drops** at 8 pm.",
}


def auth(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    return response.get_json()["error"]


def rows() -> dict[str, int]:
    models = (Topic, Post, PostRevision, Vote, Follow)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


def opening_of(topic) -> Post:
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


@pytest.fixture
def category():
    return make_category("router")


@pytest.fixture
def member():
    return make_user("mia")


@pytest.fixture
def expert():
    return make_user("erik", role="expert")


@pytest.fixture
def moderator():
    return make_user("moritz", role="moderator")


@pytest.fixture
def question(category, member):
    return make_topic(member, category)


@pytest.fixture
def private_topic(expert):
    return make_topic(expert, make_category("team-room", private=True), title="Team notes here")


class TestCategories:
    def test_lists_what_the_caller_may_see(self, client, expert, question, private_topic):
        body = client.get("/api/v1/categories").get_json()
        CategoryListOut.model_validate(body)
        assert [c["slug"] for c in body["items"]] == ["router"]
        assert body["items"][0]["topic_count"] == 1 and body["next"] is None
        team = client.get("/api/v1/categories", headers=auth(expert)).get_json()
        assert {c["slug"] for c in team["items"]} == {"router", "team-room"}


class TestCreateTopic:
    def test_member_asks_a_question(self, client, category, member):
        response = client.post(
            "/api/v1/topics", json={**QUESTION, "tags": ["WLAN", "ipv6"]}, headers=auth(member)
        )
        assert response.status_code == 201
        topic = TopicOut.model_validate_json(response.data).model_dump()
        assert topic["category"] == "router" and topic["kind"] == "question"
        assert topic["title"] == QUESTION["title"] and topic["tags"] == ["ipv6", "wlan"]
        assert topic["url"] == (
            f"http://localhost/t/{topic['id']}-router-drops-the-line-every-evening"
        )
        assert topic["author"]["username"] == "mia" and "email" not in topic["author"]
        assert topic["reply_count"] == 0 and topic["accepted_post_id"] is None
        assert topic["is_solved"] is False and topic["has_expert_reply"] is False
        assert topic["created_at"].endswith("+00:00")
        assert "posts" not in response.get_json()

    def test_needs_a_token(self, client, category):
        before = rows()
        response = client.post("/api/v1/topics", json=QUESTION)
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"
        assert rows() == before

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"title": ""}, "title"),
            ({"title": "   "}, "title"),
            ({"title": "?!?! ... !!!"}, "title"),
            ({"title": "x" * 201}, "title"),
            ({"body": ""}, "body"),
            ({"body": " \n\t "}, "body"),
            ({"body": "x" * (BODY_MAX + 1)}, "body"),
            ({"kind": "wall"}, "kind"),
            ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
            ({"tags": ["c++"]}, "tags"),
            ({"category": "no/such"}, "category"),
        ],
        ids=lambda v: str(v)[:20] if isinstance(v, dict) else v,
    )
    def test_bad_values_are_422_naming_the_field(self, client, category, member, change, field):
        before = rows()
        response = client.post("/api/v1/topics", json={**QUESTION, **change}, headers=auth(member))
        assert response.status_code == 422, response.get_json()
        assert error_of(response)["code"] == "invalid"
        assert set(error_of(response)["fields"]) == {field}
        assert rows() == before

    @pytest.mark.parametrize(
        "change",
        [{"title": 5}, {"tags": "router wlan"}, {"pinned": True}, {"body": None}],
        ids=["number-title", "string-tags", "unknown-field", "null-body"],
    )
    def test_wrong_types_and_unknown_fields_are_400(self, client, category, member, change):
        response = client.post("/api/v1/topics", json={**QUESTION, **change}, headers=auth(member))
        assert response.status_code == 400 and error_of(response)["code"] == "bad_request"
        assert rows()["Topic"] == 0

    def test_missing_field_is_422(self, client, category, member):
        body = {k: v for k, v in QUESTION.items() if k != "body"}
        response = client.post("/api/v1/topics", json=body, headers=auth(member))
        assert response.status_code == 422 and "body" in error_of(response)["fields"]

    def test_unknown_category_is_404(self, client, category, member):
        response = client.post(
            "/api/v1/topics", json={**QUESTION, "category": "nowhere"}, headers=auth(member)
        )
        assert response.status_code == 404 and rows()["Topic"] == 0

    def test_private_category_is_404_for_members_and_open_to_the_team(self, client, member, expert):
        make_category("team-room", private=True)
        body = {**QUESTION, "category": "team-room"}
        response = client.post("/api/v1/topics", json=body, headers=auth(member))
        assert response.status_code == 404 and rows()["Topic"] == 0
        assert client.post("/api/v1/topics", json=body, headers=auth(expert)).status_code == 201

    def test_nul_bytes_are_dropped_before_the_database(self, client, category, member):
        # PostgreSQL refuses NUL in text; a stray one must not become a 500.
        body = {**QUESTION, "body": "zero \x00byte", "title": "Router\x00 drops the line"}
        response = client.post("/api/v1/topics", json=body, headers=auth(member))
        assert response.status_code == 201
        assert response.json["title"] == "Router drops the line"
        topic = db.session.get(Topic, response.json["id"])
        assert opening_of(topic).raw == "zero byte"
        slug = client.get("/api/v1/topics?category=rou%00ter")
        assert slug.status_code == 422 and "category" in error_of(slug)["fields"]


def _backdate(topic, minutes: int) -> None:
    topic = db.session.get(Topic, topic.id)
    topic.last_activity_at = utcnow() - timedelta(minutes=minutes)
    db.session.commit()


class TestListTopics:
    def test_newest_activity_first_without_private_topics(
        self, client, category, member, private_topic
    ):
        old = make_topic(member, category, title="Old question here")
        new = make_topic(member, category, title="New question here")
        _backdate(old, 60), _backdate(new, 5)
        body = client.get("/api/v1/topics").get_json()
        TopicListOut.model_validate(body)
        assert [t["id"] for t in body["items"]] == [new.id, old.id] and body["next"] is None
        assert "posts" not in body["items"][0]
        team = client.get("/api/v1/topics", headers=auth(make_user(role="moderator"))).get_json()
        assert private_topic.id in [t["id"] for t in team["items"]]

    def test_filters(self, client, category, member, expert):
        waiting = make_topic(member, category, title="Waiting for an answer")
        team_answered = make_topic(member, category, title="Answered by the team")
        make_reply(team_answered, expert)
        solved = make_topic(member, category, title="Solved by the crowd")
        answers.accept_answer(member, make_reply(solved).id)
        talk = forums.create_topic(member, "router", "discussion", "Favourite routers", "Yours?")
        other = make_topic(member, make_category("billing"), title="Invoice shows twice")

        def ids(query: str) -> set[int]:
            response = client.get(f"/api/v1/topics?{query}")
            assert response.status_code == 200, response.get_json()
            return {t["id"] for t in response.get_json()["items"]}

        assert ids("unanswered=1") == {waiting.id, other.id}
        assert ids("solved=1") == {solved.id}
        assert ids("kind=discussion") == {talk.id}
        assert ids("category=billing") == {other.id}
        assert ids("category=router&unanswered=1") == {waiting.id}
        assert ids("category=&kind=&unanswered=1&cursor=") == {waiting.id, other.id}

    @pytest.mark.parametrize(
        ("query", "status", "field"),
        [
            ("category=nowhere", 404, None),
            ("category=team-room", 404, None),
            ("kind=wall", 422, "kind"),
            ("unanswered=maybe", 422, "unanswered"),
            ("unanswered=1&solved=1", 422, "solved"),
            ("cursor=bm9wZQ", 422, "cursor"),
            ("cursor=%%%", 422, "cursor"),
        ],
    )
    def test_bad_queries(self, client, category, private_topic, query, status, field):
        response = client.get(f"/api/v1/topics?{query}")
        assert response.status_code == status
        if field:
            assert set(error_of(response)["fields"]) == {field}

    def test_pages_with_next_cursors(self, client, category, member):
        made = [make_topic(member, category, title=f"Question number {n}") for n in range(33)]
        for age, topic in enumerate(made):
            _backdate(topic, 100 - age)  # the last made is the newest
        first = client.get("/api/v1/topics").get_json()
        assert len(first["items"]) == 30 and first["next"]
        second = client.get(f"/api/v1/topics?cursor={first['next']}").get_json()
        assert second["next"] is None
        seen = [t["id"] for t in first["items"] + second["items"]]
        assert seen == [t.id for t in reversed(made)]


class TestGetTopic:
    def test_topic_with_its_posts_in_number_order(self, client, question, expert):
        reply = make_reply(question, expert, body="Restart it, please.")
        answers.accept_answer(question.author, reply.id)
        response = client.get(f"/api/v1/topics/{question.id}")
        assert response.status_code == 200
        body = TopicPageOut.model_validate_json(response.data).model_dump()
        assert [p["number"] for p in body["posts"]] == [1, 2] and body["next"] is None
        assert body["accepted_post_id"] == reply.id and body["is_solved"]
        assert body["has_expert_reply"] and body["reply_count"] == 1
        second = body["posts"][1]
        assert second["is_accepted"] and second["author"]["is_expert"]
        assert second["html"] == "<p>Restart it, please.</p>\n"
        assert [p["id"] for p in body["pinned"]] == [reply.id]

    def test_pages_of_posts_with_next_cursors(self, client, question):
        replier = make_user()
        for n in range(41):
            make_reply(question, replier, body=f"Reply {n}")
        first = client.get(f"/api/v1/topics/{question.id}").get_json()
        assert [p["number"] for p in first["posts"]] == list(range(1, 22))
        second = client.get(f"/api/v1/topics/{question.id}?cursor={first['next']}").get_json()
        assert [p["number"] for p in second["posts"]] == list(range(22, 42))
        assert second["pinned"] == []
        third = client.get(f"/api/v1/topics/{question.id}?cursor={second['next']}").get_json()
        assert [p["number"] for p in third["posts"]] == [42] and third["next"] is None

    @pytest.mark.parametrize("topic_id", [4711, 2**31, 10**20])
    def test_unknown_topic_is_404(self, client, category, topic_id):
        response = client.get(f"/api/v1/topics/{topic_id}")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"

    def test_statements_do_not_grow_with_posts_and_voters(self, client, app, question, member):
        url, headers = f"/api/v1/topics/{question.id}", auth(member)

        def statements() -> int:
            seen = []
            listener = lambda *args: seen.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                response = client.get(url, headers=headers)
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            assert response.status_code == 200
            return len(seen)

        make_reply(question)
        small = statements()
        for _ in range(8):
            reply = make_reply(question, make_user())
            answers.vote(member, reply.id)
            answers.vote(make_user(), reply.id)
        assert statements() == small

    def test_private_topic_is_404_for_visitors_and_members(
        self, client, member, expert, moderator, private_topic
    ):
        url = f"/api/v1/topics/{private_topic.id}"
        assert client.get(url).status_code == 404
        assert client.get(url, headers=auth(member)).status_code == 404
        assert client.get(url, headers=auth(expert)).status_code == 200
        assert client.get(url, headers=auth(moderator)).status_code == 200

    def test_raw_only_for_the_author_and_the_team(self, client, question, member, moderator):
        make_reply(question, body="Plain *markdown*")
        url = f"/api/v1/topics/{question.id}"

        def raws(headers=None) -> list:
            return [p.get("raw") for p in client.get(url, headers=headers).get_json()["posts"]]

        assert raws() == [None, None]
        assert raws(auth(make_user())) == [None, None]
        assert raws(auth(member)) == [question_body(question), None]  # only their own
        assert raws(auth(make_user(role="expert"))) == [question_body(question), "Plain *markdown*"]
        assert raws(auth(moderator)) == [question_body(question), "Plain *markdown*"]

    def test_hidden_posts_are_blank_for_others(self, client, question, member, moderator):
        reply = make_reply(question, body="Buy cheap watches")
        reply.hidden_at, reply.hidden_reason = utcnow(), "Spam"
        db.session.commit()
        url = f"/api/v1/topics/{question.id}"

        def hidden_post(headers=None) -> dict:
            return client.get(url, headers=headers).get_json()["posts"][1]

        for viewer in (None, auth(member)):
            post = hidden_post(viewer)
            assert post["hidden"] is True and post["hidden_reason"] == "Spam"
            assert post["html"] == "" and "raw" not in post
        assert "cheap watches" in hidden_post(auth(reply.author))["html"]
        team_view = hidden_post(auth(moderator))
        assert "cheap watches" in team_view["html"] and team_view["raw"] == "Buy cheap watches"

    def test_voted_says_what_the_viewer_up_voted(self, client, question, member):
        reply = make_reply(question)
        answers.vote(member, reply.id)
        posts = client.get(f"/api/v1/topics/{question.id}", headers=auth(member)).json["posts"]
        assert [p["voted"] for p in posts] == [False, True]
        assert posts[1]["score"] == 1


def question_body(topic) -> str:
    return opening_of(topic).raw


class TestReply:
    def test_member_replies(self, client, question):
        replier = make_user()
        response = client.post(
            f"/api/v1/topics/{question.id}/posts",
            json={"body": "Try **this**"},
            headers=auth(replier),
        )
        assert response.status_code == 201
        post = PostOut.model_validate_json(response.data).model_dump()
        assert post["topic_id"] == question.id and post["number"] == 2
        assert (
            post["html"] == "<p>Try <strong>this</strong></p>\n" and post["raw"] == "Try **this**"
        )
        assert post["score"] == 0 and post["edited_at"] is None and post["hidden"] is False
        assert follows.is_following(replier, "topic", question.id)

    def test_needs_a_token(self, client, question):
        before = rows()
        response = client.post(f"/api/v1/topics/{question.id}/posts", json={"body": "Hi there"})
        assert response.status_code == 401 and rows() == before

    @pytest.mark.parametrize("body", ["", "   ", "x" * (BODY_MAX + 1)])
    def test_bad_body_is_422(self, client, question, member, body):
        before = rows()
        url = f"/api/v1/topics/{question.id}/posts"
        response = client.post(url, json={"body": body}, headers=auth(member))
        assert response.status_code == 422 and set(error_of(response)["fields"]) == {"body"}
        assert rows() == before

    @pytest.mark.parametrize("payload", [{"body": 42}, {"body": "Hi", "number": 1}, {}])
    def test_malformed_body(self, client, question, member, payload):
        url = f"/api/v1/topics/{question.id}/posts"
        response = client.post(url, json=payload, headers=auth(member))
        assert response.status_code == (422 if payload == {} else 400)

    def test_private_and_unknown_topics_are_404(self, client, member, private_topic):
        before = rows()
        for topic_id in (private_topic.id, 4711):
            url = f"/api/v1/topics/{topic_id}/posts"
            response = client.post(url, json={"body": "Let me in"}, headers=auth(member))
            assert response.status_code == 404
        assert rows() == before

    def test_locked_topic_is_403(self, client, question, member):
        question.is_locked = True
        db.session.commit()
        url = f"/api/v1/topics/{question.id}/posts"
        response = client.post(url, json={"body": "Hello there"}, headers=auth(member))
        assert response.status_code == 403 and error_of(response)["code"] == "forbidden"


class TestEditPost:
    def test_author_edits_and_a_revision_is_kept(self, client, question, member):
        opening = opening_of(question)
        response = client.patch(
            f"/api/v1/posts/{opening.id}",
            json={"body": "New text", "title": "Router drops the line at night", "reason": "typo"},
            headers=auth(member),
        )
        assert response.status_code == 200
        post = PostOut.model_validate_json(response.data)
        assert post.raw == "New text" and post.edited_at is not None
        assert reload(question).title == "Router drops the line at night"
        [revision] = forums.revisions(opening)
        assert revision.reason == "typo" and revision.editor_id == member.id

    def test_moderator_edits_anyones_post(self, client, question, moderator):
        reply = make_reply(question)
        url = f"/api/v1/posts/{reply.id}"
        response = client.patch(url, json={"body": "Tidied"}, headers=auth(moderator))
        assert response.status_code == 200 and reload(reply).raw == "Tidied"

    def test_other_member_is_403(self, client, question):
        before = rows()
        url = f"/api/v1/posts/{opening_of(question).id}"
        response = client.patch(url, json={"body": "Vandalised"}, headers=auth(make_user()))
        assert response.status_code == 403 and rows() == before

    def test_errors(self, client, question, member, private_topic):
        url = f"/api/v1/posts/{opening_of(question).id}"
        assert client.patch(url, json={"body": "x"}).status_code == 401
        response = client.patch(url, json={"body": " "}, headers=auth(member))
        assert response.status_code == 422 and set(error_of(response)["fields"]) == {"body"}
        response = client.patch(url, json={"body": "ok", "title": "!!!"}, headers=auth(member))
        assert response.status_code == 422 and set(error_of(response)["fields"]) == {"title"}
        assert (
            client.patch(url, json={"body": "ok", "x": 1}, headers=auth(member)).status_code == 400
        )
        assert (
            client.patch("/api/v1/posts/4711", json={"body": "x"}, headers=auth(member)).status_code
            == 404
        )
        hidden = f"/api/v1/posts/{opening_of(private_topic).id}"
        assert client.patch(hidden, json={"body": "x"}, headers=auth(member)).status_code == 404
        assert forums.revisions(opening_of(question)) == []


class TestAccept:
    def test_asker_accepts_then_changes_then_removes(self, client, question, member):
        first, second = make_reply(question), make_reply(question)
        response = client.post(f"/api/v1/posts/{first.id}/accept", headers=auth(member))
        assert response.status_code == 200
        assert TopicOut.model_validate_json(response.data).accepted_post_id == first.id
        response = client.post(f"/api/v1/posts/{second.id}/accept", headers=auth(member))
        assert response.get_json()["accepted_post_id"] == second.id
        # Removing a reply that is not the accepted one changes nothing.
        response = client.delete(f"/api/v1/posts/{first.id}/accept", headers=auth(member))
        assert response.status_code == 200 and response.get_json()["accepted_post_id"] == second.id
        response = client.delete(f"/api/v1/posts/{second.id}/accept", headers=auth(member))
        assert response.get_json()["accepted_post_id"] is None
        assert response.get_json()["is_solved"] is False

    @pytest.mark.parametrize("role", ["expert", "moderator"])
    def test_team_may_accept(self, client, question, role):
        reply = make_reply(question)
        response = client.post(
            f"/api/v1/posts/{reply.id}/accept", headers=auth(make_user(role=role))
        )
        assert response.status_code == 200 and reload(question).accepted_post_id == reply.id

    def test_other_member_is_403_and_nothing_changes(self, client, question):
        reply = make_reply(question)
        for method in (client.post, client.delete):
            response = method(f"/api/v1/posts/{reply.id}/accept", headers=auth(make_user()))
            assert response.status_code == 403
        assert reload(question).accepted_post_id is None

    def test_opening_post_is_422(self, client, question, member):
        url = f"/api/v1/posts/{opening_of(question).id}/accept"
        response = client.post(url, headers=auth(member))
        assert response.status_code == 422 and "post" in error_of(response)["fields"]
        assert reload(question).accepted_post_id is None

    def test_discussion_is_403(self, client, category, member):
        talk = forums.create_topic(member, "router", "discussion", "Favourite routers", "Yours?")
        reply = make_reply(talk)
        response = client.post(f"/api/v1/posts/{reply.id}/accept", headers=auth(member))
        assert response.status_code == 403 and reload(talk).accepted_post_id is None

    def test_needs_a_token_and_a_visible_post(self, client, question, member, private_topic):
        reply = make_reply(question)
        assert client.post(f"/api/v1/posts/{reply.id}/accept").status_code == 401
        assert client.post("/api/v1/posts/4711/accept", headers=auth(member)).status_code == 404
        hidden = make_reply(private_topic, make_user(role="expert"))
        url = f"/api/v1/posts/{hidden.id}/accept"
        assert client.post(url, headers=auth(member)).status_code == 404


class TestOfficial:
    def test_expert_marks_and_unmarks_a_team_reply(self, client, question, expert):
        reply = make_reply(question, expert)
        response = client.post(f"/api/v1/posts/{reply.id}/official", headers=auth(expert))
        assert response.status_code == 200
        post = PostOut.model_validate_json(response.data)
        assert post.is_official and post.official_by.username == "erik" and post.official_at
        response = client.delete(f"/api/v1/posts/{reply.id}/official", headers=auth(expert))
        assert response.get_json()["is_official"] is False
        assert response.get_json()["official_by"] is None

    def test_a_members_reply_is_403(self, client, question, expert):
        reply = make_reply(question)
        response = client.post(f"/api/v1/posts/{reply.id}/official", headers=auth(expert))
        assert response.status_code == 403 and not reload(reply).is_official

    def test_a_member_is_403(self, client, question, expert, member):
        reply = make_reply(question, expert)
        response = client.post(f"/api/v1/posts/{reply.id}/official", headers=auth(member))
        assert response.status_code == 403 and not reload(reply).is_official
        assert client.post(f"/api/v1/posts/{reply.id}/official").status_code == 401


class TestVotes:
    def test_vote_is_idempotent_and_can_be_taken_back(self, client, question, member):
        reply = make_reply(question)
        url = f"/api/v1/posts/{reply.id}/votes"
        for _ in range(2):
            response = client.post(url, json={"value": 1}, headers=auth(member))
            assert response.status_code == 200
            post = PostOut.model_validate_json(response.data)
            assert post.score == 1 and post.voted
        assert rows()["Vote"] == 1
        response = client.delete(url, headers=auth(member))
        assert response.status_code == 200 and response.get_json()["score"] == 0
        assert response.get_json()["voted"] is False and rows()["Vote"] == 0
        response = client.delete(url, headers=auth(member))
        assert response.status_code == 409 and error_of(response)["code"] == "conflict"

    def test_value_defaults_to_an_up_vote(self, client, question, member):
        reply = make_reply(question)
        response = client.post(f"/api/v1/posts/{reply.id}/votes", json={}, headers=auth(member))
        assert response.status_code == 200 and response.get_json()["score"] == 1

    def test_own_post_is_403_and_nothing_changes(self, client, question):
        reply = make_reply(question)
        url = f"/api/v1/posts/{reply.id}/votes"
        response = client.post(url, json={"value": 1}, headers=auth(reply.author))
        assert response.status_code == 403 and rows()["Vote"] == 0
        assert reload(reply).score == 0

    @pytest.mark.parametrize(
        ("payload", "status"),
        [({"value": -1}, 422), ({"value": 2}, 422), ({"value": "1"}, 400), ({"value": True}, 400)],
    )
    def test_only_up_votes(self, client, question, member, payload, status):
        reply = make_reply(question)
        url = f"/api/v1/posts/{reply.id}/votes"
        response = client.post(url, json=payload, headers=auth(member))
        assert response.status_code == status and rows()["Vote"] == 0

    def test_needs_a_token(self, client, question):
        reply = make_reply(question)
        response = client.post(f"/api/v1/posts/{reply.id}/votes", json={"value": 1})
        assert response.status_code == 401 and rows()["Vote"] == 0


class TestFollow:
    def test_follow_and_unfollow(self, client, question):
        reader = make_user()
        url = f"/api/v1/topics/{question.id}/follow"
        response = client.post(url, headers=auth(reader))
        assert response.status_code == 200
        assert response.get_json() == {"topic_id": question.id, "following": True}
        assert follows.is_following(reader, "topic", question.id)
        response = client.delete(url, headers=auth(reader))
        assert response.get_json()["following"] is False
        assert not follows.is_following(reader, "topic", question.id)

    def test_errors(self, client, question, member, private_topic):
        before = rows()
        assert client.post(f"/api/v1/topics/{question.id}/follow").status_code == 401
        for topic_id in (private_topic.id, 4711):
            url = f"/api/v1/topics/{topic_id}/follow"
            assert client.post(url, headers=auth(member)).status_code == 404
        assert rows() == before


def test_openapi_document_lists_the_forum_endpoints(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    expected = {
        "/api/v1/categories": {"get", "post"},
        "/api/v1/categories/{slug}": {"patch", "delete"},
        "/api/v1/topics": {"get", "post"},
        "/api/v1/topics/{topic_id}": {"get"},
        "/api/v1/topics/{topic_id}/posts": {"post"},
        "/api/v1/topics/{topic_id}/follow": {"post", "delete"},
        "/api/v1/posts/{post_id}": {"patch"},
        "/api/v1/posts/{post_id}/accept": {"post", "delete"},
        "/api/v1/posts/{post_id}/official": {"post", "delete"},
        "/api/v1/posts/{post_id}/votes": {"post", "delete"},
    }
    for path, methods in expected.items():
        assert set(doc["paths"][path]) == methods, path
        for method in methods:
            assert "$ref" in str(doc["paths"][path][method]["responses"]), (path, method)
    create = doc["paths"]["/api/v1/topics"]["post"]
    assert create["security"] == [{"bearer": []}] and "201" in create["responses"]
    schemas = doc["components"]["schemas"]
    assert set(schemas["TopicIn"]["required"]) == {"category", "kind", "title", "body"}
    assert schemas["TopicIn"]["properties"]["body"]["maxLength"] == BODY_MAX
    assert "raw" in schemas["PostOut"]["properties"]
    listed = {p["name"] for p in doc["paths"]["/api/v1/topics"]["get"]["parameters"]}
    assert {"category", "kind", "unanswered", "solved", "cursor"} <= listed
