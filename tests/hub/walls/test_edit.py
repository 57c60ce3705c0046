"""Editing wall posts and comments: authors and moderators, revisions kept, the title follows."""

import pytest

from hub.core.errors import Forbidden, Invalid, NotFound
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post
from hub.walls import service as walls
from tests.factories import make_topic, make_user


def _opening(topic) -> Post:
    return Post.query.filter_by(topic_id=topic.id, number=1).one()


@pytest.fixture
def wall_post(db):
    alice = make_user("alice")
    return walls.create_wall_post(alice, "alice", "Moving to a new flat next week")


class TestService:
    def test_the_author_edits_and_the_old_text_is_kept(self, wall_post):
        post = _opening(wall_post)
        walls.edit_wall_post(post.author, post.id, "Moved to a **new** flat", "typo")
        assert "<strong>new</strong>" in post.html and post.edited_at is not None
        assert wall_post.title == "Moved to a new flat"  # the title follows the text
        [revision] = forums.revisions(post)
        assert (revision.raw, revision.reason) == ("Moving to a new flat next week", "typo")

    def test_others_may_not_but_moderators_may(self, wall_post):
        post = _opening(wall_post)
        with pytest.raises(Forbidden):
            walls.edit_wall_post(make_user("bob"), post.id, "Mine now")
        walls.edit_wall_post(make_user("mod", role="moderator"), post.id, "Cleaned up")
        assert post.raw == "Cleaned up"

    def test_an_empty_text_is_refused_and_nothing_changes(self, wall_post):
        post = _opening(wall_post)
        with pytest.raises(Invalid):
            walls.edit_wall_post(post.author, post.id, "   ")
        db.session.rollback()
        assert post.raw == "Moving to a new flat next week" and post.edited_at is None

    def test_a_forum_post_is_not_a_wall_post(self, db):
        topic = make_topic(make_user("asker"))
        with pytest.raises(NotFound):
            walls.edit_wall_post(topic.author, _opening(topic).id, "changed")

    def test_no_mention_of_someone_who_blocked_the_author(self, wall_post):
        post = _opening(wall_post)
        carol = make_user("carol")
        walls.block(carol, "alice")
        with pytest.raises(Invalid):
            walls.edit_wall_post(post.author, post.id, "Hello @carol")


class TestPage:
    def test_edit_link_form_and_revisions(self, client, login, wall_post):
        post = _opening(wall_post)
        login(post.author)
        assert f"/wp/{post.id}/edit" in client.get(f"/w/{wall_post.id}").get_data(as_text=True)
        form = client.get(f"/wp/{post.id}/edit").get_data(as_text=True)
        assert "Moving to a new flat next week" in form and "Edit the wall post" in form
        assert f'action="/wp/{post.id}/edit"' in form
        response = client.post(
            f"/wp/{post.id}/edit", data={"body": "Moved last week", "reason": "done"}
        )
        assert response.status_code == 302
        page = client.get(f"/w/{wall_post.id}").get_data(as_text=True)
        assert "Moved last week" in page and f"/wp/{post.id}/revisions" in page
        history = client.get(f"/wp/{post.id}/revisions")
        assert history.status_code == 200
        assert "Moving to a new flat next week" in history.get_data(as_text=True)

    def test_an_empty_text_is_a_form_error(self, client, login, wall_post):
        post = _opening(wall_post)
        login(post.author)
        response = client.post(f"/wp/{post.id}/edit", data={"body": ""})
        assert response.status_code == 400
        assert post.raw == "Moving to a new flat next week"

    def test_others_see_no_edit_link_and_get_403(self, client, login, wall_post):
        post = _opening(wall_post)
        login(make_user("bob"))
        assert f"/wp/{post.id}/edit" not in client.get(f"/w/{wall_post.id}").get_data(as_text=True)
        assert client.get(f"/wp/{post.id}/edit").status_code == 403
        assert client.post(f"/wp/{post.id}/edit", data={"body": "x"}).status_code == 403

    def test_a_comment_can_be_edited_by_its_author(self, client, login, wall_post):
        bob = make_user("bob")
        comment = walls.create_comment(bob, wall_post.id, "Good luck!")
        login(bob)
        response = client.post(f"/wp/{comment.id}/edit", data={"body": "Good luck with it!"})
        assert response.location.endswith(f"#post-{comment.number}")
        db.session.refresh(comment)
        assert comment.raw == "Good luck with it!"


class TestLinksToWallContent:
    """Links built for any post or topic (notifications, the spoke inbox) reach the wall."""

    def test_a_comment_permalink_opens_the_wall_post_at_the_comment(self, client, wall_post):
        comment = walls.create_comment(make_user("bob"), wall_post.id, "Good luck!")
        response = client.get(f"/p/{comment.id}")
        assert response.status_code == 302
        assert response.location == f"/w/{wall_post.id}#post-{comment.number}"
        assert client.get(f"/p/{_opening(wall_post).id}").location == f"/w/{wall_post.id}"

    def test_a_topic_link_opens_the_wall_post(self, client, wall_post):
        response = client.get(f"/t/{wall_post.id}")
        assert (response.status_code, response.location) == (301, f"/w/{wall_post.id}")

    def test_a_hidden_wall_stays_hidden_behind_the_link(self, client, db):
        quiet = make_user("quiet")
        walls.update_settings(quiet, hidden=True)
        topic = walls.create_wall_post(quiet, "quiet", "Only for members")
        response = client.get(f"/p/{_opening(topic).id}", follow_redirects=True)
        assert "Only for members" not in response.get_data(as_text=True)
