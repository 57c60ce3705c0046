"""The newcomer banner: shown to a visitor who came through `/go/`, with the way to join."""

from tests.factories import make_user


def arrive(client, link):
    landing = client.get(f"/go/{link.code}").headers["Location"]
    return client.get(landing, follow_redirects=True).get_data(as_text=True)


def test_a_visitor_from_a_spoke_is_welcomed_with_the_ways_to_join(client, link):
    page = arrive(client, link)

    assert "data-newcomer-banner" in page
    assert "Welcome from Mastodon!" in page
    assert "Answer here" in page
    # Mastodon sign-in needs no credentials, so "Sign up with Mastodon" leads the way.
    assert "Sign up with Mastodon" in page
    assert f"/login/social/mastodon?next=/t/{link.content_id}" in page
    assert f"/register?next=/t/{link.content_id}" in page
    assert "Sign up with e-mail" in page


def test_other_enabled_providers_are_offered_too(client, link, app, monkeypatch):
    monkeypatch.setitem(app.config, "OAUTH_GOOGLE_ID", "google-id")
    monkeypatch.setitem(app.config, "OAUTH_GOOGLE_SECRET", "google-secret")

    page = arrive(client, link)

    assert "/login/social/google?next=" in page


def test_a_network_whose_sign_in_is_off_offers_e_mail_first(client, admin, topic, app):
    from hub.core.extensions import db
    from hub.crosspost import links
    from hub.crosspost import service as crosspost

    facebook = crosspost.connect_account(admin, "facebook", "Nabe page", "t", page_id="1")
    link = links.link_for("topic", topic.id, facebook.id, f"/t/{topic.id}")
    db.session.commit()

    page = arrive(client, link)

    assert "Welcome from Facebook!" in page
    assert "Sign up with Facebook" not in page  # no Facebook Login app is configured
    assert 'class="button primary" href="/register?next=' in page


def test_visitors_who_came_another_way_see_no_banner(client, topic):
    page = client.get(f"/t/{topic.id}", follow_redirects=True).get_data(as_text=True)

    assert "data-newcomer-banner" not in page


def test_members_see_no_banner(client, link, login):
    login(make_user("maria"))

    assert "data-newcomer-banner" not in arrive(client, link)


def test_the_banner_can_be_dismissed(client, link):
    arrive(client, link)

    response = client.get(f"/welcome/dismiss?next=/t/{link.content_id}")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/t/{link.content_id}"
    page = client.get(f"/t/{link.content_id}", follow_redirects=True).get_data(as_text=True)
    assert "data-newcomer-banner" not in page


def test_dismissing_never_redirects_off_the_hub(client, link):
    arrive(client, link)

    response = client.get("/welcome/dismiss?next=//evil.example/")

    assert response.headers["Location"] == "/"


def test_an_arrival_starts_no_session(client, link):
    """The arrival lives in cookies of its own, so the visitor's pages can be shared."""
    response = client.get(f"/go/{link.code}")
    dismissed = client.get("/welcome/dismiss")

    cookies = response.headers.getlist("Set-Cookie") + dismissed.headers.getlist("Set-Cookie")
    assert any(cookie.startswith(f"nabe_arrival={link.code};") for cookie in cookies)
    assert any(cookie.startswith(f"nabe_arrival_closed={link.code};") for cookie in cookies)
    assert not any(cookie.startswith("session=") for cookie in cookies)


def test_a_later_arrival_shows_the_banner_again(client, link, admin, topic):
    from hub.core.extensions import db
    from hub.crosspost import links
    from hub.crosspost import service as crosspost

    arrive(client, link)
    client.get("/welcome/dismiss")
    facebook = crosspost.connect_account(admin, "facebook", "Nabe page", "t", page_id="1")
    other = links.link_for("topic", topic.id, facebook.id, f"/t/{topic.id}")
    db.session.commit()

    assert "Welcome from Facebook!" in arrive(client, other)
