"""The inbox shows whether the reply on the network that points to our answer went out, why
not in the team's words, and sends a failed one again (fake Mastodon over HTTP)."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import Delivery
from hub.moderation import post_actions
from hub.spoke_inbox.models import InboxItem
from tests.factories import make_user

ANSWERED = "/team/inbox?status=answered"


def answer(client, item, body="Version 7.2 fixes the drops."):
    client.post(f"/team/inbox/{item.id}/answer", data={"body": body})
    db.session.expire_all()
    return db.session.get(InboxItem, item.id)


def answer_back() -> Delivery:
    return db.session.scalar(select(Delivery).where(Delivery.content_type == "inbox-answer"))


def card(client, url: str, item) -> str:
    """The item's part of an inbox page."""
    page = client.get(url).get_data(as_text=True)
    start = page.index(f'id="item-{item.id}"')
    return page[start : page.index("</article>", start)]


def test_on_its_way_then_sent_with_a_link_to_it(as_expert, item, fake_mastodon, worker):
    answer(as_expert, item)
    assert "Reply on Mastodon: not sent yet. It is on its way." in card(as_expert, ANSWERED, item)

    worker.run()

    (reply,) = fake_mastodon.replies_to(item.remote_id)
    shown = card(as_expert, ANSWERED, item)
    assert "Reply on Mastodon: sent." in shown and reply["url"] in shown
    assert "Send again" not in shown


class TestRefusedByTheNetwork:
    """The reply was deleted on Mastodon after the fetch: Mastodon refuses to reply under it."""

    @pytest.fixture
    def failed(self, as_expert, item, fake_mastodon, worker):
        del fake_mastodon.statuses[item.remote_id]
        handled = answer(as_expert, item)
        worker.run()
        assert answer_back().status == "dead"
        return handled

    def test_the_item_says_so_with_the_networks_words(self, as_expert, failed):
        shown = card(as_expert, ANSWERED, failed)

        assert 'data-answer-back="failed"' in shown
        assert "Reply on Mastodon failed" in shown
        assert "Mastodon refused the reply: Record not found" in shown
        assert "Send again" in shown

    def test_the_new_tab_tells_the_team_and_links_to_the_failed_ones(self, as_expert, failed):
        page = as_expert.get("/team/inbox").get_data(as_text=True)

        assert "1 answer did not reach the network." in page
        assert "/team/inbox?status=answered&amp;failed=1" in page
        failed_only = as_expert.get(f"{ANSWERED}&failed=1").get_data(as_text=True)
        assert f'id="item-{failed.id}"' in failed_only

    def test_an_admin_opens_the_delivery_an_expert_does_not_see_the_link(
        self, client, login, admin, as_expert, failed
    ):
        delivery = answer_back()
        assert "Open the delivery" not in card(as_expert, ANSWERED, failed)

        login(admin)
        shown = card(client, ANSWERED, failed)
        assert f"/admin/spokes?status=dead#delivery-{delivery.id}" in shown
        assert f'id="delivery-{delivery.id}"' in client.get("/admin/spokes?status=dead").get_data(
            as_text=True
        )


class TestHiddenBeforeItWentOut:
    @pytest.fixture
    def failed(self, as_expert, admin, item, worker):
        handled = answer(as_expert, item, "Call me on 0800 123 456.")
        post_actions.hide_post(admin, handled.post_id, "Personal data")
        worker.run()
        return handled

    def test_the_item_says_there_was_nothing_to_point_to(self, as_expert, failed, fake_mastodon):
        shown = card(as_expert, ANSWERED, failed)

        assert fake_mastodon.replies_to(failed.remote_id) == []
        assert "Our answer is hidden or gone on the hub" in shown

    def test_sent_again_once_restored(self, as_expert, admin, failed, fake_mastodon, worker):
        post_actions.restore_post(admin, failed.post_id)
        response = as_expert.post(
            f"/team/inbox/{failed.id}/answer-back", data={"next": ANSWERED}, follow_redirects=True
        )
        assert "The reply on the network is queued again." in response.get_data(as_text=True)
        worker.run()

        (reply,) = fake_mastodon.replies_to(failed.remote_id)
        assert answer_back().remote_id == reply["id"]
        assert "Reply on Mastodon: sent." in card(as_expert, ANSWERED, failed)


def test_what_has_not_failed_is_not_sent_again(as_expert, item, fake_mastodon, worker):
    answered = answer(as_expert, item)
    worker.run()

    page = as_expert.post(f"/team/inbox/{answered.id}/answer-back", follow_redirects=True).get_data(
        as_text=True
    )

    assert "This reply on the network has not failed." in page
    assert len(fake_mastodon.replies_to(item.remote_id)) == 1


def test_members_may_not_send_it_again(client, login, as_expert, item, fake_mastodon, worker):
    del fake_mastodon.statuses[item.remote_id]
    answer(as_expert, item)
    worker.run()
    login(make_user("maria"))

    client.post(f"/team/inbox/{item.id}/answer-back")

    db.session.expire_all()
    assert answer_back().status == "dead"
