"""Closing the loop: a cross-posted question's accepted or official answer goes back to the
spoke under the cross-post, per account on, off, or after the expert confirms."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery, TrackedLink
from hub.forums import answers
from hub.spoke_inbox import closing
from hub.spoke_inbox.models import InboxItem, LoopPrompt
from tests.factories import make_reply, make_user
from tests.hub.spoke_inbox.conftest import FIRST_ROUND

ANSWER = "Update the firmware to 7.2, then restart the router once."


def loop_replies() -> list[Delivery]:
    db.session.expire_all()
    return db.session.scalars(
        select(Delivery).where(Delivery.content_type.in_(("loop-answer", "loop-reply")))
    ).all()


@pytest.fixture
def answer(on_mastodon, expert):
    topic, _delivery = on_mastodon
    return make_reply(topic, expert, ANSWER)


def set_mode(admin, delivery, mode):
    closing.set_loop_mode(admin, delivery.account_id, mode)


class TestOn:
    def test_the_accepted_answer_goes_under_the_cross_post_with_its_link(
        self, on_mastodon, answer, expert, admin, fake_mastodon, worker
    ):
        _topic, delivery = on_mastodon
        set_mode(admin, delivery, "on")

        answers.accept_answer(expert, answer.id)
        worker.run()

        [reply] = loop_replies()
        assert reply.status == "delivered" and reply.parent_id == delivery.id
        status = fake_mastodon.statuses[reply.remote_id]
        assert status["in_reply_to_id"] == delivery.remote_id
        assert "Answered on Nabe: Update the firmware to 7.2" in status["content"]
        link = db.session.scalar(
            select(TrackedLink).where(TrackedLink.content_type == "loop-answer")
        )
        assert link.target_path == f"/p/{answer.id}" and f"/go/{link.code}" in status["content"]

    def test_accepted_then_official_is_one_reply(self, on_mastodon, answer, expert, admin, worker):
        set_mode(admin, on_mastodon[1], "on")

        answers.accept_answer(expert, answer.id)
        answers.mark_official(expert, answer.id)

        assert len(loop_replies()) == 1

    def test_an_imported_reply_that_asked_gets_the_answer_too(
        self, client, login, on_mastodon, expert, admin, fake_mastodon, worker
    ):
        topic, delivery = on_mastodon
        set_mode(admin, delivery, "on")
        asked = fake_mastodon.add_reply(delivery.remote_id, "<p>Same here. Any fix?</p>")
        fake_mastodon.add_reply(delivery.remote_id, "<p>Me too.</p>")
        worker.later(FIRST_ROUND).run()
        login(expert)
        for item in db.session.scalars(select(InboxItem)).all():
            client.post(f"/team/inbox/{item.id}/import")
        answer = make_reply(topic, expert, ANSWER)

        answers.mark_official(expert, answer.id)
        worker.run()

        under = {fake_mastodon.statuses[r.remote_id]["in_reply_to_id"] for r in loop_replies()}
        assert under == {delivery.remote_id, asked}


def test_off_sends_nothing(on_mastodon, answer, expert, admin):
    set_mode(admin, on_mastodon[1], "off")

    answers.accept_answer(expert, answer.id)

    assert loop_replies() == []
    assert db.session.scalars(select(LoopPrompt)).all() == []


class TestAskFirst:
    def test_the_expert_sees_an_editable_prompt_and_sends_it(
        self, client, login, on_mastodon, answer, expert, fake_mastodon, worker
    ):
        login(expert)  # "ask" is the default
        client.post(f"/p/{answer.id}/accept")
        assert loop_replies() == []

        page = client.get("/").get_data(as_text=True)
        [prompt] = db.session.scalars(select(LoopPrompt)).all()
        assert f'data-loop-prompt="{prompt.id}"' in page
        assert "Answered on Nabe: Update the firmware" in page
        client.post(
            f"/team/inbox/prompts/{prompt.id}",
            data={"decision": "send", "text": "Fixed by firmware 7.2, details here:"},
        )
        worker.run()

        [reply] = loop_replies()
        content = fake_mastodon.statuses[reply.remote_id]["content"]
        assert "Fixed by firmware 7.2, details here:" in content
        assert f'data-loop-prompt="{prompt.id}"' not in client.get("/").get_data(as_text=True)

    def test_skipping_sends_nothing(self, client, login, on_mastodon, answer, expert):
        login(expert)
        client.post(f"/p/{answer.id}/accept")
        [prompt] = db.session.scalars(select(LoopPrompt)).all()

        client.post(f"/team/inbox/prompts/{prompt.id}", data={"decision": "skip"})

        assert loop_replies() == []
        db.session.expire_all()
        assert db.session.get(LoopPrompt, prompt.id).status == "skipped"

    def test_another_expert_cannot_answer_the_prompt(
        self, client, login, on_mastodon, answer, expert
    ):
        answers.accept_answer(expert, answer.id)
        [prompt] = db.session.scalars(select(LoopPrompt)).all()
        login(make_user("other_expert", role="expert"))

        client.post(f"/team/inbox/prompts/{prompt.id}", data={"decision": "send", "text": "Hi"})

        assert loop_replies() == []
        assert "data-loop-prompt" not in client.get("/").get_data(as_text=True)

    def test_when_the_asker_accepts_any_expert_sees_the_prompt(
        self, client, login, on_mastodon, answer
    ):
        topic, _delivery = on_mastodon
        answers.accept_answer(topic.author, answer.id)
        login(make_user("other_expert", role="expert"))

        [prompt] = db.session.scalars(select(LoopPrompt)).all()
        assert f'data-loop-prompt="{prompt.id}"' in client.get("/").get_data(as_text=True)
        client.post(f"/team/inbox/prompts/{prompt.id}", data={"decision": "send", "text": "Hi"})
        assert len(loop_replies()) == 1

    def test_an_empty_text_is_refused(self, client, login, on_mastodon, answer, expert):
        login(expert)
        answers.accept_answer(expert, answer.id)
        [prompt] = db.session.scalars(select(LoopPrompt)).all()

        client.post(f"/team/inbox/prompts/{prompt.id}", data={"decision": "send", "text": " "})

        db.session.expire_all()
        assert db.session.get(LoopPrompt, prompt.id).status == "pending"
        assert loop_replies() == []


class TestSettingsPage:
    def test_an_admin_sets_the_mode_per_account(self, client, login, admin, mastodon_account):
        login(admin)
        page = client.get("/admin/spokes/answers").get_data(as_text=True)
        assert "Ask the expert first" in page

        client.post("/admin/spokes/answers", data={f"mode-{mastodon_account.id}": "on"})

        assert closing.loop_modes()[mastodon_account.id] == "on"

    def test_an_unknown_mode_changes_nothing(self, client, login, admin, mastodon_account):
        login(admin)
        client.post("/admin/spokes/answers", data={f"mode-{mastodon_account.id}": "loud"})

        assert closing.loop_modes()[mastodon_account.id] == "ask"

    def test_experts_may_not_change_it(self, client, login, expert, mastodon_account):
        login(expert)

        assert client.get("/admin/spokes/answers").status_code == 403
        client.post("/admin/spokes/answers", data={f"mode-{mastodon_account.id}": "off"})
        assert closing.loop_modes()[mastodon_account.id] == "ask"
