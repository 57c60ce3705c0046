"""Wall pages wired to the service: posting, comments, likes, the banner, settings, the feed."""

import io

from hub.forums.models import Post
from hub.walls import service as walls
from tests.factories import make_user


def _opening(topic):
    return Post.query.filter_by(topic_id=topic.id, number=1).one()


def test_company_wall_renders_for_visitors(client, app):
    expert = make_user("expert", role="expert")
    walls.create_wall_post(expert, "company", "Welcome to our **new** hub.")
    page = client.get("/company")
    assert page.status_code == 200
    assert "<strong>new</strong>" in page.get_data(as_text=True)


def test_expert_posts_known_issue_and_banner_shows_everywhere(client, login, app):
    login(make_user("expert", role="expert"))
    response = client.post(
        "/wall/company/posts", data={"body": "Login is down for some users", "known_issue": "y"}
    )
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "Known issue:" in home and "Login is down for some users" in home


def test_banner_query_runs_once_per_request(client, app):
    from sqlalchemy import event

    from hub.core.extensions import db

    expert = make_user("expert", role="expert")
    walls.create_wall_post(expert, "company", "Outage in the north", known_issue=True)
    statements = []

    def count(conn, cursor, statement, *args):
        if "wall_posts" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert "Outage in the north" in client.get("/faq/").get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1


def test_member_cannot_post_on_company_wall(client, login, app):
    login(make_user("alice"))
    response = client.post("/wall/company/posts", data={"body": "Hi"})
    assert response.status_code == 403
    assert "Only the team posts" in response.get_data(as_text=True)


def test_comment_and_like(client, login, app):
    alice = make_user("alice")
    topic = walls.create_wall_post(alice, "alice", "My new router arrived.")
    login(make_user("bob"))
    response = client.post(f"/w/{topic.id}/comments", data={"body": "Congrats!"})
    assert response.status_code == 302
    assert client.post(f"/wp/{_opening(topic).id}/like").status_code == 302
    page = client.get(f"/w/{topic.id}").get_data(as_text=True)
    assert "Congrats!" in page and "Liked · 1" in page
    assert "bob" in client.get(f"/wp/{_opening(topic).id}/likes").get_data(as_text=True)


def test_comments_off_hides_the_form(client, login, app):
    alice = make_user("alice")
    topic = walls.create_wall_post(alice, "alice", "No comments please.")
    walls.update_settings(alice, comments="off")
    login(make_user("bob"))
    page = client.get(f"/w/{topic.id}").get_data(as_text=True)
    assert "Comments are turned off" in page
    assert client.post(f"/w/{topic.id}/comments", data={"body": "x"}).status_code == 400


def test_settings_page_saves(client, login, app):
    alice = login(make_user("alice"))
    response = client.post(
        "/wall-settings", data={"comments": "followed", "hidden_from_visitors": "y"}
    )
    assert response.status_code == 302
    from hub.walls import relations

    saved = relations.settings_of(alice.id)
    assert saved.comments == "followed" and saved.hidden_from_visitors


def test_hidden_wall_asks_visitors_to_log_in(client, app):
    alice = make_user("alice")
    walls.update_settings(alice, hidden=True)
    assert client.get("/wall/alice").status_code in (302, 401)


def test_block_button(client, login, app):
    make_user("bob")
    login(make_user("alice"))
    assert client.post("/wall/bob/block").status_code == 302
    assert "Unblock" in client.get("/wall/bob").get_data(as_text=True)


def test_feed_for_member_and_visitor(client, login, app):
    expert = make_user("expert", role="expert")
    walls.create_wall_post(expert, "company", "Team news for everyone.")
    assert "Team news for everyone." in client.get("/feed").get_data(as_text=True)
    login(make_user("alice"))
    assert "Team news for everyone." in client.get("/feed").get_data(as_text=True)


def test_upload_through_the_form(client, login, app):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    buffer.seek(0)
    login(make_user("alice"))
    response = client.post(
        "/wall/alice/posts",
        data={"body": "Look at this", "image": (buffer, "photo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    import re

    src = re.search(r'src="(/uploads/[0-9a-f]+\.png)"', page).group(1)
    image = client.get(src)
    assert image.status_code == 200 and image.mimetype == "image/png"


def test_recognition_and_helpers_includes_render(app):
    from flask import render_template_string

    person = make_user("helper")
    with app.test_request_context("/"):
        html = render_template_string(
            '{% include "walls/_recognition.html" %}{% include "walls/_top_helpers.html" %}',
            person=person,
        )
    assert "0 accepted answers" in html and "Top helpers this month" in html


def test_upload_that_is_not_an_image_is_refused(client, login, app):
    login(make_user("alice"))
    response = client.post(
        "/wall/alice/posts",
        data={"body": "Look", "image": (io.BytesIO(b"GIF89a<script>"), "cat.gif")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not an image we can read" in response.get_data(as_text=True)


def test_link_to_a_hub_topic_gets_a_preview_card(client, app):
    from tests.factories import make_category, make_topic

    question = make_topic(make_user("asker"), make_category(), title="Router reboots at night")
    private = make_topic(make_user("staffer", role="expert"), make_category(private=True))
    expert = make_user("expert", role="expert")
    body = (
        f"See http://localhost/t/{question.id} and /t/{private.id} "
        f"and https://elsewhere.example/t/{question.id}"
    )
    topic = walls.create_wall_post(expert, "company", body)
    page = client.get(f"/w/{topic.id}").get_data(as_text=True)
    assert page.count('class="link-preview"') == 1
    assert "Router reboots at night" in page
