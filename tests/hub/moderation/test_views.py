"""The moderation pages: wiring of forms to services, what each page shows, and redirects."""

from datetime import timedelta

import pytest

from hub.core.columns import utcnow
from hub.moderation import appeals, post_actions, queries, settings
from hub.moderation.models import INDEFINITELY, FlagStatus
from tests.factories import PASSWORD, make_user, reload

from .helpers import member, moderator, post_as_forums_will, report_by, thread


@pytest.fixture
def as_user(client):
    def log_in(user):
        response = client.post("/login", data={"login": user.username, "password": PASSWORD})
        assert response.status_code == 302
        return user

    return log_in


def text(response) -> str:
    return response.get_data(as_text=True)


class TestReportPages:
    def test_member_reports_a_post_from_the_form(self, client, db, as_user):
        _topic, reply = thread()
        reporter = as_user(member())
        response = client.post(
            f"/report/post/{reply.id}", data={"reason": "abuse", "note": "Rude."}
        )
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"#post-{reply.number}")
        [group] = queries.queue()
        assert group.flags[0].reporter_id == reporter.id and group.flags[0].note == "Rude."

    def test_a_second_report_says_it_is_already_reported(self, client, db, as_user):
        _topic, reply = thread()
        as_user(member())
        client.post(f"/report/post/{reply.id}", data={"reason": "spam"})
        response = client.post(
            f"/report/post/{reply.id}", data={"reason": "spam"}, follow_redirects=True
        )
        assert "already reported" in text(response)

    def test_other_without_a_note_shows_the_form_again(self, client, db, as_user):
        _topic, reply = thread()
        as_user(member())
        response = client.post(f"/report/post/{reply.id}", data={"reason": "other"})
        assert response.status_code == 400 and "Tell the moderators" in text(response)

    def test_report_page_and_user_report(self, client, db, as_user):
        _topic, reply = thread()
        as_user(member())
        assert "Personal data exposed" in text(client.get(f"/report/post/{reply.id}"))
        response = client.post(f"/report/user/{reply.author.username}", data={"reason": "spam"})
        assert response.status_code == 302 and queries.queue()[0].target_type == "user"

    def test_visitors_are_sent_to_log_in(self, client, db):
        _topic, reply = thread()
        response = client.post(f"/report/post/{reply.id}", data={"reason": "spam"})
        assert response.status_code == 302 and "/login" in response.headers["Location"]

    def test_report_control_renders_for_members_only(self, app, db):
        from flask import render_template_string
        from flask_login import login_user

        _topic, reply = thread()
        template = '{% include "moderation/_report.html" %}'
        with app.test_request_context():
            assert "Send report" not in render_template_string(template, post=reply)
        with app.test_request_context():
            login_user(member())
            html = render_template_string(template, post=reply)
            assert "Send report" in html and f"/report/post/{reply.id}" in html
            assert 'value="personal_data"' in html
        with app.test_request_context():
            login_user(reply.author)  # nobody reports their own post
            assert "Send report" not in render_template_string(template, post=reply)
        with app.test_request_context():
            login_user(moderator())  # moderators get straight to the case page instead
            html = render_template_string(template, post=reply)
            assert "Send report" not in html and f"/moderation/posts/{reply.id}" in html


class TestQueuePage:
    def test_shows_groups_with_context_held_posts_and_appeals(self, client, db, as_user):
        settings.store(approve_first_post=True)
        topic, reply = thread(body="Your router is junk and so are you.")
        report_by(2, reply, "abuse")
        held = post_as_forums_will(member(new=True), topic, "My very first words here")
        decider = moderator()
        hidden = thread()[1]
        post_actions.hide_post(decider, hidden.id, "spam")
        decision = queries.log_page()[0][0]
        appeals.file_appeal(hidden.author, decision.id, "Not spam at all.")
        as_user(moderator())
        page = text(client.get("/moderation"))
        assert "Your router is junk" in page and "2 reports" in page
        assert "The thread around it" in page and "s history</summary>" in page
        assert "My very first words here" in page and f"/moderation/posts/{held.id}/approve" in page
        assert f"Appeal by {hidden.author.username}" in page

    def test_hide_from_the_queue_returns_to_the_queue(self, client, db, as_user):
        _topic, reply = thread()
        report_by(1, reply)
        as_user(moderator())
        response = client.post(
            f"/moderation/posts/{reply.id}/hide",
            data={
                "reason_code": "other",
                "public_reason": "Please stay friendly.",
                "note": "",
                "next": "/moderation",
            },
        )
        assert response.status_code == 302 and response.headers["Location"] == "/moderation"
        assert reload(reply).hidden_reason == "Please stay friendly."
        assert queries.queue() == []

    def test_hide_without_any_reason_shows_the_error(self, client, db, as_user):
        _topic, reply = thread()
        as_user(moderator())
        response = client.post(f"/moderation/posts/{reply.id}/hide", data={"reason_code": "other"})
        assert response.status_code == 400 and "the community will read it" in text(response)

    def test_dismiss_from_the_queue(self, client, db, as_user):
        _topic, reply = thread()
        flag = report_by(1, reply)[0]
        as_user(moderator())
        client.post(f"/moderation/flags/{flag.id}/dismiss", data={"next": "/moderation"})
        assert reload(flag).status == FlagStatus.DISMISSED

    def test_bulk_hide(self, client, db, as_user):
        flags = [report_by(1, thread()[1])[0] for _ in range(2)]
        as_user(moderator())
        response = client.post(
            "/moderation/bulk",
            data={
                "action": "hide",
                "reason_code": "spam",
                "flag_ids": [str(f.id) for f in flags],
            },
            follow_redirects=True,
        )
        assert "Done for 2, skipped 0." in text(response)
        assert queries.queue() == []


class TestPostCase:
    def test_edit_and_delete_from_the_case_page(self, client, db, as_user):
        _topic, reply = thread(body="Call me on 0171 2345678.")
        as_user(moderator())
        assert "Delete for legal reasons" in text(client.get(f"/moderation/posts/{reply.id}"))
        client.post(
            f"/moderation/posts/{reply.id}/edit",
            data={"body": "Call me.", "reason": "Removed a phone number"},
        )
        assert reload(reply).raw == "Call me."
        client.post(f"/moderation/posts/{reply.id}/delete", data={"reason_code": "illegal"})
        assert reload(reply).deleted_at is not None

    def test_restore_and_approve(self, client, db, as_user):
        settings.store(approve_first_post=True)
        topic, reply = thread()
        held = post_as_forums_will(member(new=True), topic, "My very first words here")
        mod = as_user(moderator())
        post_actions.hide_post(mod, reply.id, "spam")
        client.post(f"/moderation/posts/{reply.id}/restore", data={})
        client.post(f"/moderation/posts/{held.id}/approve", data={})
        assert not reload(reply).is_hidden and not reload(held).is_hidden

    def test_admins_posts_show_why_there_are_no_actions(self, client, db, as_user):
        _topic, reply = thread(replier=make_user(role="admin"))
        as_user(moderator())
        page = text(client.get(f"/moderation/posts/{reply.id}"))
        assert "A moderator cannot act on an admin." in page


class TestUserCase:
    def test_suspend_for_seven_days(self, client, db, as_user):
        person = member()
        as_user(moderator())
        response = client.post(
            f"/moderation/users/{person.username}/suspend",
            data={"duration": "7", "reason_code": "abuse", "public_reason": "", "note": "x"},
        )
        assert response.status_code == 302
        user = reload(person)
        assert timedelta(days=6, hours=23) < user.suspended_until - utcnow() <= timedelta(days=7)
        assert user.suspended_reason == "repeated abuse of other members"

    def test_suspend_until_lifted_then_lift(self, client, db, as_user):
        person = member()
        as_user(moderator())
        client.post(
            f"/moderation/users/{person.username}/suspend",
            data={"duration": "", "reason_code": "spam"},
        )
        assert reload(person).suspended_until == INDEFINITELY
        assert "Suspended until lifted" in text(client.get(f"/moderation/users/{person.username}"))
        client.post(f"/moderation/users/{person.username}/lift", data={})
        assert reload(person).suspended_until is None

    def test_silence_and_spammer(self, client, db, as_user):
        quiet, spammer = member(), member()
        _topic, spam = thread(replier=spammer)
        as_user(moderator())
        client.post(f"/moderation/users/{quiet.username}/silence", data={"duration": "1"})
        assert reload(quiet).is_silenced(utcnow())
        client.post(f"/moderation/users/{spammer.username}/spammer", data={})
        assert reload(spam).is_hidden

    def test_moderator_cannot_suspend_themselves_from_the_page(self, client, db, as_user):
        mod = as_user(moderator())
        response = client.post(
            f"/moderation/users/{mod.username}/suspend",
            data={"duration": "1", "reason_code": "spam"},
        )
        assert response.status_code == 403


class TestAppealPages:
    def test_member_appeals_and_another_moderator_decides(self, app, db):
        _topic, reply = thread()
        decider = moderator()
        post_actions.hide_post(decider, reply.id, "abuse")
        decision = queries.log_page()[0][0]

        author_client = app.test_client()
        author_client.post("/login", data={"login": reply.author.username, "password": PASSWORD})
        page = text(author_client.get("/my/moderation"))
        assert "Your post was hidden" in page and f"/appeal/{decision.id}" in page
        response = author_client.post(f"/appeal/{decision.id}", data={"text": "I was quoting."})
        assert response.status_code == 302
        assert "appealed" in text(author_client.get("/my/moderation"))
        [appeal] = queries.open_appeals()

        decider_client = app.test_client()
        decider_client.post("/login", data={"login": decider.username, "password": PASSWORD})
        page = text(decider_client.get(f"/moderation/appeals/{appeal.id}"))
        assert "Another moderator decides appeals against your decisions." in page
        refused = decider_client.post(
            f"/moderation/appeals/{appeal.id}", data={"outcome": "upheld", "reason": "Mine."}
        )
        assert refused.status_code == 403

        other_client = app.test_client()
        other = moderator()
        other_client.post("/login", data={"login": other.username, "password": PASSWORD})
        response = other_client.post(
            f"/moderation/appeals/{appeal.id}",
            data={"outcome": "overturned", "reason": "It was a quote."},
        )
        assert response.status_code == 302
        assert not reload(reply).is_hidden

    def test_appeal_page_refuses_others(self, client, db, as_user):
        _topic, reply = thread()
        post_actions.hide_post(moderator(), reply.id, "abuse")
        decision = queries.log_page()[0][0]
        as_user(member())
        assert client.get(f"/appeal/{decision.id}").status_code == 403


class TestLogAndSettings:
    def test_log_shows_notes_to_moderators(self, client, db, as_user):
        mod = moderator()
        post_actions.hide_post(mod, thread()[1].id, "spam", "secret reasoning")
        as_user(moderator())
        page = text(client.get("/moderation/log"))
        assert "secret reasoning" in page and mod.username in page

    def test_only_admins_change_settings(self, client, db, as_user):
        as_user(moderator())
        assert client.get("/moderation/settings").status_code == 403

    def test_admin_turns_on_the_approval_queue(self, client, db, as_user):
        as_user(make_user(role="admin"))
        data = {spec.key: str(value) for spec, value in zip(
            settings.SPECS, settings.current().values(), strict=True
        ) if not isinstance(value, bool)}  # fmt: skip
        data["approve_first_post"] = "y"
        response = client.post("/moderation/settings", data=data)
        assert response.status_code == 302
        assert settings.get("approve_first_post") is True

    def test_bad_values_are_refused(self, client, db, as_user):
        as_user(make_user(role="admin"))
        data = {spec.key: "0" for spec in settings.SPECS if not isinstance(spec.default, bool)}
        response = client.post("/moderation/settings", data=data)
        assert response.status_code == 400
        assert settings.get("auto_hide_reporters") == 3


def test_moderation_link_in_the_header_for_moderators_only(client, db, as_user):
    assert 'href="/moderation"' not in text(client.get("/transparency"))
    as_user(moderator())
    assert 'href="/moderation"' in text(client.get("/transparency"))
