"""Reporting: one open report per member and target, grouping, the automatic hide and its
override, the reporter weight, and the personal-data fast path."""

import pytest

from hub.core.errors import Conflict, Forbidden, Invalid, Unauthorized
from hub.forums import service as forums
from hub.moderation import decision_log, post_actions, queries, reports, settings
from hub.moderation.models import Flag, FlagStatus
from tests.factories import reload

from .helpers import member, moderator, notices, report_by, thread


class TestReportPost:
    def test_member_reports_with_reason_and_note(self, db):
        _topic, reply = thread()
        flag = reports.report_post(member(), reply.id, "spam", "Links to a shop.")
        assert (flag.reason, flag.note, flag.status) == ("spam", "Links to a shop.", "open")
        assert flag.target_type == "post" and flag.target_user_id == reply.author_id

    def test_refuses_visitor(self, db):
        _topic, reply = thread()
        with pytest.raises(Unauthorized):
            reports.report_post(None, reply.id, "spam")

    def test_refuses_own_post(self, db):
        _topic, reply = thread()
        with pytest.raises(Forbidden):
            reports.report_post(reply.author, reply.id, "spam")

    def test_refuses_unknown_reason(self, db):
        _topic, reply = thread()
        with pytest.raises(Invalid) as error:
            reports.report_post(member(), reply.id, "boring")
        assert "reason" in error.value.fields

    def test_other_needs_a_note(self, db):
        _topic, reply = thread()
        with pytest.raises(Invalid) as error:
            reports.report_post(member(), reply.id, "other", "  ")
        assert "note" in error.value.fields

    def test_one_open_report_per_member_and_target(self, db):
        _topic, reply = thread()
        reporter = member()
        reports.report_post(reporter, reply.id, "spam")
        with pytest.raises(Conflict):
            reports.report_post(reporter, reply.id, "abuse")

    def test_may_report_again_once_the_first_was_handled(self, db):
        _topic, reply = thread()
        reporter = member()
        first = reports.report_post(reporter, reply.id, "spam")
        reports.dismiss_reports(moderator(), first.id)
        again = reports.report_post(reporter, reply.id, "abuse")
        assert again.id != first.id and again.is_open

    def test_reports_on_one_post_group_together_in_the_queue(self, db):
        _topic, reply = thread()
        _other_topic, other = thread()
        report_by(2, reply, "abuse")
        reports.report_post(member(), reply.id, "spam")
        reports.report_post(member(), other.id, "off_topic")
        groups = queries.queue()
        assert [(g.target_id, g.count) for g in groups] == [(reply.id, 3), (other.id, 1)]
        assert groups[0].reasons == {"abuse": 2, "spam": 1}
        assert len({u.id for u in groups[0].reporters}) == 3

    def test_queue_is_oldest_first(self, db):
        _t1, newer = thread()
        _t2, older = thread()
        reports.report_post(member(), older.id, "spam")
        reports.report_post(member(), newer.id, "spam")
        assert [g.target_id for g in queries.queue()] == [older.id, newer.id]


class TestReportUser:
    def test_member_reports_an_account(self, db):
        spammer = member()
        flag = reports.report_user(member(), spammer.username, "spam", "Only posts links.")
        assert (flag.target_type, flag.target_id) == ("user", spammer.id)
        group = queries.queue()[0]
        assert group.person.id == spammer.id and group.post is None

    def test_refuses_reporting_oneself(self, db):
        me = member()
        with pytest.raises(Forbidden):
            reports.report_user(me, me.username, "spam")


class TestAutomaticHide:
    def test_three_distinct_reporters_hide_the_post_pending_review(self, db):
        _topic, reply = thread()
        report_by(2, reply)
        assert not reload(reply).is_hidden
        report_by(1, reply)
        post = reload(reply)
        assert post.is_hidden
        assert post.hidden_reason == "hidden until a moderator reviews reports"
        assert decision_log.is_auto_hidden(post)
        assert notices("post_hidden")[-1]["user_id"] == post.author_id

    def test_threshold_is_a_setting(self, db):
        settings.store(auto_hide_reporters=2)
        _topic, reply = thread()
        report_by(2, reply)
        assert reload(reply).is_hidden

    def test_dismissing_the_reports_shows_the_post_again(self, db):
        _topic, reply = thread()
        flags = report_by(3, reply)
        reports.dismiss_reports(moderator(), flags[0].id)
        post = reload(reply)
        assert not post.is_hidden
        assert all(reload(f).status == FlagStatus.DISMISSED for f in flags)

    def test_a_moderators_decision_overrides_it(self, db):
        """After a moderator restored the text, new reports queue up but do not hide it."""
        _topic, reply = thread()
        report_by(3, reply)
        post_actions.restore_post(moderator(), reply.id)
        report_by(3, reply)
        post = reload(reply)
        assert not post.is_hidden
        assert queries.group_for("post", post.id).count == 3

    def test_an_edit_after_the_decision_makes_the_text_reviewable_again(self, db):
        _topic, reply = thread()
        report_by(3, reply)
        post_actions.restore_post(moderator(), reply.id)
        forums.edit_post(reply.author, reply.id, "Call me at 0171 2345678, I fix it for money.")
        report_by(3, reply)
        assert reload(reply).is_hidden

    def test_a_moderator_hide_is_not_replaced_by_the_automatic_one(self, db):
        _topic, reply = thread()
        post_actions.hide_post(moderator(), reply.id, "off_topic")
        report_by(3, reply)
        assert reload(reply).hidden_reason == "off-topic"


class TestReporterWeight:
    def test_new_reporters_count_fully(self, db):
        assert reports.reporter_weight(member()) == 1.0

    def test_mostly_dismissed_reporters_count_half(self, db):
        reporter, mod = member(), moderator()
        for _ in range(4):
            _topic, reply = thread()
            flag = reports.report_post(reporter, reply.id, "abuse")
            reports.dismiss_reports(mod, flag.id)
        assert reports.reporter_weight(reporter) == 0.5

    def test_reporters_whose_reports_led_to_action_keep_full_weight(self, db):
        reporter, mod = member(), moderator()
        for n in range(4):
            _topic, reply = thread()
            flag = reports.report_post(reporter, reply.id, "abuse")
            if n % 2:
                reports.dismiss_reports(mod, flag.id)
            else:
                post_actions.hide_post(mod, reply.id, "abuse")
        assert reports.reporter_weight(reporter) == 1.0  # half dismissed is not "mostly"

    def test_half_weight_reports_need_more_reporters_to_hide(self, db):
        mod = moderator()
        doubtful = [member() for _ in range(2)]
        for reporter in doubtful:
            for _ in range(4):
                _topic, reply = thread()
                flag = reports.report_post(reporter, reply.id, "abuse")
                reports.dismiss_reports(mod, flag.id)
        _topic, target = thread()
        for reporter in doubtful:
            reports.report_post(reporter, target.id, "abuse")
        report_by(1, target)
        assert not reload(target).is_hidden  # 0.5 + 0.5 + 1 = 2 < 3
        report_by(1, target)
        assert reload(target).is_hidden


class TestPersonalData:
    def test_one_report_hides_at_once_and_goes_to_the_top(self, db):
        _t1, older = thread()
        _t2, exposed = thread(body="Her address is Hauptstraße 5, and her phone 0171 234567.")
        reports.report_post(member(), older.id, "spam")
        reports.report_post(member(), exposed.id, "personal_data", "Address and phone.")
        post = reload(exposed)
        assert post.is_hidden and "personal data" in post.hidden_reason
        groups = queries.queue()
        assert groups[0].target_id == exposed.id and groups[0].urgent

    def test_moderator_decision_ends_the_fast_path_for_that_text(self, db):
        _topic, reply = thread()
        reports.report_post(member(), reply.id, "personal_data")
        post_actions.restore_post(moderator(), reply.id)
        reports.report_post(member(), reply.id, "personal_data")
        assert not reload(reply).is_hidden


class TestReportersAreTold:
    def test_each_reporter_hears_once_when_the_reports_are_handled(self, db):
        _topic, reply = thread()
        flags = report_by(2, reply, "spam")
        post_actions.hide_post(moderator(), reply.id, "spam")
        handled = notices("report_handled")
        assert sorted(n["flag_id"] for n in handled) == sorted(f.id for f in flags)
        assert all(reload(f).status == FlagStatus.ACTIONED for f in flags)

    def test_open_reports_are_never_left_dangling(self, db):
        _topic, reply = thread()
        report_by(2, reply)
        post_actions.hide_post(moderator(), reply.id, "abuse")
        assert db.session.query(Flag).filter_by(status="open").count() == 0
