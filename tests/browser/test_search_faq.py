"""A visitor finds an answer: suggestions in the header's search box, the results page, and
the FAQ with its answers folded out, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from hub.faq import service as faq
from hub.search import backend
from tests.factories import make_category, make_topic, make_user


@pytest.fixture
def community(app):
    backend.current().clear()  # the session's index may hold other tests' documents
    expert = make_user("jana", role="expert")
    make_category("internet")
    entry = faq.create_entry(
        expert,
        "internet",
        "Wie starte ich den Router neu?",
        "Ziehe den Stecker für **zehn Sekunden**.",
    )
    faq.create_entry(expert, "internet", "Was tun bei WLAN-Abbrüchen?", "Kanal wechseln.")
    make_topic(
        make_user(),
        title="Router startet ständig neu",
        body="Seit dem Firmware-Update startet mein Router alle zehn Minuten neu.",
    )
    return entry


def test_visitor_types_sees_suggestions_and_opens_the_faq_entry(page, live_server, community):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search the community")
    box.press_sequentially("rout", delay=30)
    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions).to_be_visible()
    options = suggestions.get_by_role("option")
    expect(options.first).to_contain_text("Wie starte ich den Router neu?")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie starte ich den Router neu?")
    expect(page.locator(".post-body strong")).to_have_text("zehn Sekunden")


def test_visitor_searches_and_opens_a_result(page, live_server, community):
    page.goto(live_server.url + "/faq/")
    box = page.get_by_role("combobox", name="Search the community")
    box.fill("Router neu")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    hits = page.locator(".search-results .search-hit")
    expect(hits).to_have_count(2)
    expect(hits.first).to_contain_text("FAQ")  # FAQ entries first
    expect(hits.nth(1).locator("mark").first).to_be_visible()
    expect(page.get_by_role("link", name="Router startet ständig neu")).to_have_attribute(
        "href", re.compile(r"^/t/\d+-router-startet-staendig-neu$")
    )
    page.get_by_role("link", name="Wie starte ich den Router neu?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie starte ich den Router neu?")


def test_visitor_opens_an_faq_answer_and_says_it_helped(page, live_server, community):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="FAQ").click()
    answer = page.get_by_text("Kanal wechseln.")
    expect(answer).to_be_hidden()
    page.get_by_text("Was tun bei WLAN-Abbrüchen?").click()
    expect(answer).to_be_visible()
    entry = page.locator("details[open]")
    entry.get_by_role("link", name="Yes").click()  # a visitor's page has links, no form
    expect(page.get_by_role("heading", level=1)).to_have_text("Was this helpful?")
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("Thank you for your feedback.")).to_be_visible()
