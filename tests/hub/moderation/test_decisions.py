"""Moderators' decisions: each one changes what it should, is logged, closes the reports on
its target and tells the person it concerns."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Forbidden, Invalid, NotFound
from hub.forums import service as forums
from hub.forums.models import Post, PostRevision
from hub.moderation import account_actions, post_actions, queries, reports
from hub.moderation.models import INDEFINITELY, FlagStatus, ModerationAction
from tests.factories import make_user, reload

from .helpers import member, moderator, notices, report_by, thread


def last_log() -> ModerationAction:
    return queries.log_page()[0][0]


class TestHidePost:
    def test_refuses_member(self, db):
        _topic, reply = thread()
        with pytest.raises(Forbidden):
            post_actions.hide_post(member(), reply.id, "spam")

    def test_requires_a_reason(self, db):
        _topic, reply = thread()
        with pytest.raises(Invalid) as error:
            post_actions.hide_post(moderator(), reply.id, "  ")
        assert "public_reason" in error.value.fields

    def test_reason_from_the_list(self, db):
        _topic, reply = thread()
        post = post_actions.hide_post(moderator(), reply.id, reason_code="off_topic")
        assert post.is_hidden and post.hidden_reason == "off-topic"
        assert last_log().reason_code == "off_topic"

    def test_written_reason_and_private_note_are_logged(self, db):
        _topic, reply = thread()
        mod = moderator()
        post_actions.hide_post(mod, reply.id, "Please keep it civil.", "Third warning.")
        entry = last_log()
        assert (entry.actor_id, entry.action, entry.target_type, entry.target_id) == (
            mod.id,
            "hide",
            "post",
            reply.id,
        )
        assert (entry.public_reason, entry.note, entry.reason_code) == (
            "Please keep it civil.",
            "Third warning.",
            "other",
        )
        assert entry.target_user_id == reply.author_id and entry.created_at <= utcnow()

    def test_author_is_told_and_still_sees_and_edits_the_original(self, db):
        _topic, reply = thread()
        post_actions.hide_post(moderator(), reply.id, "abuse")
        assert notices("post_hidden")[-1]["user_id"] == reply.author_id
        edited = forums.edit_post(reply.author, reply.id, "Sorry, I said it more politely now.")
        assert edited.is_hidden and "politely" in edited.raw

    def test_moderator_cannot_hide_an_admins_post(self, db):
        admin = make_user(role="admin")
        _topic, reply = thread(replier=admin)
        with pytest.raises(Forbidden):
            post_actions.hide_post(moderator(), reply.id, "spam")
        assert post_actions.hide_post(make_user(role="admin"), reply.id, "spam").is_hidden

    def test_moderator_cannot_hide_their_own_post(self, db):
        mod = moderator()
        _topic, reply = thread(replier=mod)
        with pytest.raises(Forbidden):
            post_actions.hide_post(mod, reply.id, "spam")

    def test_unknown_post_is_not_found(self, db):
        with pytest.raises(NotFound):
            post_actions.hide_post(moderator(), 12345, "spam")


class TestRestorePost:
    def test_moderator_restores_and_author_is_told(self, db):
        _topic, reply = thread()
        mod = moderator()
        post_actions.hide_post(mod, reply.id, "spam")
        post = post_actions.restore_post(mod, reply.id, "It was a real question.")
        assert not post.is_hidden and post.hidden_reason == ""
        assert last_log().action == "restore" and last_log().note == "It was a real question."
        assert notices("post_restored")[-1]["user_id"] == reply.author_id

    def test_refuses_member(self, db):
        _topic, reply = thread()
        post_actions.hide_post(moderator(), reply.id, "spam")
        with pytest.raises(Forbidden):
            post_actions.restore_post(member(), reply.id)

    def test_restoring_a_visible_post_changes_nothing(self, db):
        _topic, reply = thread()
        post_actions.restore_post(moderator(), reply.id)
        assert queries.log_page()[0] == []


class TestEditPost:
    def test_removes_a_phone_number_and_the_revision_says_who_and_why(self, db):
        _topic, reply = thread(body="Works for me. Call me on 0171 2345678 if not.")
        mod = moderator()
        post = post_actions.edit_post(mod, reply.id, "Works for me.", "Removed a phone number")
        assert post.raw == "Works for me."
        revision = forums.revisions(post)[-1]
        assert (revision.editor_id, revision.reason) == (mod.id, "Removed a phone number")
        assert "0171" in revision.raw
        assert last_log().action == "edit" and last_log().public_reason == "Removed a phone number"
        assert notices("post_edited")[-1]["user_id"] == reply.author_id

    def test_requires_a_reason(self, db):
        _topic, reply = thread()
        with pytest.raises(Invalid):
            post_actions.edit_post(moderator(), reply.id, "Shorter.", "")

    def test_refuses_member(self, db):
        _topic, reply = thread()
        with pytest.raises(Forbidden):
            post_actions.edit_post(member(), reply.id, "Mine now.", "because")


class TestDeletePost:
    def test_only_for_legal_reasons(self, db):
        _topic, reply = thread()
        with pytest.raises(Invalid):
            post_actions.delete_post(moderator(), reply.id, "spam")

    def test_leaves_a_public_tombstone_and_erases_the_text_and_its_history(self, db):
        _topic, reply = thread(body="Leaked: the customer list of ACME.")
        forums.edit_post(reply.author, reply.id, "Leaked: the customer list of ACME (full).")
        post = post_actions.delete_post(moderator(), reply.id, "illegal", "", "Court letter 12/3")
        assert (post.raw, post.html) == ("", "")
        assert post.deleted_at is not None and post.is_hidden
        assert post.hidden_reason == "removed for legal reasons: illegal content"
        revisions = db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id))
        assert list(revisions) == []
        assert last_log().action == "delete" and last_log().note == "Court letter 12/3"
        assert notices("post_deleted")[-1]["user_id"] == reply.author_id

    def test_is_final(self, db):
        _topic, reply = thread()
        mod = moderator()
        post_actions.delete_post(mod, reply.id, "copyright")
        with pytest.raises(Conflict):
            post_actions.restore_post(mod, reply.id)
        with pytest.raises(Conflict):
            post_actions.delete_post(mod, reply.id, "copyright")


class TestDismiss:
    def test_closes_every_open_report_on_the_target_and_tells_reporters(self, db):
        _topic, reply = thread()
        flags = report_by(2, reply, "off_topic")
        closed = reports.dismiss_reports(moderator(), flags[1].id, "Fine as it is.")
        assert {f.id for f in closed} == {f.id for f in flags}
        assert all(reload(f).status == FlagStatus.DISMISSED for f in flags)
        assert queries.queue() == []
        assert len(notices("report_handled")) == 2
        assert last_log().action == "dismiss" and last_log().note == "Fine as it is."

    def test_refuses_member_and_a_second_dismissal(self, db):
        _topic, reply = thread()
        flag = report_by(1, reply)[0]
        with pytest.raises(Forbidden):
            reports.dismiss_reports(member(), flag.id)
        reports.dismiss_reports(moderator(), flag.id)
        with pytest.raises(Conflict):
            reports.dismiss_reports(moderator(), flag.id)

    def test_moderator_cannot_dismiss_reports_about_themselves(self, db):
        mod = moderator()
        _topic, reply = thread(replier=mod)
        flag = report_by(1, reply)[0]
        with pytest.raises(Forbidden):
            reports.dismiss_reports(mod, flag.id)


class TestSuspend:
    def test_for_a_duration_with_a_public_reason(self, db):
        person, mod = member(), moderator()
        until = utcnow() + timedelta(days=7)
        user = account_actions.suspend_user(mod, person.username, until, "Insulted other members.")
        assert user.is_suspended(utcnow()) and user.suspended_reason == "Insulted other members."
        assert not user.is_suspended(until + timedelta(seconds=1))
        entry = last_log()
        assert (entry.action, entry.until) == ("suspend", until)
        assert notices("suspended")[-1]["user_id"] == person.id

    def test_until_lifted(self, db):
        person = member()
        user = account_actions.suspend_user(moderator(), person.username, None, reason_code="spam")
        assert user.suspended_until == INDEFINITELY and user.suspended_reason == "spam"

    def test_public_reason_shows_on_the_profile(self, client, db):
        person = member("loud_larry")
        account_actions.suspend_user(moderator(), person.username, None, "Repeated insults.")
        page = client.get("/u/loud_larry").get_data(as_text=True)
        assert "Repeated insults." in page

    def test_suspended_member_cannot_write(self, db):
        person = member()
        topic, _reply = thread()
        account_actions.suspend_user(moderator(), person.username, None, "spam")
        with pytest.raises(Forbidden):
            forums.create_reply(reload(person), topic.id, "Still here!")

    def test_refuses_the_past_and_a_missing_reason(self, db):
        person, mod = member(), moderator()
        with pytest.raises(Invalid):
            account_actions.suspend_user(mod, person.username, utcnow() - timedelta(days=1), "x")
        with pytest.raises(Invalid):
            account_actions.suspend_user(mod, person.username, None, "")

    def test_moderator_cannot_suspend_themselves_or_an_admin(self, db):
        mod = moderator()
        with pytest.raises(Forbidden):
            account_actions.suspend_user(mod, mod.username, None, "a break")
        admin = make_user(role="admin")
        with pytest.raises(Forbidden):
            account_actions.suspend_user(mod, admin.username, None, "power abuse")

    def test_closes_reports_on_the_account(self, db):
        person = member()
        flag = reports.report_user(member(), person.username, "spam")
        account_actions.suspend_user(moderator(), person.username, None, "spam")
        assert reload(flag).status == FlagStatus.ACTIONED


class TestSilenceAndLift:
    def test_silence_makes_read_only_then_lift_ends_it(self, db):
        person, mod = member(), moderator()
        topic, _reply = thread()
        account_actions.silence_user(
            mod, person.username, utcnow() + timedelta(days=1), "Cool down."
        )
        assert reload(person).is_silenced(utcnow())
        with pytest.raises(Forbidden):
            forums.create_reply(reload(person), topic.id, "But I must answer!")
        account_actions.lift_restrictions(mod, person.username, "Talked it through.")
        assert not reload(person).is_silenced(utcnow())
        assert last_log().action == "lift"
        assert notices("lifted")[-1]["user_id"] == person.id
        forums.create_reply(reload(person), topic.id, "Thanks, all good now.")

    def test_lift_lifts_a_suspension(self, db):
        person, mod = member(), moderator()
        account_actions.suspend_user(mod, person.username, None, "spam")
        user = account_actions.lift_restrictions(mod, person.username)
        assert not user.is_suspended(utcnow()) and user.suspended_reason == ""

    def test_nothing_to_lift_is_a_conflict(self, db):
        with pytest.raises(Conflict):
            account_actions.lift_restrictions(moderator(), member().username)


class TestMarkSpammer:
    def test_suspends_hides_everything_and_empties_the_queue(self, db):
        spammer = member()
        topic, reply = thread(replier=spammer, body="Cheap watches at example.shop")
        second = forums.create_reply(spammer, topic.id, "More cheap watches at example.shop")
        own_topic, _other = thread(author=spammer)
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == own_topic.id, Post.number == 1)
        )
        report_by(1, reply, "spam")
        reports.report_user(member(), spammer.username, "spam")
        _t, innocent = thread()
        filed = reports.report_post(spammer, innocent.id, "abuse")  # spammers report too
        account_actions.mark_spammer(moderator(), spammer.username, "Flood from one IP.")
        assert reload(spammer).suspended_until == INDEFINITELY
        for post in (reply, second, opening):
            assert reload(post).is_hidden
        assert queries.queue() == []
        assert reload(filed).status == FlagStatus.DISMISSED

    def test_refuses_team_accounts(self, db):
        with pytest.raises(Forbidden):
            account_actions.mark_spammer(moderator(), make_user(role="expert").username)


class TestBulk:
    def test_hide_several_reported_posts_at_once(self, db):
        posts = [thread()[1] for _ in range(3)]
        flags = [report_by(1, post, "spam")[0] for post in posts]
        result = reports.act_on_reports(
            moderator(), [f.id for f in flags[:2]], "hide", reason_code="spam"
        )
        assert result == {"done": 2, "skipped": 0}
        assert [reload(p).is_hidden for p in posts] == [True, True, False]

    def test_dismiss_several(self, db):
        flags = [report_by(1, thread()[1])[0] for _ in range(2)]
        reports.act_on_reports(moderator(), [f.id for f in flags], "dismiss")
        assert queries.queue() == []

    def test_mark_several_authors_as_spammers(self, db):
        spammers = [member(), member()]
        flags = [report_by(1, thread(replier=s)[1], "spam")[0] for s in spammers]
        reports.act_on_reports(moderator(), [f.id for f in flags], "mark_spammer")
        assert all(reload(s).suspended_until == INDEFINITELY for s in spammers)

    def test_skips_what_the_moderator_may_not_act_on(self, db):
        mod = moderator()
        admin_post = thread(replier=make_user(role="admin"))[1]
        flags = [report_by(1, admin_post)[0], report_by(1, thread()[1])[0]]
        result = reports.act_on_reports(mod, [f.id for f in flags], "hide", reason_code="spam")
        assert result == {"done": 1, "skipped": 1}
        assert not reload(admin_post).is_hidden

    def test_refuses_member_and_unknown_actions(self, db):
        flag = report_by(1, thread()[1])[0]
        with pytest.raises(Forbidden):
            reports.act_on_reports(member(), [flag.id], "dismiss")
        with pytest.raises(Invalid):
            reports.act_on_reports(moderator(), [flag.id], "delete")


class TestLog:
    def test_every_action_is_logged_newest_first(self, db):
        person, mod = member(), moderator()
        _topic, reply = thread(replier=person)
        post_actions.hide_post(mod, reply.id, "spam", "note 1")
        post_actions.restore_post(mod, reply.id, "note 2")
        account_actions.suspend_user(mod, person.username, None, "spam", "note 3")
        items, _next = queries.log_page()
        assert [(e.action, e.note) for e in items] == [
            ("suspend", "note 3"),
            ("restore", "note 2"),
            ("hide", "note 1"),
        ]

    def test_pages_with_a_cursor(self, db):
        mod = moderator()
        for _ in range(3):
            post_actions.hide_post(mod, thread()[1].id, "spam")
        first, cursor = queries.log_page(limit=2)
        rest, end = queries.log_page(before=cursor, limit=2)
        assert len(first) == 2 and len(rest) == 1 and end is None


class TestSignals:
    """Search and other listeners learn of every change of visibility, after the commit."""

    def test_hide_restore_delete_and_dismiss_send_their_signals(self, db):
        from hub.core import events

        heard: list[tuple[str, int]] = []

        def listener(name):
            return lambda post, **_: heard.append((name, post.id))

        receivers = {n: listener(n) for n in ("hidden", "restored", "deleted")}
        _topic, reply = thread()
        _topic2, other = thread()
        mod = moderator()
        with (
            events.post_hidden.connected_to(receivers["hidden"]),
            events.post_restored.connected_to(receivers["restored"]),
            events.post_deleted.connected_to(receivers["deleted"]),
        ):
            post_actions.hide_post(mod, reply.id, "spam")
            post_actions.restore_post(mod, reply.id)
            flags = report_by(3, other)
            reports.dismiss_reports(mod, flags[0].id)
            post_actions.delete_post(mod, reply.id, "illegal")
        assert heard == [
            ("hidden", reply.id),
            ("restored", reply.id),
            ("hidden", other.id),
            ("restored", other.id),
            ("deleted", reply.id),
        ]
