"""The public legal pages: in the reader's language or the other one, not found until written
(with a link to write them for admins), Markdown kept safe, and linked from every page's footer
once written."""

import pytest

from hub.legal import service as legal
from tests.factories import make_category, make_topic, make_user
from tests.hub.test_content import unsafe_parts
from tests.hub.xss_corpus import VECTORS

FOOTER_IMPRINT = '<a href="/imprint">'


@pytest.fixture
def admin(app, db):
    return make_user("chief", role="admin")


def write(admin, kind, en="", de=""):
    return legal.save_page(admin, kind, text_en=en, text_de=de)


class TestLanguages:
    def test_the_reader_gets_their_language(self, client, admin):
        write(admin, "imprint", en="Example Ltd, London", de="Beispiel GmbH, Berlin")
        english = client.get("/imprint", headers={"Accept-Language": "en"}).text
        german = client.get("/imprint", headers={"Accept-Language": "de"}).text
        assert "Example Ltd" in english and "Beispiel GmbH" not in english
        assert "Beispiel GmbH" in german and "Example Ltd" not in german
        assert "<h1>Impressum</h1>" in german and "<h1>Imprint</h1>" in english

    def test_an_empty_language_falls_back_to_the_other(self, client, admin):
        write(admin, "privacy", de="Wir speichern wenig.")
        page = client.get("/privacy", headers={"Accept-Language": "en"})
        assert page.status_code == 200
        assert '<article class="panel legal-page" lang="de">' in page.text
        assert "Wir speichern wenig." in page.text
        assert "not written in your language yet" in page.text

    def test_the_german_addresses_lead_to_the_pages(self, client, admin):
        write(admin, "imprint", de="Beispiel GmbH")
        write(admin, "privacy", de="Wenig.")
        for german, english, text in (
            ("/impressum", "/imprint", "Beispiel GmbH"),
            ("/datenschutz", "/privacy", "Wenig."),
        ):
            response = client.get(german)
            assert response.status_code == 301
            assert response.headers["Location"].endswith(english)
            assert text in client.get(german, follow_redirects=True).text


class TestUnwritten:
    @pytest.mark.parametrize("path", ["/imprint", "/privacy", "/terms", "/guidelines"])
    def test_visitors_and_members_get_not_found(self, client, login, path):
        assert client.get(path).status_code == 404
        login(make_user(role="moderator"))
        page = client.get(path)
        assert page.status_code == 404 and "Write it" not in page.text

    def test_admins_get_a_link_to_write_it(self, client, login, admin):
        login(admin)
        page = client.get("/terms")
        assert page.status_code == 404
        assert 'href="/admin/pages/terms"' in page.text and "Write it" in page.text


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_is_rendered_safely_in_both_languages(client, admin, vector):
    write(admin, "guidelines", en=vector, de=vector)
    for language in ("en", "de"):
        html = client.get("/guidelines", headers={"Accept-Language": language}).text
        body = html.split('<div class="post-body">', 1)[1].split("</article>", 1)[0]
        assert unsafe_parts(body) == [], language


def test_a_script_typed_in_the_text_stays_text(client, admin):
    write(admin, "imprint", en='<script>alert("x")</script> and <img src=x onerror=alert(1)>')
    body = client.get("/imprint").text.split('<div class="post-body">', 1)[1]
    assert "&lt;script&gt;" in body and "<script>alert" not in body
    assert "<img" not in body.split("</div>", 1)[0]


def _page_families(admin):
    category = make_category("internet")
    topic = make_topic(make_user("asker"), category, title="Router drops the line")
    return [
        "/",
        "/latest",
        "/c/internet",
        f"/t/{topic.id}-router-drops-the-line",
        "/faq/",
        "/search?q=router",
        "/login",
        "/register",
        "/u/asker",
        "/company",
        "/no-such-page",
        "/imprint",
    ]


def test_footer_links_every_written_page_on_every_page_family(client, admin):
    write(admin, "imprint", de="Beispiel GmbH")
    write(admin, "privacy", en="We keep little.")
    for path in _page_families(admin):
        response = client.get(path, headers={"Accept-Language": "de"})
        assert response.status_code in (200, 404), path
        footer = response.text.split('<footer class="site-footer">', 1)[1]
        assert '<a href="/imprint">Impressum</a>' in footer, path
        assert '<a href="/privacy">Datenschutzerklärung</a>' in footer, path
        assert "/terms" not in footer and "/guidelines" not in footer, path


def test_footer_has_no_legal_links_before_any_page_is_written(client, login, admin):
    pages = _page_families(admin)
    pages.remove("/imprint")  # not found until written
    login(make_user(role="member"))
    for path in pages:
        footer = client.get(path).text.split('<footer class="site-footer">', 1)[1]
        assert "footer-legal" not in footer, path


def test_a_page_taken_down_leaves_the_footer(client, admin):
    write(admin, "imprint", en="Example Ltd")
    assert FOOTER_IMPRINT in client.get("/").text
    write(admin, "imprint")
    assert FOOTER_IMPRINT not in client.get("/").text
