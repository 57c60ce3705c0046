"""A reply whose sending dies on the way (the connection drops, the server restarts) is back in
the reply box the next time the member opens the topic; once the hub has it, it is gone."""

from playwright.sync_api import expect

from tests.browser.test_forum_journey import log_in
from tests.factories import make_topic, make_user

TEXT = "Same in Kiel-Gaarden since 8:00: the DSL light blinks and the line drops."


def test_a_reply_lost_on_the_way_comes_back_and_goes_once_posted(page, live_server):
    topic = make_topic(title="DSL drops every ten minutes")
    make_user("karla")
    log_in(page, live_server.url, "karla")
    topic_url = f"{live_server.url}/t/{topic.id}"
    page.goto(topic_url)
    box = page.get_by_role("textbox", name="Your answer")
    box.fill(TEXT)

    # The connection dies under the form: the browser shows its own error page.
    page.route("**/reply", lambda route: route.abort("connectionreset"))
    page.get_by_role("button", name="Post your answer").click()
    page.wait_for_timeout(300)
    page.unroute("**/reply")

    page.goto(topic_url)
    expect(
        page.get_by_role("status").filter(has_text="Your text from before is back")
    ).to_be_visible()
    expect(box).to_have_value(TEXT)

    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator("#post-2")).to_contain_text("DSL light blinks")
    page.goto(topic_url)
    expect(page.get_by_role("textbox", name="Your answer")).to_have_value("")
    expect(page.locator(".draft-note")).to_have_count(0)
