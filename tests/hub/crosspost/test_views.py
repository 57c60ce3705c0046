"""The spokes admin page, the share action and the /api/v1/spokes endpoints: who may do what."""

import pytest
from sqlalchemy import select

from hub.accounts import service as accounts
from hub.core.errors import Forbidden
from hub.core.extensions import db
from hub.crosspost import sharing
from hub.crosspost.models import CrossPostRule, Delivery, SpokeAccount
from tests.factories import make_category, make_topic, make_user


class TestAdminPage:
    def test_admins_see_accounts_and_deliveries(
        self, client, login, admin, mastodon_account, new_questions, worker
    ):
        make_topic(space=new_questions, title="Router drops the line")
        worker.run()
        login(admin)

        page = client.get("/admin/spokes").get_data(as_text=True)

        assert "Nabe on Mastodon" in page
        assert "Router drops the line" in page
        assert only(Delivery).remote_url in page

    @pytest.mark.parametrize("role", ["member", "expert", "moderator"])
    def test_others_are_refused(self, client, login, role):
        login(make_user(role=role))

        assert client.get("/admin/spokes").status_code == 403

    def test_visitors_are_sent_to_log_in(self, client):
        assert client.get("/admin/spokes").status_code == 302

    def test_the_nav_links_admins_to_the_page(self, client, login, admin):
        login(admin)

        assert 'href="/admin/spokes"' in client.get("/").get_data(as_text=True)

    def test_connecting_a_mastodon_account(self, client, login, admin):
        login(admin)

        response = client.post(
            "/admin/spokes/accounts",
            data={
                "network": "mastodon",
                "name": "Nabe on Mastodon",
                "instance_url": "https://social.example/",
                "access_token": "secret-token",
            },
        )

        assert response.status_code == 302
        account = only(SpokeAccount)
        assert (account.instance_url, account.state) == ("https://social.example", "ok")
        page = client.get("/admin/spokes").get_data(as_text=True)
        assert "secret-token" not in page

    def test_a_mastodon_account_needs_its_instance(self, client, login, admin):
        login(admin)

        response = client.post(
            "/admin/spokes/accounts",
            data={"network": "mastodon", "name": "Nabe", "access_token": "t"},
        )

        assert response.status_code == 400
        assert db.session.scalars(select(SpokeAccount)).all() == []

    def test_members_cannot_connect_accounts(self, client, login):
        login(make_user())

        response = client.post(
            "/admin/spokes/accounts",
            data={"network": "x", "name": "n", "access_token": "t", "client_id": "c"},
        )

        assert response.status_code == 403

    def test_setting_a_category_rule(self, client, login, admin, category):
        login(admin)

        client.post(
            f"/admin/spokes/rules/{category.id}",
            data={f"rule-{category.id}-mode": "solved", f"rule-{category.id}-hashtags": "#help"},
        )

        rule = only(CrossPostRule)
        assert (rule.mode, rule.hashtags) == ("solved", "#help")

    def test_retrying_a_dead_delivery(
        self, client, login, admin, mastodon_account, new_questions, worker, fake_mastodon
    ):
        fake_mastodon.fail_next("5xx")
        make_topic(space=new_questions)
        worker.run()
        delivery = only(Delivery)
        delivery.status = "dead"
        db.session.commit()
        login(admin)

        client.post(f"/admin/spokes/deliveries/{delivery.id}/retry")
        worker.run()

        assert only(Delivery).status == "delivered"


class TestShare:
    def test_an_expert_shares_with_an_edited_text(
        self, client, login, expert, mastodon_account, category, worker, fake_mastodon
    ):
        topic = make_topic(space=category, title="Router drops the line")
        login(expert)
        form = client.get(f"/t/{topic.id}/share").get_data(as_text=True)
        assert "Router drops the line" in form

        response = client.post(
            f"/t/{topic.id}/share",
            data={
                f"send-{mastodon_account.id}": "1",
                f"text-{mastodon_account.id}": "Solved: evening drop-outs",
            },
        )
        worker.run()

        assert response.status_code == 302
        delivery = only(Delivery)
        assert (delivery.reason, delivery.status) == ("share", "delivered")
        (status,) = fake_mastodon.statuses.values()
        assert "Solved: evening drop-outs" in status["content"]

    def test_sharing_twice_is_refused(
        self, client, login, expert, mastodon_account, category, worker, fake_mastodon
    ):
        topic = make_topic(space=category)
        texts = {mastodon_account.id: "Look"}
        sharing.share_topic(expert, topic.id, texts)

        login(expert)
        response = client.post(
            f"/t/{topic.id}/share",
            data={f"send-{mastodon_account.id}": "1", f"text-{mastodon_account.id}": "Again"},
        )

        assert response.status_code == 400
        assert len(db.session.scalars(select(Delivery)).all()) == 1

    def test_members_cannot_share(self, client, login, mastodon_account, category):
        topic = make_topic(space=category)
        login(make_user())

        assert client.get(f"/t/{topic.id}/share").status_code == 403

    def test_private_topics_cannot_be_shared(self, app, expert, mastodon_account):
        topic = make_topic(expert, make_category("team", private=True))

        with pytest.raises(Forbidden):
            sharing.share_topic(expert, topic.id, {mastodon_account.id: "x"})


class TestApi:
    def bearer(self, user):
        return {"Authorization": f"Bearer {accounts.create_api_token(user)}"}

    def test_admins_list_spokes_without_tokens(
        self, client, admin, mastodon_account, new_questions, worker
    ):
        make_topic(space=new_questions)
        worker.run()

        response = client.get("/api/v1/spokes", headers=self.bearer(admin))

        assert response.status_code == 200
        (item,) = response.json["items"]
        assert item["network"] == "mastodon"
        assert item["state"] == "ok"
        assert item["deliveries"] == {"delivered": 1}
        assert "mastodon-token" not in response.get_data(as_text=True)

    def test_deliveries_by_status(self, client, admin, mastodon_account, new_questions, worker):
        make_topic(space=new_questions)
        worker.run()

        delivered = client.get(
            "/api/v1/spokes/deliveries?status=delivered", headers=self.bearer(admin)
        ).json["items"]
        pending = client.get(
            "/api/v1/spokes/deliveries?status=pending", headers=self.bearer(admin)
        ).json["items"]

        assert [d["status"] for d in delivered] == ["delivered"]
        assert delivered[0]["remote_url"].startswith("http://127.0.0.1:")
        assert pending == []

    def test_an_unknown_status_is_422(self, client, admin):
        response = client.get("/api/v1/spokes/deliveries?status=lost", headers=self.bearer(admin))

        assert response.status_code == 422

    @pytest.mark.parametrize("role", ["member", "expert", "moderator"])
    def test_only_admins(self, client, app, role):
        response = client.get("/api/v1/spokes", headers=self.bearer(make_user(role=role)))

        assert response.status_code == 403

    def test_anonymous_is_401(self, client):
        assert client.get("/api/v1/spokes/deliveries").status_code == 401


def only(model):
    (row,) = db.session.scalars(select(model)).all()
    return row
