"""Who hears about what: the notify.* jobs as the worker runs them (decision trees per kind)."""

import pytest
from sqlalchemy import select, update

from hub.core.columns import utcnow
from hub.core.errors import Invalid, NotFound
from hub.forums import answers
from hub.forums import service as forums
from hub.notifications import queries
from hub.notifications import service as notifications
from hub.outbox.jobs import Job
from hub.walls import service as walls
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.notifications.helpers import (
    kinds_of,
    mails_to,
    notifications_of,
    run_worker,
    tamper,
    unconfirm,
)


@pytest.fixture
def asker(db):
    return make_user("asker")


@pytest.fixture
def topic(asker):
    return make_topic(asker)  # the asker follows it (the forums service does that)


class TestReply:
    def test_followers_hear_who_replied_where(self, app, asker, topic):
        bob = make_user("bob")
        post = make_reply(topic, bob)
        run_worker(app)
        [notification] = notifications_of(asker)
        assert (notification.kind, notification.actor_id) == ("reply", bob.id)
        assert (notification.topic_id, notification.post_id) == (topic.id, post.id)
        assert notification.read_at is None

    def test_the_author_never_hears_of_their_own_reply(self, app, topic):
        bob = make_user("bob")
        make_reply(topic, bob)
        make_reply(topic, bob, "And once more, @bob.")  # following and mentioning himself
        run_worker(app)
        assert notifications_of(bob) == []

    def test_an_earlier_replier_hears_of_the_next_reply(self, app, topic):
        bob, carla = make_user("bob"), make_user("carla")
        make_reply(topic, bob)
        make_reply(topic, carla)
        run_worker(app)
        assert kinds_of(bob) == ["reply"]

    def test_people_who_do_not_follow_hear_nothing(self, app, topic):
        bystander = make_user("dora")
        make_reply(topic, make_user("bob"))
        run_worker(app)
        assert notifications_of(bystander) == []


class TestPrecedence:
    """One post, one notification per person: mention > expert_answer > reply."""

    def test_a_mention_beats_following(self, app, asker, topic):
        make_reply(topic, make_user("bob"), "@asker try this")
        run_worker(app)
        assert kinds_of(asker) == ["mention"]

    def test_an_expert_answer_beats_following(self, app, asker, topic):
        make_reply(topic, make_user("erika", role="expert"))
        run_worker(app)
        assert kinds_of(asker) == ["expert_answer"]

    def test_a_mention_beats_an_expert_answer(self, app, asker, topic):
        make_reply(topic, make_user("erika", role="expert"), "Hello @Asker, restart it.")
        run_worker(app)
        assert kinds_of(asker) == ["mention"]

    def test_an_expert_in_a_discussion_is_just_a_reply(self, app, asker):
        space = make_category()
        talk = forums.create_topic(asker, space.slug, "discussion", "Favourite routers", "Yours?")
        make_reply(talk, make_user("erika", role="expert"))
        run_worker(app)
        assert kinds_of(asker) == ["reply"]

    def test_the_expert_answer_reaches_the_asker_who_stopped_following(self, app, asker, topic):
        from hub.forums import follows

        follows.unfollow(asker, "topic", topic.id)
        make_reply(topic, make_user("erika", role="expert"))
        run_worker(app)
        assert kinds_of(asker) == ["expert_answer"]


class TestMention:
    def test_the_opening_post_notifies_who_it_mentions(self, app, asker):
        bob = make_user("bob")
        topic = make_topic(asker, body="@bob and @nobody-here, any idea?")
        run_worker(app)
        [notification] = notifications_of(bob)
        assert (notification.kind, notification.actor_id, notification.post.number) == (
            "mention",
            asker.id,
            1,
        )
        assert notification.topic_id == topic.id

    def test_names_in_code_are_not_mentions(self, app, topic):
        bob = make_user("bob")
        make_reply(topic, make_user("carla"), "Run `@bob` in the shell.")
        run_worker(app)
        assert notifications_of(bob) == []

    def test_nobody_hears_from_someone_they_blocked(self, app, asker, topic):
        pest = make_user("pest")
        walls.block(asker, "pest")
        make_reply(topic, pest, "@asker answer me!")  # a mention and a reply they follow
        make_reply(topic, make_user("carla"), "Try the reset button.")
        run_worker(app)
        assert [n.actor.username for n in notifications_of(asker)] == ["carla"]

    def test_nobody_hears_of_a_post_they_may_not_read(self, app):
        member = make_user("bob")
        team_only = make_category(private=True)
        make_topic(make_user("erika", role="expert"), team_only, body="Ask @bob for the serial.")
        run_worker(app)
        assert notifications_of(member) == []

    def test_a_post_hidden_before_the_job_ran_notifies_nobody(self, app, asker, topic, db):
        post = make_reply(topic, make_user("bob"), "@asker buy my stuff")
        post.hidden_at, post.hidden_reason = utcnow(), "spam"
        db.session.commit()
        run_worker(app)
        assert notifications_of(asker) == []


class TestAcceptedAndOfficial:
    def test_the_answerer_hears_that_the_asker_accepted(self, app, asker, topic):
        bob = make_user("bob")
        answer = make_reply(topic, bob)
        answers.accept_answer(asker, answer.id)
        run_worker(app)
        assert kinds_of(bob) == ["accepted"]
        assert notifications_of(bob)[0].actor_id == asker.id

    def test_accepting_your_own_answer_notifies_nobody(self, app, db, topic):
        erika = make_user("erika", role="expert")
        answer = make_reply(topic, erika)
        topic.accepted_post_id = answer.id
        notifications.enqueue_for_accepted(topic, answer, erika)  # even if a caller forgets
        db.session.commit()
        run_worker(app)
        assert notifications_of(erika) == []

    def test_the_expert_hears_that_a_colleague_made_the_answer_official(self, app, topic):
        erika, frank = make_user("erika", role="expert"), make_user("frank", role="expert")
        answer = make_reply(topic, erika)
        answers.mark_official(frank, answer.id)
        run_worker(app)
        [notification] = notifications_of(erika)
        assert (notification.kind, notification.actor_id) == ("official", frank.id)


class TestRetries:
    def test_a_job_run_again_writes_nothing_twice(self, app, db, asker, topic):
        make_reply(topic, make_user("bob"), "@asker see the manual")
        run_worker(app)
        # As if the worker died after committing, before recording the job as done.
        db.session.execute(update(Job).values(status="pending", next_attempt_at=utcnow()))
        db.session.commit()
        run_worker(app)
        assert kinds_of(asker) == ["mention"]
        assert len(mails_to(asker)) == 1

    def test_the_same_event_enqueued_twice_is_one_job(self, app, db, topic):
        post = make_reply(topic, make_user("bob"))
        notifications.enqueue_for_reply(post)  # the forums service already did
        db.session.commit()
        keys = db.session.scalars(select(Job.key).where(Job.kind == "notify.reply")).all()
        assert keys == [f"notify:reply:{post.id}"]


class TestEmail:
    def test_each_recipient_gets_one_mail_with_its_own_key(self, app, asker, topic):
        post = make_reply(topic, make_user("bob"))
        run_worker(app)
        [mail] = mails_to(asker)
        assert mail["key"] == f"mail:notify:reply:{post.id}:{asker.id}"
        assert mail["subject"] == "bob replied in “How do I reset my router?”"
        assert f"Read it here: http://localhost/p/{post.id}\n" in mail["body"]
        assert "/notifications/unsubscribe/" in mail["body"]

    def test_a_kind_turned_off_still_shows_in_the_app(self, app, asker, topic):
        notifications.set_email_choices(asker, {"reply": False})
        make_reply(topic, make_user("bob"))
        make_reply(topic, make_user("carla"), "@asker look")  # mentions still mail
        run_worker(app)
        assert kinds_of(asker) == ["mention", "reply"]
        assert [m["key"].split(":")[2] for m in mails_to(asker)] == ["mention"]

    def test_an_unconfirmed_address_gets_no_mail(self, app, asker, topic):
        unconfirm(asker)
        make_reply(topic, make_user("bob"))
        run_worker(app)
        assert kinds_of(asker) == ["reply"]
        assert mails_to(asker) == []

    def test_a_suspended_member_gets_no_mail(self, app, db, asker, topic):
        asker.suspended_until = utcnow().replace(year=utcnow().year + 1)
        db.session.commit()
        make_reply(topic, make_user("bob"))
        run_worker(app)
        assert kinds_of(asker) == ["reply"]
        assert mails_to(asker) == []

    def test_the_mail_is_in_the_recipients_language(self, app, db, asker, topic):
        asker.locale = "de"
        db.session.commit()
        make_reply(topic, make_user("bob"))
        run_worker(app)
        [mail] = mails_to(asker)
        assert mail["body"].startswith("Hallo asker,")


class TestOwnNotifications:
    def test_nobody_marks_someone_elses_notification(self, app, asker, topic):
        make_reply(topic, make_user("bob"))
        run_worker(app)
        [notification] = notifications_of(asker)
        with pytest.raises(NotFound):
            notifications.mark_read(make_user("mallory"), notification.id)

    def test_mark_all_read_counts_what_changed(self, app, asker, topic):
        make_reply(topic, make_user("bob"))
        make_reply(topic, make_user("carla"))
        run_worker(app)
        assert notifications.mark_all_read(asker) == 2
        assert notifications.mark_all_read(asker) == 0
        assert all(n.read_at for n in notifications_of(asker))

    def test_unknown_kinds_are_refused(self, app, asker):
        with pytest.raises(Invalid):
            notifications.set_email_choices(asker, {"newsletter": False})

    def test_a_token_altered_to_name_someone_else_is_refused(self, app, asker):
        victim = make_user("victim")
        token = tamper(notifications.unsubscribe_token(asker.id, "reply"), uid=victim.id)
        with pytest.raises(Invalid):
            notifications.unsubscribe(token)
        assert queries.email_choices(victim.id)["reply"] is True

    def test_a_signed_token_for_an_unknown_kind_is_refused(self, app, asker):
        with pytest.raises(Invalid):
            notifications.unsubscribe(notifications.unsubscribe_token(asker.id, "newsletter"))
