"""A visitor's "was this helpful?": links on the page (no token, so it can be cached), then a
small page that asks once more with the form."""

import pytest

from hub.faq import service as faq
from tests.factories import make_category, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def entry():
    make_category("rechnung")
    return faq.create_entry(
        make_user("jana", role="expert"), "rechnung", "Wann wird abgebucht?", "Am 3. des Monats."
    )


def test_a_visitor_sees_links_to_answer(client, entry):
    page = client.get(f"/faq/{entry.id}").text
    assert f'href="/faq/{entry.id}/helpful?helpful=yes&amp;next=/faq/{entry.id}"' in page
    assert f'action="/faq/{entry.id}/helpful"' not in page


def test_the_link_asks_once_more_and_the_vote_counts(client, entry):
    page = client.get(f"/faq/{entry.id}/helpful?helpful=no&next=/faq/{entry.id}").text
    assert "Wann wird abgebucht?" in page and f'action="/faq/{entry.id}/helpful"' in page
    assert 'value="no" class="button primary" autofocus' in page
    assert f'name="next" value="/faq/{entry.id}"' in page

    voted = client.post(
        f"/faq/{entry.id}/helpful", data={"helpful": "no", "next": f"/faq/{entry.id}"}
    )

    assert voted.headers["Location"] == f"/faq/{entry.id}"
    assert (reload(entry).helpful_yes, entry.helpful_no) == (0, 1)
    again = client.get(f"/faq/{entry.id}").text
    assert f'helpful=no&amp;next=/faq/{entry.id}" aria-current="true"' in again


def test_the_confirmation_keeps_next_on_the_hub(client, entry):
    page = client.get(f"/faq/{entry.id}/helpful?helpful=yes&next=//evil.example").text
    assert f'name="next" value="/faq/{entry.id}"' in page


def test_a_draft_has_no_confirmation(client, entry):
    faq.unpublish_entry(make_user("kai", role="expert"), entry.id)
    assert client.get(f"/faq/{entry.id}/helpful?helpful=yes").status_code == 404


def test_members_vote_in_one_step(client, login, entry):
    login(make_user("ines"))
    page = client.get(f"/faq/{entry.id}").text
    assert f'action="/faq/{entry.id}/helpful"' in page and "/helpful?helpful=" not in page
