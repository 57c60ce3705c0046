"""Every write that changes a cached page shows to visitors at once (one process, no Redis)."""

import pytest
from sqlalchemy import select

from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums import answers
from hub.forums import service as forums
from hub.moderation import post_actions
from hub.walls import service as walls
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def person(username: str) -> User:
    """The user as the writing app's session knows them."""
    return db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def thread():
    """A question with one reply, and the people who act on it."""
    make_user("asker")
    make_user("helper")
    make_user("jana", role="expert")
    make_user("mod", role="moderator")
    walls.company_wall()  # made on the first visit otherwise, which outdates every page once
    space = make_category("internet")
    topic = make_topic(person("asker"), space, title="Wi-Fi drops every evening")
    reply = make_reply(topic, person("helper"), body="Move the router out of the cupboard.")
    return topic, reply


def topic_path(topic) -> str:
    return f"/t/{topic.id}-{topic.slug}"


def shows_at_once(visitor, path: str, text: str, *, gone: bool = False) -> None:
    how, page = visitor.page(path)
    assert how == "miss", f"{path} was served from the cache after the write"
    assert (text not in page) if gone else (text in page), path


class TestForums:
    def test_new_reply(self, visitor, writing, thread):
        topic, _ = thread
        pages = [topic_path(topic), "/c/internet", "/"]
        for path in pages:
            visitor.cached(path)

        with writing():
            forums.create_reply(person("helper"), topic.id, "Channel 36 fixed it for me.")

        shows_at_once(visitor, pages[0], "Channel 36 fixed it for me.")
        shows_at_once(visitor, pages[1], "<strong>2</strong> replies")
        shows_at_once(visitor, pages[2], "<strong>2</strong> replies")

    def test_new_topic(self, visitor, writing, thread):
        visitor.cached("/c/internet")
        visitor.cached("/")
        with writing():
            asker = person("asker")
            forums.create_topic(asker, "internet", "question", "Fibre box blinks red", "Why?")
        shows_at_once(visitor, "/c/internet", "Fibre box blinks red")
        shows_at_once(visitor, "/", "Fibre box blinks red")

    def test_edit(self, visitor, writing, thread):
        topic, reply = thread
        visitor.cached(topic_path(topic))
        with writing():
            forums.edit_post(person("helper"), reply.id, "Move it onto the shelf, not the floor.")
        shows_at_once(visitor, topic_path(topic), "Move it onto the shelf, not the floor.")

    def test_hide_and_restore(self, visitor, writing, thread):
        topic, reply = thread
        visitor.cached(topic_path(topic))

        with writing():
            post_actions.hide_post(person("mod"), reply.id, reason_code="off_topic")
        shows_at_once(visitor, topic_path(topic), "Hidden by the moderators: off-topic")
        assert "out of the cupboard" not in visitor.cached(topic_path(topic))

        with writing():
            post_actions.restore_post(person("mod"), reply.id)
        shows_at_once(visitor, topic_path(topic), "Move the router out of the cupboard.")

    def test_legal_deletion(self, visitor, writing, thread):
        topic, reply = thread
        visitor.cached(topic_path(topic))
        with writing():
            post_actions.delete_post(person("mod"), reply.id, "personal_data")
        shows_at_once(visitor, topic_path(topic), "out of the cupboard", gone=True)

    def test_accepted_answer(self, visitor, writing, thread):
        topic, reply = thread
        for path in (topic_path(topic), "/c/internet"):
            visitor.cached(path)
        with writing():
            answers.accept_answer(person("asker"), reply.id)
        shows_at_once(visitor, topic_path(topic), "Accepted answer")
        shows_at_once(visitor, "/c/internet", "badge-solved")

    def test_official_answer(self, visitor, writing, thread):
        topic, _ = thread
        answer = forums.create_reply(person("jana"), topic.id, "We replaced the DSLAM.")
        visitor.cached(topic_path(topic))
        with writing():
            answers.mark_official(person("jana"), answer.id)
        shows_at_once(visitor, topic_path(topic), "Official answer by jana")

    def test_vote(self, visitor, writing, thread):
        topic, reply = thread
        visitor.cached(topic_path(topic))
        with writing():
            answers.vote(person("asker"), reply.id)
        shows_at_once(visitor, topic_path(topic), "1 vote")

    def test_new_category(self, visitor, writing, thread):
        visitor.cached("/")
        with writing():
            forums.create_category("billing", "Billing & invoices", "Money matters.")
        shows_at_once(visitor, "/", "Billing &amp; invoices")


class TestPeople:
    def test_a_new_display_name_shows_everywhere(self, visitor, writing, thread):
        topic, _ = thread
        visitor.cached(topic_path(topic))
        with writing():
            accounts.update_profile(person("helper"), "Helga the Helper", "")
        shows_at_once(visitor, topic_path(topic), "Helga the Helper")

    def test_a_new_team_member_gets_the_badge(self, visitor, writing, thread):
        topic, _ = thread
        visitor.cached(topic_path(topic))
        with writing():
            accounts.set_role(None, "helper", "expert")
        shows_at_once(visitor, topic_path(topic), 'class="post post-team"')

    def test_a_login_changes_no_page(self, visitor, cached_app, thread):
        from tests.hub.pagecache.conftest import log_in

        topic, _ = thread
        visitor.cached(topic_path(topic))
        log_in(cached_app.test_client(), "helper")
        assert visitor.page(topic_path(topic))[0] == "hit"


class TestKnownIssues:
    def test_the_banner_comes_and_goes_on_every_page(self, visitor, writing, thread):
        topic, _ = thread
        pages = [topic_path(topic), "/", "/faq/", "/company"]
        for path in pages:
            visitor.cached(path)

        with writing():
            issue_id = walls.create_wall_post(
                person("jana"), "company", "Outage in Altona since 7:40.", known_issue=True
            ).id
        for path in pages:
            shows_at_once(visitor, path, "Known issue:")

        with writing():
            walls.add_issue_update(person("jana"), issue_id, "Back at 11:00.", resolve=True)
        for path in pages:
            shows_at_once(visitor, path, "Known issue:", gone=True)

    def test_an_update_shows_on_the_issue(self, visitor, writing, thread):
        issue = walls.create_wall_post(
            person("jana"), "company", "Outage in Altona since 7:40.", known_issue=True
        )
        visitor.cached(f"/w/{issue.id}")
        with writing():
            walls.add_issue_update(person("jana"), issue.id, "A node is being replaced.")
        shows_at_once(visitor, f"/w/{issue.id}", "A node is being replaced.")


class TestCompanyWall:
    def test_post_comment_and_like(self, visitor, writing, thread):
        visitor.cached("/company")
        with writing():
            post_id = walls.create_wall_post(person("jana"), "company", "Fibre in Kaltenmoor!").id
        shows_at_once(visitor, "/company", "Fibre in Kaltenmoor!")

        visitor.cached(f"/w/{post_id}")
        with writing():
            comment_id = walls.create_comment(person("asker"), post_id, "Finally, thanks!").id
        shows_at_once(visitor, f"/w/{post_id}", "Finally, thanks!")
        shows_at_once(visitor, "/company", "1 comment")

        visitor.cached(f"/w/{post_id}")
        with writing():
            walls.like(person("helper"), comment_id)
        shows_at_once(visitor, f"/w/{post_id}", "1 like")

        with writing():
            walls.unlike(person("helper"), comment_id)
        shows_at_once(visitor, f"/w/{post_id}", "0 likes")


class TestFaq:
    @pytest.fixture
    def entry(self, thread):
        return faq.create_entry(
            person("jana"), "internet", "Why does my Wi-Fi drop?", "Neighbours share channels."
        )

    def test_new_edited_and_unpublished_entries(self, visitor, writing, entry):
        path = f"/faq/{entry.id}-{entry.slug}"
        for page in ("/faq/", "/faq/c/internet", path):
            visitor.cached(page)

        with writing():
            faq.create_entry(person("jana"), "internet", "How do I reset the box?", "Pin, 10 s.")
        shows_at_once(visitor, "/faq/", "How do I reset the box?")
        shows_at_once(visitor, "/faq/c/internet", "How do I reset the box?")

        with writing():
            faq.edit_entry(
                person("jana"), entry.id, entry.question, "Pick channel 1, 6 or 11 instead."
            )
        shows_at_once(visitor, path, "Pick channel 1, 6 or 11 instead.")

        with writing():
            faq.unpublish_entry(person("jana"), entry.id)
        shows_at_once(visitor, "/faq/", "Why does my Wi-Fi drop?", gone=True)

    def test_a_promoted_thread_links_to_its_entry(self, visitor, writing, thread):
        topic, reply = thread
        answers.accept_answer(person("asker"), reply.id)
        promoted = faq.promote_topic(person("jana"), topic.id)  # a draft: not shown yet
        visitor.cached(topic_path(topic))
        with writing():
            faq.publish_entry(person("jana"), promoted.id)
        shows_at_once(visitor, topic_path(topic), "This answer is also in our FAQ")


def test_a_write_in_another_process_shows_after_the_local_lifetime(
    tmp_path, database_url, app, thread
):
    """Without Redis a process hears only its own writes: its pages live one second."""
    import time

    from tests.hub.pagecache.conftest import Visitor, make_cached_app

    one = make_cached_app(tmp_path / "one", database_url, PAGE_CACHE_LOCAL_SECONDS=1.0)
    visitor = Visitor(one)
    topic, _ = thread
    visitor.cached(topic_path(topic))

    forums.create_reply(person("helper"), topic.id, "Written by another process.")  # not `one`

    assert "Written by another process." not in visitor.page(topic_path(topic))[1]
    time.sleep(1.1)
    shows_at_once(visitor, topic_path(topic), "Written by another process.")
    with one.app_context():
        db.engine.dispose()


class TestOtherPagesStay:
    """A write outdates the pages that show it, not the whole site: during an outage replies
    and votes arrive every second, and every other page must stay in the cache."""

    def test_a_reply_or_a_vote_leaves_other_threads_cached(self, visitor, writing, thread):
        topic, reply = thread
        other = make_topic(person("asker"), title="Where is my invoice for March?")
        path = topic_path(other)
        visitor.cached(path)

        with writing():
            forums.create_reply(person("helper"), topic.id, "Channel 36 fixed it for me.")
            answers.vote(person("jana"), reply.id)

        assert visitor.page(path)[0] == "hit"

    def test_a_vote_shows_at_once_in_its_thread(self, visitor, writing, thread):
        topic, reply = thread
        visitor.cached(topic_path(topic))

        with writing():
            answers.vote(person("jana"), reply.id)

        shows_at_once(visitor, topic_path(topic), '<span class="score">1 vote</span>')

    def test_an_faq_vote_leaves_the_threads_cached(self, visitor, writing, thread):
        topic, _ = thread
        entry = faq.create_entry(person("jana"), "internet", "Why does Wi-Fi drop?", "Channel 36.")
        visitor.cached(topic_path(topic))

        with writing():
            faq.vote_helpful(person("helper"), entry.id, True)

        assert visitor.page(topic_path(topic))[0] == "hit"
