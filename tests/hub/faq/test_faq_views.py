"""FAQ pages: reading by category, permalinks, "was this helpful?", and the team's editor."""

import pytest
from flask import render_template_string

from hub.faq import service as faq
from hub.faq.models import FaqEntry
from hub.forums import answers
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")

TOPIC_LINK = '{% from "faq/_topic_link.html" import faq_topic_link %}{{ faq_topic_link(topic) }}'


@pytest.fixture
def expert():
    return make_user("jana", role="expert")


@pytest.fixture
def entry(expert):
    make_category("rechnung")
    return faq.create_entry(
        expert, "rechnung", "Wann wird abgebucht?", "Am **3.** des Monats, per SEPA."
    )


class TestReading:
    def test_faq_lists_questions_that_open_to_their_answers(self, client, entry):
        page = client.get("/faq/").get_data(as_text=True)
        assert f'<details class="panel faq-entry" id="faq-{entry.id}">' in page
        assert '<summary><span class="faq-question">Wann wird abgebucht?</span>' in page
        assert "<strong>3.</strong>" in page
        assert f'href="/faq/{entry.id}-wann-wird-abgebucht">Permalink</a>' in page
        assert "Last updated" in page and "jana" in page

    def test_category_page(self, client, entry):
        make_category("mobil")
        page = client.get("/faq/c/rechnung").get_data(as_text=True)
        assert "Wann wird abgebucht?" in page
        assert "No questions here yet." in client.get("/faq/c/mobil").get_data(as_text=True)
        assert client.get("/faq/c/nope").status_code == 404

    def test_permalink_page(self, client, entry):
        response = client.get(f"/faq/{entry.id}-wann-wird-abgebucht")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "<h1>Wann wird abgebucht?" in page and "Was this helpful?" in page
        assert client.get(f"/faq/{entry.id}").status_code == 200
        assert client.get("/faq/9999").status_code == 404

    def test_drafts_only_for_the_team(self, client, login, expert):
        make_category("rechnung")
        draft = faq.create_entry(expert, "rechnung", "Ein Entwurf hier?", "Text.", publish=False)
        assert client.get(f"/faq/{draft.id}").status_code == 404
        assert "Ein Entwurf hier?" not in client.get("/faq/").get_data(as_text=True)
        login(expert)
        page = client.get("/faq/").get_data(as_text=True)
        assert "Ein Entwurf hier?" in page and "Draft" in page

    def test_private_categories_only_for_the_team(self, client, expert):
        make_category("intern", private=True)
        entry = faq.create_entry(expert, "intern", "Interne Eskalation wie?", "Ticket.")
        assert client.get(f"/faq/{entry.id}").status_code == 404
        assert "Interne Eskalation" not in client.get("/faq/").get_data(as_text=True)
        assert client.get("/faq/c/intern").status_code == 404

    def test_promoted_entry_links_to_the_discussion(self, client, expert):
        asker = make_user()
        topic = make_topic(asker, title="Wo ist meine Rechnung?", body="Finde sie nicht.")
        answers.accept_answer(asker, make_reply(topic, expert, body="Im Portal.").id)
        entry = faq.promote_topic(expert, topic.id)
        faq.publish_entry(expert, entry.id)
        page = client.get(f"/faq/{entry.id}").get_data(as_text=True)
        assert "From the community:" in page
        assert f'href="/t/{topic.id}-wo-ist-meine-rechnung">discussed here</a>' in page


class TestHelpful:
    def test_visitor_votes_once_per_browser(self, client, entry):
        for _ in range(2):
            response = client.post(f"/faq/{entry.id}/helpful", data={"helpful": "yes"})
            assert response.status_code == 302
        assert (reload(entry).helpful_yes, entry.helpful_no) == (1, 0)
        client.post(f"/faq/{entry.id}/helpful", data={"helpful": "no"})
        assert (reload(entry).helpful_yes, entry.helpful_no) == (0, 1)

    def test_bad_value(self, client, entry):
        assert client.post(f"/faq/{entry.id}/helpful", data={"helpful": "maybe"}).status_code == 400

    def test_counts_are_shown_to_the_team_only(self, app, client, login, entry, expert):
        client.post(f"/faq/{entry.id}/helpful", data={"helpful": "yes"})
        assert "data-helpful-counts" not in client.get(f"/faq/{entry.id}").get_data(as_text=True)
        member_client = app.test_client()
        member = make_user()
        member_client.post(
            "/login", data={"login": member.username, "password": "correct horse battery"}
        )
        page = member_client.get(f"/faq/{entry.id}").get_data(as_text=True)
        assert "data-helpful-counts" not in page
        assert 'aria-pressed="true"' not in page
        login(expert)
        page = client.get(f"/faq/{entry.id}").get_data(as_text=True)
        assert "1 yes, 0 no" in page


class TestEditing:
    def test_members_may_not_open_the_editor(self, client, login, entry):
        assert client.get("/faq/new").status_code == 302  # log in first
        login(make_user())
        assert client.get("/faq/new").status_code == 403
        assert client.get(f"/faq/{entry.id}/edit").status_code == 403
        assert client.post(f"/faq/{entry.id}/unpublish").status_code == 403

    def test_expert_creates_an_entry(self, client, login, expert, db):
        make_category("mobil")
        login(expert)
        form = client.get("/faq/new?category=mobil").get_data(as_text=True)
        assert '<option selected value="mobil">' in form or 'value="mobil" selected' in form
        response = client.post(
            "/faq/new",
            data={
                "category": "mobil",
                "question": "Wie aktiviere ich eSIM?",
                "answer": "QR.",
                "publish": "y",
            },
        )
        assert response.status_code == 302
        entry = db.session.scalar(db.select(FaqEntry))
        assert response.headers["Location"] == f"/faq/{entry.id}-wie-aktiviere-ich-esim"
        assert entry.is_published

    def test_invalid_form_is_shown_again(self, client, login, expert):
        make_category("mobil")
        login(expert)
        response = client.post(
            "/faq/new", data={"category": "mobil", "question": "?", "answer": "x"}
        )
        assert response.status_code == 400
        assert "at least 5 letters" in response.get_data(as_text=True)

    def test_expert_edits_and_the_old_text_is_kept(self, client, login, expert, entry):
        login(expert)
        page = client.get(f"/faq/{entry.id}/edit").get_data(as_text=True)
        assert "Wann wird abgebucht?" in page
        response = client.post(
            f"/faq/{entry.id}/edit",
            data={
                "category": "rechnung",
                "question": "Wann genau wird abgebucht?",
                "answer": "Am 5.",
                "reason": "Neuer Termin",
            },
        )
        assert response.status_code == 302
        page = client.get(f"/faq/{entry.id}/edit").get_data(as_text=True)
        assert "Earlier versions" in page and "Neuer Termin" in page

    def test_publish_move_and_unpublish_buttons(self, client, login, expert, entry):
        second = faq.create_entry(expert, "rechnung", "Zweite Frage hier?", "x", publish=False)
        login(expert)
        assert client.post(f"/faq/{second.id}/publish").status_code == 302
        assert reload(second).is_published
        client.post(f"/faq/{second.id}/up", data={"next": "/faq/"})
        page = client.get("/faq/").get_data(as_text=True)
        assert page.index("Zweite Frage hier?") < page.index("Wann wird abgebucht?")
        client.post(f"/faq/{second.id}/unpublish")
        assert not reload(second).is_published

    def test_promote_from_the_topic_page(self, app, client, login, expert):
        asker = make_user()
        topic = make_topic(asker, title="Wie kündige ich richtig?", body="Frist?")
        answers.accept_answer(asker, make_reply(topic, expert, body="Drei Monate vorher.").id)
        login(expert)
        with app.test_request_context():
            from flask_login import login_user

            login_user(expert)
            assert "Add to the FAQ" in render_template_string(TOPIC_LINK, topic=topic)
        response = client.post(f"/faq/promote/{topic.id}")
        assert response.status_code == 302 and "/edit" in response.headers["Location"]
        again = client.post(f"/faq/promote/{topic.id}")
        assert again.status_code == 302  # to the existing entry
        with app.test_request_context():
            from flask_login import logout_user

            logout_user()  # the test's app context still remembers the expert
            link = render_template_string(TOPIC_LINK, topic=topic)
            assert link.strip() == ""  # visitors: the entry is still a draft


class TestTopicLink:
    def test_published_entry_is_linked_from_its_thread(self, app, expert):
        asker = make_user()
        topic = make_topic(asker, title="Router Passwort vergessen", body="Hilfe")
        answers.accept_answer(asker, make_reply(topic, expert, body="Auf der Rückseite.").id)
        entry = faq.promote_topic(expert, topic.id)
        faq.publish_entry(expert, entry.id)
        with app.test_request_context():
            html = render_template_string(TOPIC_LINK, topic=topic)
        assert "This answer is also in our FAQ" in html
        assert f'href="/faq/{entry.id}-router-passwort-vergessen"' in html
