"""A registration in a session that came through `/go/` is attributed to the link's spoke
account and content, by e-mail and by social sign-in; so is the member's first post."""

import pytest
import requests
from sqlalchemy import select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post
from hub.referrals.models import Referral
from tests.factories import make_topic
from tests.fakes.oidc import FakeOIDC

PASSWORD = "a long and unusual passphrase"


def register(client, username="newcomer"):
    return client.post(
        "/register",
        data={"username": username, "email": f"{username}@example.org", "password": PASSWORD},
    )


def referral_of(username) -> Referral | None:
    user = db.session.scalar(select(User).where(User.username == username))
    return db.session.scalar(select(Referral).where(Referral.user_id == user.id))


class TestEmailRegistration:
    def test_is_attributed_to_the_link_it_came_through(self, client, link, account, topic):
        client.get(f"/go/{link.code}")
        assert register(client).status_code == 302

        referral = referral_of("newcomer")
        assert (referral.link_id, referral.account_id) == (link.id, account.id)
        assert (referral.content_type, referral.content_id) == ("topic", topic.id)

    def test_without_a_go_link_nothing_is_attributed(self, client, link):
        assert register(client).status_code == 302

        assert referral_of("newcomer") is None

    def test_one_arrival_attributes_one_registration(self, client, link):
        client.get(f"/go/{link.code}")
        register(client, "first_one")
        client.post("/logout")
        register(client, "second_one")

        assert referral_of("first_one") is not None
        assert referral_of("second_one") is None

    def test_a_refused_registration_records_nothing(self, client, link):
        client.get(f"/go/{link.code}")
        response = client.post("/register", data={"username": "x", "email": "nope"})

        assert response.status_code == 400
        assert db.session.scalars(select(Referral)).all() == []


@pytest.fixture
def oidc(app, monkeypatch):
    with FakeOIDC() as fake:
        monkeypatch.setitem(app.config, "OAUTH_OIDC_ID", fake.client_id)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_SECRET", fake.client_secret)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_URL", fake.discovery_url)
        yield fake


def social_sign_up(client, username):
    start = client.get("/login/social/oidc")
    at_provider = requests.get(start.headers["Location"], allow_redirects=False, timeout=5)
    client.get(at_provider.headers["Location"])
    return client.post("/login/social/finish", data={"username": username, "accept_terms": "y"})


class TestSocialRegistration:
    def test_is_attributed_like_an_email_one(self, client, link, account, oidc):
        client.get(f"/go/{link.code}")
        assert social_sign_up(client, "social_newcomer").status_code == 302

        referral = referral_of("social_newcomer")
        assert (referral.link_id, referral.account_id) == (link.id, account.id)

    def test_without_a_go_link_nothing_is_attributed(self, client, link, oidc):
        assert social_sign_up(client, "social_newcomer").status_code == 302

        assert referral_of("social_newcomer") is None


class TestFirstPost:
    def test_a_reply_is_the_first_post_and_later_posts_change_nothing(self, client, link, topic):
        client.get(f"/go/{link.code}")
        register(client)
        client.post(f"/t/{topic.id}/reply", data={"body": "Restarting the router helped me."})
        first = referral_of("newcomer").first_post_id
        client.post(f"/t/{topic.id}/reply", data={"body": "And a firmware update, too."})

        db.session.expire_all()
        referral = referral_of("newcomer")
        assert first is not None and referral.first_post_id == first
        assert referral.first_post_at is not None

    def test_a_new_topic_counts_as_the_first_post(self, client, link, topic):
        client.get(f"/go/{link.code}")
        register(client)
        user = db.session.scalar(select(User).where(User.username == "newcomer"))
        asked = forums.create_topic(
            user, topic.space.slug, "question", "Where is the reset button?", "I cannot find it."
        )

        opening = db.session.scalar(select(Post).where(Post.topic_id == asked.id, Post.number == 1))
        db.session.expire_all()
        assert referral_of("newcomer").first_post_id == opening.id

    def test_members_who_were_not_referred_are_not_tracked(self, client, link, topic):
        make_topic()

        assert db.session.scalars(select(Referral)).all() == []
