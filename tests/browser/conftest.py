"""Real Chromium (Debian's package) driven by Playwright against a live hub (`live_server`,
from tests/conftest.py)."""

import pytest

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
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: _console_error(msg, errors))
    page.on("response", lambda response: _broken_asset(response, errors))
    yield page
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"


# A form answered with 400 is logged as a failed load (assets are checked by status instead); a
# WebSocket the test server drops at the end of a test is logged too, and Socket.IO reconnects
# on its own (the live tests assert what readers see after that).
IGNORED_CONSOLE = ("Failed to load resource", "WebSocket connection to ")


def _console_error(message, errors: list[str]) -> None:
    if message.type == "error" and not message.text.startswith(IGNORED_CONSOLE):
        errors.append(message.text)


def _broken_asset(response, errors: list[str]) -> None:
    if response.request.resource_type != "document" and response.status >= 400:
        errors.append(f"{response.status} {response.url}")
