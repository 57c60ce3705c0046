"""One member's admin page (/admin/users/<username>): what it shows to whom, the role change
with its reason in the audit log, and the password reset link."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.accounts.models import SocialIdentity, User
from hub.admin.models import AuditEntry
from hub.core.columns import utcnow
from hub.crosspost import service as crosspost
from hub.outbox import runner
from hub.referrals.models import Referral
from tests.factories import make_user, reload


def html_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def berta(app, db):
    return make_user("berta")


@pytest.fixture
def admin(app, db, login):
    return login(make_user("root", role="admin"))


def audit_entries(db) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


class TestWhoSeesWhat:
    def test_visitors_log_in_members_and_experts_are_refused(self, app, db, client, login, berta):
        assert client.get("/admin/users/berta").status_code == 302
        login(make_user("ella", role="expert"))
        assert client.get("/admin/users/berta").status_code == 403

    def test_moderators_read_it_without_the_address_and_reach_the_moderation_page(
        self, app, db, client, login, berta
    ):
        login(make_user("mod", role="moderator"))
        html = html_of(client.get("/admin/users/berta"))
        assert "berta@example.com" not in html
        assert 'href="/moderation/users/berta"' in html
        assert "Change the role" not in html and "Send a password reset link" not in html
        assert client.post("/admin/users/berta/role", data={"role": "expert"}).status_code == 403
        assert client.post("/admin/users/berta/reset-link").status_code == 403

    def test_unknown_member_is_404(self, app, db, client, admin):
        assert client.get("/admin/users/nobody").status_code == 404

    def test_admins_see_address_role_providers_spoke_and_state(self, app, db, client, admin, berta):
        db.session.add(
            SocialIdentity(user_id=berta.id, provider="mastodon", subject="42@social.example")
        )
        account = crosspost.connect_account(
            admin, "mastodon", "@hub@social.example", "t", instance_url="https://social.example"
        )
        db.session.add(
            Referral(user_id=berta.id, account_id=account.id, content_type="topic", content_id=1)
        )
        berta.silenced_until = utcnow() + timedelta(days=3)
        db.session.commit()
        html = html_of(client.get("/admin/users/berta"))
        assert "berta@example.com" in html
        assert 'id="member-role">Member<' in html
        assert "Mastodon" in html and "42@social.example" in html and "spoke network" in html
        assert "@hub@social.example" in html
        assert "Read-only until" in html
        assert 'href="/moderation/users/berta"' in html


def change_role(client, username="berta", role="expert", reason="Joined the support team."):
    return client.post(f"/admin/users/{username}/role", data={"role": role, "reason": reason})


class TestRoleChange:
    def test_admin_changes_the_role_and_the_log_shows_before_after_and_reason(
        self, app, db, client, admin, berta
    ):
        response = change_role(client)
        assert response.status_code == 302
        page = html_of(client.get(response.headers["Location"]))
        assert "berta is now: Expert (team)." in page
        assert reload(berta).role == "expert"
        [entry] = audit_entries(db)
        assert (entry.action, entry.target_label, entry.actor_id) == (
            "user.role",
            "berta",
            admin.id,
        )
        assert entry.before == {"role": "member"} and entry.after == {"role": "expert"}
        assert entry.reason == "Joined the support team."
        log = html_of(client.get("/admin/log"))
        assert "changed a member&#39;s role" in log or "changed a member's role" in log
        assert "Joined the support team." in log and "member</span> → expert" in log

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_without_a_reason_it_is_refused_and_nothing_changes(
        self, app, db, client, admin, berta, reason
    ):
        response = change_role(client, reason=reason)
        assert response.status_code == 400
        assert "Say why; the audit log keeps the reason." in html_of(response)
        assert reload(berta).role == "member" and audit_entries(db) == []

    def test_an_unknown_role_is_a_form_error(self, app, db, client, admin, berta):
        response = change_role(client, role="king")
        assert response.status_code == 400
        assert reload(berta).role == "member" and audit_entries(db) == []

    def test_an_admin_cannot_demote_themselves(self, app, db, client, admin):
        response = change_role(client, username="root", role="member", reason="Stepping down.")
        assert response.status_code == 400
        assert "Admins cannot demote themselves; ask another admin." in html_of(response)
        assert reload(admin).role == "admin" and audit_entries(db) == []

    def test_another_admin_may_demote_an_admin(self, app, db, client, admin):
        make_user("second", role="admin")
        assert change_role(client, "second", "moderator", "Moves to moderation.").status_code == 302
        assert db.session.scalar(select(User.role).where(User.username == "second")) == "moderator"

    def test_the_same_role_again_logs_nothing(self, app, db, client, admin, berta):
        assert change_role(client, role="member").status_code == 302
        assert audit_entries(db) == []

    def test_the_form_needs_its_csrf_token(self, app, db, client, admin, berta, monkeypatch):
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        assert change_role(client).status_code == 400
        assert reload(berta).role == "member"
        page = html_of(client.get("/admin/users/berta"))
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = client.post(
            "/admin/users/berta/role",
            data={"role": "expert", "reason": "Team.", "csrf_token": token},
        )
        assert response.status_code == 302 and reload(berta).role == "expert"


class TestResetLink:
    def test_admin_mails_a_reset_link_that_works_and_it_is_logged(
        self, app, db, client, admin, berta, smtp_inbox
    ):
        response = client.post("/admin/users/berta/reset-link")
        assert response.status_code == 302
        assert "A password reset link is on its way to berta." in html_of(
            client.get(response.headers["Location"])
        )
        assert runner.run_once(app) == 1
        [received] = smtp_inbox.wait_for(1)
        assert received.rcpt_tos == ["berta@example.com"]
        path = re.search(r"https?://[^/\s]+(/password/reset/\S+)", received.body).group(1)
        client.post("/logout")
        assert client.post(path, data={"password": "Ein ganz neues Passwort"}).status_code == 302

        [entry] = audit_entries(db)
        assert (entry.action, entry.target_label) == ("user.password_reset", "berta")
        assert db.session.scalar(select(func.count(AuditEntry.id))) == 1
