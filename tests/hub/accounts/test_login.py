"""Logging in and out, sessions, throttling and the next= parameter."""

import re

from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from hub.accounts.models import AuthSession
from tests.factories import PASSWORD, make_user


def post_login(client, login, password=PASSWORD, next_url=None, remember=False):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    data = {"login": login, "password": password}
    if remember:
        data["remember"] = "y"
    return client.post(url, data=data)


class TestLogin:
    def test_with_username_or_email(self, client, db):
        make_user("berta")
        assert post_login(client, "berta").status_code == 302
        client.post("/logout")
        assert post_login(client, "BERTA@example.com").status_code == 302

    def test_wrong_password_says_so_without_revealing_which_part(self, client, db):
        make_user("berta")
        wrong_password = post_login(client, "berta", "not the password").get_data(as_text=True)
        unknown_user = post_login(client, "nobody", "not the password").get_data(as_text=True)
        assert "Wrong username, e-mail or password." in wrong_password
        assert "Wrong username, e-mail or password." in unknown_user

    def test_an_unknown_name_costs_a_password_check_like_a_known_one(self, client, db, monkeypatch):
        """The answer's timing must not tell who has an account either."""
        from hub.accounts import service

        checked = []

        def counting(stored, password):
            checked.append(stored)
            return check_password_hash(stored, password)

        make_user("berta")
        monkeypatch.setattr(service, "check_password_hash", counting)
        post_login(client, "berta", "not the password")
        post_login(client, "nobody", "not the password")
        assert len(checked) == 2
        assert checked[1].split("$")[0] == checked[0].split("$")[0]  # the same method and cost

    def test_next_only_leads_to_hub_pages(self, client, db):
        make_user("berta")
        assert post_login(client, "berta", next_url="/settings").headers["Location"] == "/settings"
        for evil in (
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
        ):
            client.post("/logout")
            location = post_login(client, "berta", next_url=evil).headers["Location"]
            assert location == "/", evil

    def test_logout_ends_the_session_on_the_server(self, client, db):
        make_user("berta")
        post_login(client, "berta", remember=True)
        assert db.session.scalar(select(func.count(AuthSession.id))) == 1
        stolen_cookie = client.get_cookie("session").value
        client.post("/logout")
        assert db.session.scalar(select(func.count(AuthSession.id))) == 0
        client.set_cookie("session", stolen_cookie)  # replaying the old cookie gets nothing
        assert client.get("/settings").status_code == 302

    def test_login_issues_a_new_session(self, client, db):
        make_user("berta")
        client.get("/login")
        before = client.get_cookie("session")
        post_login(client, "berta")
        assert client.get_cookie("session").value != (before.value if before else None)

    def test_session_cookie_is_httponly_and_lax(self, client, db):
        make_user("berta")
        cookie_header = post_login(client, "berta").headers.get("Set-Cookie")
        assert "HttpOnly" in cookie_header and "SameSite=Lax" in cookie_header


class TestThrottling:
    """Per account 6 a minute from anywhere; per address 60, as a crowd shares one NAT."""

    REFUSED = "Too many attempts to log in. Wait a few minutes, then try again."

    def test_twenty_customers_behind_one_address_all_get_in(self, app, db):
        for n in range(20):
            make_user(f"kunde{n}")
        codes = [post_login(app.test_client(), f"kunde{n}").status_code for n in range(20)]
        assert codes == [302] * 20

    def test_the_seventh_wrong_attempt_on_an_account_is_refused_from_any_address(self, client, db):
        make_user("berta")
        codes = [
            client.post(
                "/login",
                data={"login": "berta", "password": "x" * 10},
                environ_base={"REMOTE_ADDR": f"10.0.0.{i}"},
            ).status_code
            for i in range(7)
        ]
        assert codes == [400] * 6 + [429]
        page = client.post(
            "/login",
            data={"login": "berta", "password": PASSWORD},
            environ_base={"REMOTE_ADDR": "10.0.1.1"},
        )
        assert page.status_code == 429
        assert self.REFUSED in page.get_data(as_text=True)

    def test_the_refusal_does_not_tell_whether_the_account_exists(self, client, db):
        make_user("berta")
        pages = {}
        for name in ("berta", "nobody"):
            for _ in range(7):
                response = client.post("/login", data={"login": name, "password": "x" * 10})
            assert response.status_code == 429
            page = response.get_data(as_text=True)
            main = page[page.index("<main") : page.index("</main>")]
            pages[name] = re.sub(r'value="[^"]*"', "", main)  # the kept form: name, CSRF token
        assert self.REFUSED in pages["berta"]
        assert pages["berta"] == pages["nobody"]

    def test_the_address_limit_refuses_past_its_number(self, client, db):
        codes = [
            client.post("/login", data={"login": f"guess{i}", "password": "x" * 10}).status_code
            for i in range(61)
        ]
        assert codes == [400] * 60 + [429]
        elsewhere = client.post(
            "/login",
            data={"login": "guess99", "password": "x" * 10},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
        assert elsewhere.status_code == 400

    def test_the_address_limit_is_configurable(self, app, client, db, monkeypatch):
        monkeypatch.setitem(app.config, "LOGIN_IP_LIMITS", "3 per minute")
        codes = [
            client.post("/login", data={"login": f"guess{i}", "password": "x" * 10}).status_code
            for i in range(4)
        ]
        assert codes == [400] * 3 + [429]


class TestChangePassword:
    def test_logs_out_other_sessions_but_not_this_one(self, app, db):
        make_user("berta")
        laptop, phone = app.test_client(), app.test_client()
        post_login(laptop, "berta")
        post_login(phone, "berta")
        response = laptop.post(
            "/settings/password",
            data={"password-current": PASSWORD, "password-password": "ein ganz neues Passwort"},
        )
        assert response.status_code == 302
        assert laptop.get("/settings").status_code == 200
        assert phone.get("/settings").status_code == 302
        assert post_login(app.test_client(), "berta", "ein ganz neues Passwort").status_code == 302

    def test_wrong_current_password_changes_nothing(self, client, db):
        make_user("berta")
        post_login(client, "berta")
        response = client.post(
            "/settings/password",
            data={
                "password-current": "wrong one!!",
                "password-password": "ein ganz neues Passwort",
            },
        )
        assert response.status_code == 400
        assert "not your current password" in response.get_data(as_text=True)
        client.post("/logout")
        assert post_login(client, "berta").status_code == 302


def test_suspended_member_reads_and_sees_why(client, db):
    from datetime import timedelta

    from hub.core.columns import utcnow

    user = make_user("berta")
    user.suspended_until, user.suspended_reason = utcnow() + timedelta(days=3), "Werbung"
    db.session.commit()
    post_login(client, "berta")
    page = client.get("/").get_data(as_text=True)
    assert "Your account is suspended until" in page and "Werbung" in page
