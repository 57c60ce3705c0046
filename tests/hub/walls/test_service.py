"""Wall rules: who posts where, comments, likes, pins, known issues, blocking, privacy."""

import pytest

from hub.core.errors import Forbidden, Invalid, NotFound, Unauthorized
from hub.forums import follows
from hub.forums.models import Post
from hub.walls import queries
from hub.walls import service as walls
from tests.factories import make_user


@pytest.fixture
def expert(app):
    return make_user("expert", role="expert")


@pytest.fixture
def alice(app):
    return make_user("alice")


@pytest.fixture
def bob(app):
    return make_user("bob")


class TestPostingRights:
    def test_team_posts_on_the_company_wall(self, expert):
        topic = walls.create_wall_post(expert, "company", "New firmware 2.1 is out.")
        assert topic.kind == "wall"
        assert topic.space.slug == "company" and topic.space.owner_id is None

    def test_member_cannot_post_on_the_company_wall(self, alice):
        with pytest.raises(Forbidden):
            walls.create_wall_post(alice, "company", "Hello everyone")

    def test_member_posts_on_own_wall_created_on_demand(self, alice):
        topic = walls.create_wall_post(alice, "alice", "My new setup works.")
        assert topic.space.owner_id == alice.id
        assert walls.member_wall(alice).id == topic.space_id

    def test_member_cannot_post_on_anothers_wall(self, alice, bob):
        with pytest.raises(Forbidden):
            walls.create_wall_post(bob, "alice", "Hi Alice")

    def test_visitor_cannot_post(self, alice):
        with pytest.raises(Unauthorized):
            walls.create_wall_post(None, "alice", "Hi")

    def test_unknown_wall(self, alice):
        with pytest.raises(NotFound):
            walls.create_wall_post(alice, "nobody-here", "Hi")

    def test_only_team_announces_known_issues(self, alice):
        with pytest.raises(Invalid):
            walls.create_wall_post(alice, "alice", "Outage!", known_issue=True)


class TestComments:
    def test_anyone_comments_by_default(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Photos of my rack.")
        post = walls.create_comment(bob, topic.id, "Looks great!")
        assert post.number == 2 and topic.reply_count == 1

    def test_comments_off(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Quiet post.")
        walls.update_settings(alice, comments="off")
        with pytest.raises(Forbidden):
            walls.create_comment(bob, topic.id, "Can I?")
        assert walls.create_comment(alice, topic.id, "The owner still can.").number == 2

    def test_comments_only_from_followed_people(self, alice, bob):
        carol = make_user("carol")
        topic = walls.create_wall_post(alice, "alice", "Friends only.")
        walls.update_settings(alice, comments="followed")
        follows.follow(alice, "user", bob.id)
        assert walls.create_comment(bob, topic.id, "I am followed.").number == 2
        with pytest.raises(Forbidden):
            walls.create_comment(carol, topic.id, "I am not.")

    def test_unknown_policy_is_refused(self, alice):
        with pytest.raises(Invalid):
            walls.update_settings(alice, comments="sometimes")

    def test_members_comment_on_the_company_wall(self, expert, alice):
        topic = walls.create_wall_post(expert, "company", "Maintenance tonight.")
        assert walls.create_comment(alice, topic.id, "Thanks for the warning").number == 2


class TestLikes:
    def test_like_counts_and_who(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Like me.")
        opening = Post.query.filter_by(topic_id=topic.id, number=1).one()
        walls.like(bob, opening.id)
        walls.like(bob, opening.id)  # twice is once
        likes = queries.likes_for(bob, [opening.id])
        assert likes.counts[opening.id] == 1
        assert opening.id in likes.mine
        assert likes.names[opening.id] == [bob.name]
        walls.unlike(bob, opening.id)
        assert queries.likes_for(bob, [opening.id]).counts == {}

    def test_likes_on_comments(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Comment and like.")
        comment = walls.create_comment(bob, topic.id, "A comment")
        walls.like(alice, comment.id)
        assert queries.likes_for(None, [comment.id]).counts[comment.id] == 1

    def test_no_liking_own_post(self, alice):
        topic = walls.create_wall_post(alice, "alice", "Mine.")
        opening = Post.query.filter_by(topic_id=topic.id, number=1).one()
        with pytest.raises(Forbidden):
            walls.like(alice, opening.id)

    def test_forum_posts_are_not_liked(self, alice, bob):
        from tests.factories import make_topic

        topic = make_topic(alice)
        opening = Post.query.filter_by(topic_id=topic.id, number=1).one()
        with pytest.raises(NotFound):
            walls.like(bob, opening.id)


class TestPins:
    def test_owner_pins_first(self, alice):
        first = walls.create_wall_post(alice, "alice", "Old news.")
        walls.create_wall_post(alice, "alice", "New news.")
        walls.set_pinned(alice, first.id, True)
        cards, _more = queries.wall_cards(None, first.space)
        assert cards[0].topic.id == first.id and cards[0].pinned

    def test_others_cannot_pin(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Not yours.")
        with pytest.raises(Forbidden):
            walls.set_pinned(bob, topic.id, True)


class TestKnownIssues:
    def test_lifecycle(self, expert, alice):
        topic = walls.create_wall_post(expert, "company", "Login outage", known_issue=True)
        assert queries.open_issues() == [(topic.id, topic.title)]
        walls.add_issue_update(expert, topic.id, "We found the cause.")
        assert [u.raw for u in queries.issue_updates(topic.id)] == ["We found the cause."]
        with pytest.raises(Forbidden):
            walls.resolve_issue(alice, topic.id)
        walls.add_issue_update(expert, topic.id, "Fixed.", resolve=True)
        from flask import g

        g.pop("_walls_open_issues", None)
        assert queries.open_issues() == []
        walls.reopen_issue(expert, topic.id)
        g.pop("_walls_open_issues", None)
        assert len(queries.open_issues()) == 1

    def test_plain_post_is_not_an_issue(self, expert):
        topic = walls.create_wall_post(expert, "company", "Just news.")
        with pytest.raises(NotFound):
            walls.resolve_issue(expert, topic.id)


class TestBlocking:
    def test_blocked_member_cannot_comment(self, alice, bob):
        topic = walls.create_wall_post(alice, "alice", "Go away, Bob.")
        walls.block(alice, "bob")
        with pytest.raises(Forbidden):
            walls.create_comment(bob, topic.id, "But why?")
        walls.unblock(alice, "bob")
        assert walls.create_comment(bob, topic.id, "Thanks.").number == 2

    def test_blocked_member_cannot_mention(self, expert, alice, bob):
        walls.block(alice, "bob")
        with pytest.raises(Invalid):
            walls.create_wall_post(bob, "bob", "Hey @alice look")
        topic = walls.create_wall_post(expert, "company", "Announcement.")
        with pytest.raises(Invalid):
            walls.create_comment(bob, topic.id, "@Alice see this")
        assert walls.create_comment(alice, topic.id, "@bob hi").number == 2

    def test_cannot_block_self_or_team(self, alice, expert):
        with pytest.raises(Forbidden):
            walls.block(alice, "alice")
        with pytest.raises(Forbidden):
            walls.block(alice, "expert")

    def test_is_blocked_by(self, alice, bob):
        from hub import permissions

        walls.block(alice, "bob")
        assert permissions.is_blocked_by(bob, alice)
        assert not permissions.is_blocked_by(alice, bob)


class TestPrivacy:
    def test_hidden_wall_is_for_members(self, alice, bob):
        from hub import permissions

        space = walls.member_wall(alice)
        assert permissions.can_view_wall(None, space)
        walls.update_settings(alice, hidden=True)
        assert not permissions.can_view_wall(None, space)
        assert permissions.can_view_wall(bob, space)
        assert permissions.can_view_wall(None, walls.company_wall())


def test_wall_posts_and_comments_are_flaggable(alice, bob):
    from hub.moderation import reports

    topic = walls.create_wall_post(alice, "alice", "Buy cheap watches here")
    comment = walls.create_comment(bob, topic.id, "Spam indeed")
    opening = Post.query.filter_by(topic_id=topic.id, number=1).one()
    assert reports.report_post(bob, opening.id, "spam", "").id
    assert reports.report_post(alice, comment.id, "abuse", "").id
