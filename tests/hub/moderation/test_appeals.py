"""Appeals: once per decision, decided by a different moderator, outcome told and logged."""

import pytest

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Forbidden, Invalid
from hub.moderation import account_actions, appeals, post_actions, queries
from tests.factories import make_user, reload

from .helpers import member, moderator, notices, report_by, thread


def hidden_post():
    """A reply hidden by a moderator; returns (post, the decision, the moderator)."""
    _topic, reply = thread()
    mod = moderator()
    post_actions.hide_post(mod, reply.id, "abuse")
    return reply, queries.log_page()[0][0], mod


class TestFileAppeal:
    def test_author_appeals_a_hide_once(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting the contract.")
        assert appeal.is_open and appeal.action_id == decision.id
        assert [a.id for a in queries.open_appeals()] == [appeal.id]
        with pytest.raises(Forbidden):
            appeals.file_appeal(post.author, decision.id, "Please, again.")

    def test_only_the_person_concerned_may_appeal(self, db):
        _post, decision, _mod = hidden_post()
        with pytest.raises(Forbidden):
            appeals.file_appeal(member(), decision.id, "Unfair to my friend!")

    def test_needs_a_text(self, db):
        post, decision, _mod = hidden_post()
        with pytest.raises(Invalid):
            appeals.file_appeal(post.author, decision.id, "   ")

    def test_suspended_member_may_appeal_the_suspension(self, db):
        person = member()
        account_actions.suspend_user(moderator(), person.username, None, "spam")
        decision = queries.log_page()[0][0]
        appeal = appeals.file_appeal(reload(person), decision.id, "I am a real customer.")
        assert appeal.appellant_id == person.id

    def test_an_undone_decision_cannot_be_appealed(self, db):
        post, decision, mod = hidden_post()
        post_actions.restore_post(mod, post.id)
        with pytest.raises(Conflict):
            appeals.file_appeal(post.author, decision.id, "Too late anyway.")

    def test_automatic_hides_are_not_decisions_to_appeal(self, db):
        _topic, reply = thread()
        report_by(3, reply)
        auto = queries.log_page()[0][0]
        assert auto.action == "auto_hide"
        with pytest.raises(Forbidden):
            appeals.file_appeal(reply.author, auto.id, "Not fair.")


class TestDecideAppeal:
    def test_never_the_moderator_who_decided(self, db):
        post, decision, mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        with pytest.raises(Forbidden):
            appeals.decide_appeal(mod, appeal.id, "upheld", "I stand by it.")

    def test_refuses_members(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        with pytest.raises(Forbidden):
            appeals.decide_appeal(member(), appeal.id, "overturned", "Sure.")

    def test_another_moderator_overturns_and_the_post_is_visible_again(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        other = moderator()
        appeals.decide_appeal(other, appeal.id, "overturned", "It was a quote.", "OK")
        assert not reload(post).is_hidden
        assert (reload(appeal).status, reload(appeal).decided_by_id) == ("overturned", other.id)
        entry = queries.log_page()[0][0]
        assert (entry.action, entry.outcome, entry.public_reason, entry.actor_id) == (
            "appeal",
            "overturned",
            "It was a quote.",
            other.id,
        )
        assert notices("appeal_decided")[-1] == {
            "event": "appeal_decided",
            "user_id": post.author_id,
            "appeal_id": appeal.id,
        }

    def test_upheld_keeps_the_decision(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        appeals.decide_appeal(moderator(), appeal.id, "upheld", "The insult was yours.")
        assert reload(post).is_hidden and reload(appeal).status == "upheld"
        with pytest.raises(Conflict):
            appeals.decide_appeal(moderator(), appeal.id, "overturned", "Changed my mind")

    def test_needs_outcome_and_reason(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        with pytest.raises(Invalid):
            appeals.decide_appeal(moderator(), appeal.id, "maybe", "Hmm.")
        with pytest.raises(Invalid):
            appeals.decide_appeal(moderator(), appeal.id, "upheld", "")

    def test_overturning_a_spam_mark_restores_the_account_and_its_posts(self, db):
        person = member()
        _topic, reply = thread(replier=person)
        mod = moderator()
        post_actions.hide_post(mod, thread(replier=person)[1].id, "abuse")  # an earlier decision
        account_actions.mark_spammer(mod, person.username)
        mark = next(e for e in queries.log_page()[0] if e.action == "mark_spammer")
        appeal = appeals.file_appeal(reload(person), mark.id, "I am not a bot.")
        appeals.decide_appeal(moderator(), appeal.id, "overturned", "A real customer.")
        assert not reload(person).is_suspended(utcnow())
        assert not reload(reply).is_hidden
        hidden = [p for p in queries.history(person).recent_posts if p.is_hidden]
        assert len(hidden) == 1  # the earlier abuse decision stands

    def test_an_admin_may_decide_appeals_against_moderators(self, db):
        post, decision, _mod = hidden_post()
        appeal = appeals.file_appeal(post.author, decision.id, "I was quoting.")
        appeals.decide_appeal(make_user(role="admin"), appeal.id, "upheld", "Agreed.")
