"""The moderation endpoints of API.md: reports, queue, hide, restore, dismiss, suspend, log,
with the error shapes of the API conventions."""

import pytest

from hub.accounts import service as accounts
from hub.core.columns import utcnow
from tests.factories import make_user, reload

from .helpers import member, moderator, report_by, thread


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {accounts.create_api_token(user)}"}


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    return response.get_json()["error"]


class TestFlags:
    def test_member_reports_a_post(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/posts/{reply.id}/flags",
            json={"reason": "spam", "note": "Shop link."},
            headers=bearer(member()),
        )
        assert response.status_code == 201
        body = response.get_json()
        assert (body["reason"], body["note"], body["status"]) == ("spam", "Shop link.", "open")
        assert "reporter" not in body  # only moderators see who reported

    def test_note_is_optional_and_illegal_is_a_reason(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/posts/{reply.id}/flags", json={"reason": "illegal"}, headers=bearer(member())
        )
        assert response.status_code == 201

    def test_second_open_report_is_409(self, client, db):
        _topic, reply = thread()
        headers = bearer(member())
        client.post(f"/api/v1/posts/{reply.id}/flags", json={"reason": "spam"}, headers=headers)
        response = client.post(
            f"/api/v1/posts/{reply.id}/flags", json={"reason": "abuse"}, headers=headers
        )
        assert response.status_code == 409 and error_of(response)["code"] == "conflict"

    def test_unknown_reason_is_422_naming_the_field(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/posts/{reply.id}/flags", json={"reason": "boring"}, headers=bearer(member())
        )
        assert response.status_code == 422 and "reason" in error_of(response)["fields"]

    @pytest.mark.parametrize(
        ("body", "status"),
        [("not json", 400), ('{"reason": 5}', 400), ('{"reason": "spam", "x": 1}', 400)],
    )
    def test_malformed_bodies_are_400(self, client, db, body, status):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/posts/{reply.id}/flags",
            data=body,
            content_type="application/json",
            headers=bearer(member()),
        )
        assert response.status_code == status and error_of(response)["code"] == "bad_request"

    def test_visitor_is_401_and_unknown_post_is_404(self, client, db):
        _topic, reply = thread()
        response = client.post(f"/api/v1/posts/{reply.id}/flags", json={"reason": "spam"})
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"
        response = client.post(
            "/api/v1/posts/999999/flags", json={"reason": "spam"}, headers=bearer(member())
        )
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"

    def test_member_reports_an_account(self, client, db):
        target = member()
        response = client.post(
            f"/api/v1/users/{target.username}/flags",
            json={"reason": "spam"},
            headers=bearer(member()),
        )
        assert response.status_code == 201 and response.get_json()["target_type"] == "user"


class TestQueue:
    def test_open_reports_grouped_by_target(self, client, db):
        _topic, reply = thread()
        report_by(2, reply, "off_topic")
        response = client.get("/api/v1/moderation/queue", headers=bearer(moderator()))
        assert response.status_code == 200
        body = response.get_json()
        assert body["next"] is None
        [group] = body["items"]
        assert (group["target_type"], group["target_id"], group["count"]) == (
            "post",
            reply.id,
            2,
        )
        assert group["reasons"] == {"off_topic": 2}
        assert len(group["reporters"]) == 2 and "reporter" in group["flags"][0]
        assert group["post"]["raw"] == reply.raw

    def test_members_get_403_and_visitors_401(self, client, db):
        response = client.get("/api/v1/moderation/queue", headers=bearer(member()))
        assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
        assert client.get("/api/v1/moderation/queue").status_code == 401


class TestHideAndRestore:
    def test_hide_with_public_reason_and_note_then_restore(self, client, db):
        _topic, reply = thread()
        headers = bearer(moderator())
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": "Please stay on topic.", "note": "2nd time"},
            headers=headers,
        )
        assert response.status_code == 200
        assert response.get_json()["hidden"] is True
        assert response.get_json()["hidden_reason"] == "Please stay on topic."
        response = client.post(f"/api/v1/moderation/posts/{reply.id}/restore", headers=headers)
        assert response.status_code == 200 and response.get_json()["hidden"] is False

    def test_a_reason_code_becomes_its_public_text(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": "spam"},
            headers=bearer(moderator()),
        )
        assert response.get_json()["hidden_reason"] == "spam or advertising"

    def test_empty_reason_is_422(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": " "},
            headers=bearer(moderator()),
        )
        assert response.status_code == 422 and "public_reason" in error_of(response)["fields"]

    def test_member_is_403(self, client, db):
        _topic, reply = thread()
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": "spam"},
            headers=bearer(member()),
        )
        assert response.status_code == 403

    def test_moderator_cannot_hide_an_admins_post(self, client, db):
        _topic, reply = thread(replier=make_user(role="admin"))
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": "spam"},
            headers=bearer(moderator()),
        )
        assert response.status_code == 403
        assert "admin" in error_of(response)["message"]

    def test_restore_accepts_an_optional_note(self, client, db):
        _topic, reply = thread()
        headers = bearer(moderator())
        client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide", json={"public_reason": "spam"},
            headers=headers,
        )  # fmt: skip
        response = client.post(
            f"/api/v1/moderation/posts/{reply.id}/restore", json={"note": "Mistake."},
            headers=headers,
        )  # fmt: skip
        assert response.status_code == 200


class TestDismiss:
    def test_dismiss_closes_the_report(self, client, db):
        _topic, reply = thread()
        flag = report_by(1, reply)[0]
        response = client.post(
            f"/api/v1/moderation/flags/{flag.id}/dismiss", headers=bearer(moderator())
        )
        assert response.status_code == 200 and response.get_json()["status"] == "dismissed"
        again = client.post(
            f"/api/v1/moderation/flags/{flag.id}/dismiss", headers=bearer(moderator())
        )
        assert again.status_code == 409

    def test_unknown_report_is_404(self, client, db):
        response = client.post("/api/v1/moderation/flags/4242/dismiss", headers=bearer(moderator()))
        assert response.status_code == 404


class TestSuspend:
    def test_until_a_time(self, client, db):
        person = member("spammy_sam")
        response = client.post(
            "/api/v1/moderation/users/spammy_sam/suspend",
            json={"until": "2999-01-01T00:00:00Z", "public_reason": "Spam links."},
            headers=bearer(moderator()),
        )
        assert response.status_code == 200
        body = response.get_json()
        assert body["suspended_until"].startswith("2999-01-01")
        assert body["suspended_reason"] == "Spam links."
        assert reload(person).is_suspended(utcnow())

    def test_until_lifted(self, client, db):
        member("spammy_sam")
        response = client.post(
            "/api/v1/moderation/users/spammy_sam/suspend",
            json={"until": None, "public_reason": "spam"},
            headers=bearer(moderator()),
        )
        assert response.get_json()["suspended_until"].startswith("9999-12-31")

    @pytest.mark.parametrize(
        "until", ["next tuesday", "2999-01-01T00:00:00", "2001-01-01T00:00:00Z"]
    )
    def test_bad_times_are_422(self, client, db, until):
        member("spammy_sam")
        response = client.post(
            "/api/v1/moderation/users/spammy_sam/suspend",
            json={"until": until, "public_reason": "spam"},
            headers=bearer(moderator()),
        )
        assert response.status_code == 422 and "until" in error_of(response)["fields"]

    def test_moderator_cannot_suspend_themselves(self, client, db):
        mod = moderator()
        response = client.post(
            f"/api/v1/moderation/users/{mod.username}/suspend",
            json={"until": None, "public_reason": "a break"},
            headers=bearer(mod),
        )
        assert response.status_code == 403

    def test_unknown_member_is_404(self, client, db):
        response = client.post(
            "/api/v1/moderation/users/nobody_here/suspend",
            json={"until": None, "public_reason": "spam"},
            headers=bearer(moderator()),
        )
        assert response.status_code == 404


class TestLog:
    def test_newest_first_with_notes_for_moderators(self, client, db):
        _topic, reply = thread()
        mod = moderator()
        headers = bearer(mod)
        client.post(
            f"/api/v1/moderation/posts/{reply.id}/hide",
            json={"public_reason": "spam", "note": "n1"},
            headers=headers,
        )
        client.post(f"/api/v1/moderation/posts/{reply.id}/restore", headers=headers)
        body = client.get("/api/v1/moderation/log", headers=headers).get_json()
        assert [(e["action"], e["note"]) for e in body["items"]] == [
            ("restore", ""),
            ("hide", "n1"),
        ]
        assert body["items"][1]["actor"]["username"] == mod.username
        assert body["items"][1]["target_user"]["id"] == reply.author_id

    def test_pages_with_next(self, client, db):
        mod = moderator()
        headers = bearer(mod)
        from hub.moderation import post_actions

        for _ in range(55):
            post_actions.hide_post(mod, thread()[1].id, "spam")
        first = client.get("/api/v1/moderation/log", headers=headers).get_json()
        assert len(first["items"]) == 50 and first["next"]
        rest = client.get(f"/api/v1/moderation/log?cursor={first['next']}", headers=headers)
        assert len(rest.get_json()["items"]) == 5 and rest.get_json()["next"] is None

    def test_member_is_403(self, client, db):
        response = client.get("/api/v1/moderation/log", headers=bearer(member()))
        assert response.status_code == 403


def test_openapi_documents_the_moderation_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/posts/{post_id}/flags",
        "/api/v1/moderation/queue",
        "/api/v1/moderation/posts/{post_id}/hide",
        "/api/v1/moderation/posts/{post_id}/restore",
        "/api/v1/moderation/flags/{flag_id}/dismiss",
        "/api/v1/moderation/users/{username}/suspend",
        "/api/v1/moderation/log",
    ):
        assert path in paths, path
