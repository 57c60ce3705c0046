"""Switching the language: visitors with links and a cookie, members with a form."""

import pytest

from hub.accounts.models import User
from hub.core.extensions import db
from tests.factories import make_user, reload

pytestmark = pytest.mark.usefixtures("db")


class TestVisitors:
    def test_the_footer_offers_links_not_a_form(self, client):
        page = client.get("/faq/").text
        assert '<a href="/language/de?next=/faq/?" hreflang="de" lang="de"' in page
        assert 'action="/language"' not in page and "csrf_token" not in page

    def test_a_link_sets_the_cookie_and_goes_back(self, client):
        response = client.get("/language/de?next=/faq/")
        assert response.status_code == 302 and response.headers["Location"] == "/faq/"
        assert client.get_cookie("lang").value == "de"
        assert client.get_cookie("session") is None  # no session for a visitor's choice
        page = client.get("/faq/").text
        assert '<html lang="de">' in page and '<span aria-current="true">Deutsch</span>' in page

    def test_the_cookie_wins_over_the_browser(self, client):
        client.get("/language/en?next=/")
        page = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"}).text
        assert '<html lang="en">' in page

    def test_an_unknown_language_changes_nothing(self, client):
        response = client.get("/language/xx?next=/faq/")
        assert response.status_code == 302 and client.get_cookie("lang") is None

    @pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "faq"])
    def test_next_stays_on_the_hub(self, client, target):
        response = client.get("/language/de", query_string={"next": target})
        assert response.headers["Location"] == "/"

    def test_a_member_who_registers_keeps_the_language_they_chose(self, client):
        client.get("/language/de?next=/")
        client.post(
            "/register",
            data={
                "username": "greta",
                "email": "greta@example.com",
                "password": "correct horse battery",
                "confirm": "correct horse battery",
                "accept_terms": "y",
            },
        )
        user = db.session.query(User).filter_by(username="greta").one()
        assert user.locale == "de"


class TestMembers:
    def test_members_switch_with_the_form_and_keep_it_in_their_account(self, client, login):
        member = login(make_user("ines"))
        page = client.get("/faq/").text
        assert 'action="/language"' in page and 'href="/language/de' not in page

        response = client.post("/language", data={"lang": "de", "next": "/faq/"})

        assert response.headers["Location"] == "/faq/"
        assert reload(member).locale == "de"
        assert client.get_cookie("lang").value == "de"
        assert '<html lang="de">' in client.get("/faq/").text
