"""Asking, answering, official and accepted answers, and live replies, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from hub.forums import answers
from tests.browser.steps import log_in
from tests.factories import make_category, make_reply, make_topic, make_user


@pytest.fixture
def live_sockets(app, live_server):
    """Let the browser's Socket.IO connection in: its origin is the live server's address."""
    server = app.extensions["socketio"].server.eio
    previous = server.cors_allowed_origins
    server.cors_allowed_origins = [live_server.url]
    yield live_server
    server.cors_allowed_origins = previous


@pytest.fixture
def open_context(browser):
    """More browser windows (one per person), each failing the test on a script error."""
    contexts, errors = [], []

    def open_page(**options):
        context = browser.new_context(locale="en-US", **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"the browser reported errors: {errors}"


def wait_until_live(page) -> None:
    expect(page.locator(".topic")).to_have_attribute("data-live", "on")


def test_question_answered_officially_and_accepted(page, live_sockets, open_context):
    url = live_sockets.url
    internet = make_category("internet")
    make_user("mia"), make_user("hans"), make_user("erik", role="expert")
    old = make_topic(make_user("olga"), internet, title="Router loses WLAN every evening")
    answers.accept_answer(old.author, make_reply(old, make_user("paul"), "Use channel 36.").id)

    # Mia asks, and sees a similar solved question while she types the title.
    log_in(page, url, "mia")
    page.goto(url + "/c/internet")
    page.get_by_role("link", name="Ask a question").click()
    page.get_by_label("Title").press_sequentially("WLAN drops after the router update", delay=15)
    similar = page.locator("[data-similar]")
    expect(similar).to_contain_text("Maybe already answered:")
    expect(similar.get_by_role("link", name="Router loses WLAN every evening")).to_be_visible()
    expect(similar).to_contain_text("solved")
    page.get_by_label("Details").fill("Since the update the **WLAN** drops every hour.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("[data-preview] strong")).to_have_text("WLAN")
    page.get_by_role("button", name="Write").click()
    page.get_by_label("Tags (optional)").fill("router, wlan")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WLAN drops after the router update")
    topic_url = page.url
    assert re.search(r"/t/\d+-wlan-drops-after-the-router-update$", topic_url)
    wait_until_live(page)

    # Hans answers; Mia, still on the page, sees it arrive without reloading.
    hans = open_context()
    log_in(hans, url, "hans")
    hans.goto(topic_url)
    hans.get_by_role("textbox", name="Your answer").fill(
        "Switching the 5 GHz band to channel 44 fixed it for me."
    )
    hans.get_by_role("button", name="Post your answer").click()
    expect(hans.locator("#post-2")).to_contain_text("channel 44")
    expect(page.locator("#post-2")).to_contain_text("channel 44")

    # Erik, from the team, answers and marks his answer official.
    erik = open_context()
    log_in(erik, url, "erik")
    erik.goto(topic_url)
    erik.get_by_role("textbox", name="Your answer").fill(
        "Firmware 7.57 fixes the drops; it is rolling out today."
    )
    erik.get_by_role("button", name="Post your answer").click()
    erik.locator("#post-3").get_by_role("button", name="Mark official").click()
    stamp = erik.locator(".pin-official")
    expect(stamp).to_contain_text(
        re.compile(r"Official answer by erik, Nabe team, .+ after the question")
    )

    # Mia accepts Hans's answer.
    page.reload()
    page.locator("#post-2").get_by_role("button", name="Accept answer").click()
    expect(page.get_by_text("Marked as the accepted answer.")).to_be_visible()

    # A visitor sees "solved", and the accepted answer right under the question.
    visitor = open_context()
    visitor.goto(topic_url)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("solved")
    pinned = visitor.locator(".pinned .post").first
    expect(pinned).to_contain_text("Accepted answer")
    expect(pinned).to_contain_text("channel 44")
    expect(pinned.get_by_role("link", name="view in thread")).to_have_attribute(
        "href", re.compile(r"#post-2$")
    )
    expect(visitor.locator(".pinned .pin-official")).to_contain_text("Official answer by erik")
    expect(visitor.get_by_role("link", name="Log in to answer")).to_be_visible()
    question_box = visitor.locator("#post-1").bounding_box()
    assert question_box["y"] < pinned.bounding_box()["y"]


def test_reader_scrolled_away_gets_a_new_replies_bar(page, live_sockets, open_context):
    url = live_sockets.url
    people = [make_user("mia"), make_user("hans")]
    topic = make_topic(people[0], make_category("internet"), title="Long thread about speed")
    for n in range(12):
        make_reply(topic, people[n % 2], f"Measurement {n}: " + "fast enough? " * 40)

    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(f"{url}/t/{topic.id}-{topic.slug}")
    wait_until_live(page)  # the reader stays at the top, far from the last reply

    writer = open_context()
    log_in(writer, url, "hans")
    writer.goto(f"{url}/t/{topic.id}-{topic.slug}")
    writer.get_by_role("textbox", name="Your answer").fill("A brand new measurement.")
    writer.get_by_role("button", name="Post your answer").click()

    bar = page.get_by_role("button", name="1 new reply")
    expect(bar).to_be_visible()
    expect(page.get_by_text("A brand new measurement.")).to_have_count(0)
    bar.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#post-14")).to_contain_text("A brand new measurement.")
    expect(page.locator("#post-14")).to_be_focused()
    expect(bar).to_be_hidden()
