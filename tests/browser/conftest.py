"""Real Chromium (Debian's package) driven by Playwright against a live hub."""

import pytest

from tests.live_server import LiveServer
from tests.services import require_chromium

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    with LiveServer(app) as server:
        previous = app.config["BASE_URL"]
        app.config["BASE_URL"] = server.url
        yield server
        app.config["BASE_URL"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"
