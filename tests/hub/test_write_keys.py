"""A write sent again under its write key is stored once and answered with what was stored:
the HTML forms carry the key, API clients send an Idempotency-Key header."""

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from hub.accounts.service import create_api_token
from hub.core import transactions
from hub.core.extensions import db
from hub.forums.models import Post, Topic
from hub.walls import service as walls
from tests.factories import make_category, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


def auth(user, key: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {create_api_token(user)}"}
    return headers | ({"Idempotency-Key": key} if key else {})


def posts_in(topic_id: int) -> list[str]:
    stmt = select(Post.raw).where(Post.topic_id == topic_id).order_by(Post.number)
    return list(db.session.scalars(stmt))


def write_key_of(client, path: str) -> str:
    """The write key of the form on a page, as the browser sends it back."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    return re.search(r'name="write_key" type="hidden" value="([^"]+)"', html).group(1)


class TestForms:
    def test_a_reply_form_sent_twice_posts_once(self, client, login):
        topic = make_topic()
        login(make_user())
        key = write_key_of(client, f"/t/{topic.id}")
        form = {"body": "Same here since 8:00.", "write_key": key}

        first = client.post(f"/t/{topic.id}/reply", data=form)
        again = client.post(f"/t/{topic.id}/reply", data=form)

        assert first.status_code == again.status_code == 302
        assert first.location == again.location  # both to the one reply
        assert posts_in(topic.id).count("Same here since 8:00.") == 1
        assert reload(topic).reply_count == 1

    def test_each_showing_of_the_form_has_a_key_of_its_own(self, client, login):
        topic = make_topic()
        login(make_user())
        assert write_key_of(client, f"/t/{topic.id}") != write_key_of(client, f"/t/{topic.id}")

    def test_other_text_under_an_old_key_is_a_new_reply(self, client, login):
        """Back to the old form, something else written: that is not the old reply again."""
        topic = make_topic()
        login(make_user())
        key = write_key_of(client, f"/t/{topic.id}")
        client.post(f"/t/{topic.id}/reply", data={"body": "It blinks red.", "write_key": key})
        client.post(f"/t/{topic.id}/reply", data={"body": "Now it is green.", "write_key": key})
        assert posts_in(topic.id)[1:] == ["It blinks red.", "Now it is green."]

    def test_a_question_sent_twice_is_asked_once(self, client, login):
        category = make_category("router")
        login(make_user())
        key = write_key_of(client, f"/c/{category.slug}/ask")
        form = {
            "category": "router",
            "kind": "question",
            "title": "Router drops the line every evening",
            "body": "Since the update.",
            "write_key": key,
        }
        assert client.post("/ask", data=form).location == client.post("/ask", data=form).location
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 1

    def test_a_wall_comment_sent_twice_is_stored_once(self, client, login):
        issue = walls.create_wall_post(make_user(role="expert"), "company", "DSL down in Kiel.")
        login(make_user())
        key = write_key_of(client, f"/w/{issue.id}")
        form = {"body": "Here too.", "write_key": key}
        first = client.post(f"/w/{issue.id}/comments", data=form)
        assert client.post(f"/w/{issue.id}/comments", data=form).location == first.location
        assert posts_in(issue.id) == ["DSL down in Kiel.", "Here too."]


class TestApi:
    def test_a_reply_sent_again_is_answered_with_the_first(self, client):
        topic, member = make_topic(), make_user()
        body = {"body": "Mine too."}
        first = client.post(
            f"/api/v1/topics/{topic.id}/posts", json=body, headers=auth(member, "k1")
        )
        again = client.post(
            f"/api/v1/topics/{topic.id}/posts", json=body, headers=auth(member, "k1")
        )
        assert first.status_code == again.status_code == 201
        assert first.get_json()["id"] == again.get_json()["id"]
        assert posts_in(topic.id).count("Mine too.") == 1

    def test_without_a_key_every_request_is_a_post(self, client):
        topic, member = make_topic(), make_user()
        for _ in range(2):
            client.post(
                f"/api/v1/topics/{topic.id}/posts", json={"body": "Hi"}, headers=auth(member)
            )
        assert posts_in(topic.id).count("Hi") == 2

    def test_keys_are_per_member(self, client):
        """Two clients that happen to pick the same key do not share their posts."""
        topic = make_topic()
        for name in ("anna", "ben"):
            headers = auth(make_user(name), "retry-1")
            client.post(f"/api/v1/topics/{topic.id}/posts", json={"body": "+1"}, headers=headers)
        assert posts_in(topic.id).count("+1") == 2

    @pytest.mark.parametrize("key", ["with space", "x" * 256, "schlüssel"])
    def test_a_malformed_key_is_refused_and_nothing_stored(self, client, key):
        topic, member = make_topic(), make_user()
        headers = {"Authorization": f"Bearer {create_api_token(member)}"}
        headers["Idempotency-Key"] = key.encode().decode("latin-1")
        answer = client.post(
            f"/api/v1/topics/{topic.id}/posts", json={"body": "Hi"}, headers=headers
        )
        assert answer.status_code == 422
        assert "Idempotency-Key" in answer.get_json()["error"]["fields"]
        assert len(posts_in(topic.id)) == 1  # the opening post alone

    def test_topics_wall_posts_and_comments_too(self, client):
        make_category("router")
        expert, member = make_user(role="expert"), make_user()
        question = {"category": "router", "kind": "question", "title": "No line since 8:00"}
        question["body"] = "The light is red."
        asked = [
            client.post("/api/v1/topics", json=question, headers=auth(member, "q")).get_json()["id"]
            for _ in range(2)
        ]
        issue = {"body": "DSL is down in Kiel.", "known_issue": True}
        posted = [
            client.post("/api/v1/walls/company/posts", json=issue, headers=auth(expert, "w"))
            for _ in range(2)
        ]
        wall_ids = {answer.get_json()["id"] for answer in posted}
        comments = [
            client.post(
                f"/api/v1/walls/posts/{min(wall_ids)}/comments",
                json={"body": "Here too"},
                headers=auth(member, "c"),
            ).get_json()["id"]
            for _ in range(2)
        ]
        assert asked[0] == asked[1] and len(wall_ids) == 1 and comments[0] == comments[1]
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 2
        assert db.session.scalar(select(func.count()).select_from(Post)) == 3

    def test_the_document_names_the_header_where_it_is_honoured(self, client):
        document = client.get("/api/v1/openapi.json").get_json()

        def takes_key(path, method):
            parameters = document["paths"][path][method]["parameters"]
            return any(p["name"] == "Idempotency-Key" for p in parameters)

        assert takes_key("/api/v1/topics/{topic_id}/posts", "post")
        assert takes_key("/api/v1/walls/posts/{topic_id}/comments", "post")
        assert not takes_key("/api/v1/posts/{post_id}/votes", "post")


class TestRunningAgain:
    """After a commit, an action runs again only when that commit stored a keyed write."""

    @staticmethod
    def dropped() -> OperationalError:
        reason = Exception("server closed the connection unexpectedly")
        return OperationalError("SELECT 1", {}, reason, connection_invalidated=True)

    def run(self, *commits: str | None) -> list[int]:
        """An action that commits like this on its first run, then loses its connection."""
        runs = []

        def action():
            runs.append(len(runs) + 1)
            if len(runs) == 1:
                for key in commits:
                    transactions.commit(key)
                raise self.dropped()

        transactions.attempt(action, "test")
        return runs

    def test_a_keyed_write_and_what_its_receivers_commit_may_run_again(self):
        assert self.run("key") == [1, 2]
        assert self.run("key", None) == [1, 2]  # e.g. the search index after the post

    def test_a_plain_write_does_not(self):
        with pytest.raises(OperationalError):
            self.run(None)
        with pytest.raises(OperationalError):
            self.run(None, "key")  # the plain write would be made twice
