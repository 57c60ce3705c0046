"""The sitemap lists what a visitor may read, in pages of at most the page size, as valid XML
with absolute addresses; robots.txt keeps crawlers out of forms, accounts, admin and search."""

import re
from xml.etree import ElementTree as ET

import pytest

from hub.core import config as hub_config
from hub.faq import service as faq
from hub.forums.models import Post
from hub.moderation import post_actions
from hub.walls import service as walls
from tests.factories import make_category, make_topic, make_user
from tests.hub.forums.test_queries_count import counting

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TAG = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.mimetype == "application/xml"
    return ET.fromstring(response.data)


def _pages(client) -> list[str]:
    index = _xml(client, "/sitemap.xml")
    assert index.tag == TAG + "sitemapindex"
    return [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]


def _all_urls(client) -> list[str]:
    urls = []
    for page in _pages(client):
        urlset = _xml(client, page.removeprefix("http://localhost"))
        assert urlset.tag == TAG + "urlset"
        for url in urlset.findall("s:url", NS):
            assert url.find("s:lastmod", NS) is None or "T" in url.find("s:lastmod", NS).text
        urls += [loc.text for loc in urlset.findall("s:url/s:loc", NS)]
    return urls


def test_lists_public_pages_only(client, app):
    expert, mod = make_user(role="expert"), make_user(role="moderator")
    public, private = make_category("public"), make_category("secret", private=True)
    shown = make_topic(space=public, title="Router keeps dropping")
    secret = make_topic(expert, private, title="Team only question")
    hidden = make_topic(space=public, title="Spam question")
    opening = Post.query.filter_by(topic_id=hidden.id, number=1).one()
    post_actions.hide_post(mod, opening.id, "Spam")
    entry = faq.create_entry(expert, "public", "How do I reset?", "Hold the button.")
    draft = faq.create_entry(expert, "public", "Draft question?", "Not yet.", publish=False)
    team_entry = faq.create_entry(expert, "secret", "Team question?", "Team answer.")
    wall_post = walls.create_wall_post(expert, "company", "Maintenance tonight at 22:00.")
    member = make_user("anna")
    member_post = walls.create_wall_post(member, "anna", "My own wall post.")

    urls = _all_urls(client)
    assert "http://localhost/" in urls and "http://localhost/company" in urls
    assert "http://localhost/faq/" in urls and "http://localhost/c/public" in urls
    assert f"http://localhost/t/{shown.id}-router-keeps-dropping" in urls
    assert f"http://localhost/faq/{entry.id}-how-do-i-reset" in urls
    assert f"http://localhost/w/{wall_post.id}" in urls
    text = " ".join(urls)
    assert "/c/secret" not in text and f"/t/{secret.id}" not in text
    assert f"/t/{hidden.id}-" not in text
    assert f"/faq/{draft.id}" not in text and f"/faq/{team_entry.id}" not in text
    assert f"/w/{member_post.id}" not in text
    assert len(urls) == len(set(urls))


def test_addresses_are_absolute_from_the_base_url(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://community.example.com/")
    topic = make_topic(title="Fish & chips <today>")
    response = client.get("/sitemap.xml")
    index = ET.fromstring(response.data)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert "https://community.example.com/sitemap-topics-1.xml" in pages
    urlset = ET.fromstring(client.get("/sitemap-topics-1.xml").data)
    locs = [loc.text for loc in urlset.findall("s:url/s:loc", NS)]
    assert locs == [f"https://community.example.com/t/{topic.id}-fish-chips-today"]


def test_pages_split_at_the_page_size(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SITEMAP_PAGE_SIZE", 3)
    space, author = make_category(), make_user()
    topics = [make_topic(author, space, title="Question")]
    while topics[-1].id % 3:  # fill up to the last id of a page
        topics.append(make_topic(author, space, title="Question"))
    last_page = topics[-1].id // 3
    topic_pages = [p for p in _pages(client) if "-topics-" in p]
    assert topic_pages[-1] == f"http://localhost/sitemap-topics-{last_page}.xml"
    assert client.get(f"/sitemap-topics-{last_page + 1}.xml").status_code == 404

    topics.append(make_topic(author, space, title="Question"))  # the first of the next page
    topic_pages = [p for p in _pages(client) if "-topics-" in p]
    assert topic_pages[-1] == f"http://localhost/sitemap-topics-{last_page + 1}.xml"
    page = ET.fromstring(client.get(f"/sitemap-topics-{last_page + 1}.xml").data)
    assert [loc.text for loc in page.findall("s:url/s:loc", NS)] == [
        f"http://localhost/t/{topics[-1].id}-question"
    ]
    full = ET.fromstring(client.get(f"/sitemap-topics-{last_page}.xml").data)
    assert len(full.findall("s:url", NS)) == min(3, len(topics) - 1)
    topic_urls = [u for u in _all_urls(client) if "/t/" in u]
    assert sorted(topic_urls) == sorted(f"http://localhost/t/{t.id}-question" for t in topics)
    assert client.get("/sitemap-topics-0.xml").status_code == 404
    assert client.get("/sitemap-people-1.xml").status_code == 404


def test_a_page_is_one_query_whatever_its_size(client, app):
    space, author = make_category(), make_user()
    make_topic(author, space)
    with counting() as few:
        assert client.get("/sitemap-topics-1.xml").status_code == 200
    for _ in range(8):
        make_topic(author, space)
    with counting() as many:
        assert client.get("/sitemap-topics-1.xml").status_code == 200
    assert len(many) == len(few) == 1


def test_unchanged_sitemap_answers_304(client, app):
    make_topic()
    first = client.get("/sitemap.xml")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/sitemap.xml", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get("/sitemap-topics-1.xml", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    make_topic(title="A new question")
    changed = client.get("/sitemap-topics-1.xml", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"a-new-question" in changed.data


def test_robots_txt_keeps_crawlers_out_of_forms_accounts_and_search(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/settings", "/api/", "/search", "/moderation", "/login"):
        assert f"Disallow: {path}" in lines
    rules = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")]
    for public in ("/", "/t/7-router", "/c/public", "/faq/3-reset", "/company", "/w/5", "/feeds/x"):
        assert not any(_blocks(rule, public) for rule in rules), public
    for private in ("/c/public/ask", "/t/7-router?quote=9", "/p/9/edit", "/faq/3/helpful", "/feed"):
        assert any(_blocks(rule, private) for rule in rules), private
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def _blocks(rule: str, path: str) -> bool:
    """RFC 9309 matching: a prefix, `*` for any characters, `$` for the end."""
    pattern = re.escape(rule).replace(r"\*", ".*").replace(r"\$", "$")
    return re.match(pattern, path) is not None


def test_staging_install_keeps_every_crawler_out(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "ROBOTS", "none")
    lines = client.get("/robots.txt").get_data(as_text=True).splitlines()
    assert lines == ["User-agent: *", "Disallow: /"]


def test_robots_setting_is_checked_at_start(tmp_path):
    settings = hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path), "HUB_ROBOTS": "sometimes"})
    with pytest.raises(hub_config.ConfigError, match="HUB_ROBOTS"):
        hub_config.finish(settings)
