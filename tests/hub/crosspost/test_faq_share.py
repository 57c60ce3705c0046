"""Experts share FAQ entries to the spokes with an editable text per network."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery, TrackedLink
from hub.faq import service as faq
from tests.factories import make_category, make_user


@pytest.fixture
def entry(expert, category):
    return faq.create_entry(
        expert, category.slug, "How do I reset my router?", "Hold the button for ten seconds."
    )


def deliveries() -> list[Delivery]:
    return list(db.session.scalars(select(Delivery).order_by(Delivery.id)))


class TestSharePage:
    def test_the_preview_is_prefilled_per_account(
        self, client, login, expert, entry, mastodon_account, x_account
    ):
        login(expert)

        page = client.get(f"/faq/{entry.id}/share").get_data(as_text=True)

        assert "How do I reset my router?" in page
        assert page.count("Join the discussion:") == 2
        assert f'name="text-{mastodon_account.id}"' in page
        assert f'name="text-{x_account.id}"' in page

    def test_the_edited_texts_go_out_with_a_tracked_link(
        self, client, login, expert, entry, mastodon_account, x_account, worker, fake_mastodon
    ):
        login(expert)

        response = client.post(
            f"/faq/{entry.id}/share",
            data={
                f"send-{mastodon_account.id}": "1",
                f"text-{mastodon_account.id}": "Router reset, step by step",
                f"text-{x_account.id}": "not chosen",
            },
        )
        worker.run()

        assert (response.status_code, response.location) == (302, f"/faq/{entry.id}")
        (delivery,) = deliveries()
        assert (delivery.content_type, delivery.status) == ("faq", "delivered")
        (status,) = fake_mastodon.statuses.values()
        link = db.session.scalar(select(TrackedLink))
        assert "Router reset, step by step" in status["content"]
        assert f"/go/{link.code}" in status["content"]
        assert link.target_path == f"/faq/{entry.id}"

    def test_sharing_twice_to_the_same_account_is_refused(
        self, client, login, expert, entry, mastodon_account
    ):
        login(expert)
        data = {f"send-{mastodon_account.id}": "1", f"text-{mastodon_account.id}": "Once"}
        client.post(f"/faq/{entry.id}/share", data=data)

        response = client.post(f"/faq/{entry.id}/share", data=data)

        assert response.status_code == 400
        assert "already sent" in response.get_data(as_text=True)
        assert len(deliveries()) == 1

    def test_an_empty_text_is_a_form_error(self, client, login, expert, entry, mastodon_account):
        login(expert)

        response = client.post(
            f"/faq/{entry.id}/share",
            data={f"send-{mastodon_account.id}": "1", f"text-{mastodon_account.id}": "  "},
        )

        assert response.status_code == 400
        assert deliveries() == []


class TestWhoMayShare:
    def test_members_are_refused(self, client, login, entry, mastodon_account):
        login(make_user("mia_member"))

        assert client.get(f"/faq/{entry.id}/share").status_code == 403
        response = client.post(
            f"/faq/{entry.id}/share",
            data={f"send-{mastodon_account.id}": "1", f"text-{mastodon_account.id}": "x"},
        )
        assert response.status_code == 403
        assert deliveries() == []

    def test_drafts_cannot_be_shared(self, client, login, expert, category, mastodon_account):
        draft = faq.create_entry(expert, category.slug, "A draft here?", "Text.", publish=False)
        login(expert)

        response = client.post(
            f"/faq/{draft.id}/share",
            data={f"send-{mastodon_account.id}": "1", f"text-{mastodon_account.id}": "x"},
        )

        assert response.status_code == 422
        assert deliveries() == []

    def test_private_categories_stay_on_the_hub(self, client, login, expert, mastodon_account):
        team = make_category("team-notes", private=True)
        hidden = faq.create_entry(expert, team.slug, "Internal question?", "Internal answer.")
        login(expert)

        assert client.get(f"/faq/{hidden.id}/share").status_code == 403

    def test_the_entry_page_links_to_sharing_for_the_team_only(self, client, login, expert, entry):
        share_link = f'href="/faq/{entry.id}/share"'
        assert share_link not in client.get(f"/faq/{entry.id}").get_data(as_text=True)

        login(expert)

        assert share_link in client.get(f"/faq/{entry.id}").get_data(as_text=True)


def test_an_entry_unpublished_before_delivery_stays_on_the_hub(
    expert, entry, mastodon_account, worker, fake_mastodon
):
    from hub.crosspost import faq_share

    faq_share.share_entry(expert, entry.id, {mastodon_account.id: "Router reset"})
    faq.unpublish_entry(expert, entry.id)

    worker.run()

    (delivery,) = deliveries()
    assert delivery.status == "dead"
    assert fake_mastodon.statuses == {}
