"""Notification mails through a real SMTP server, and the unsubscribe link they carry."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from hub.core.columns import utcnow
from hub.notifications import fanout, queries
from hub.notifications import service as notifications
from tests.factories import make_reply, make_topic, make_user
from tests.hub.notifications.helpers import mails_to, notifications_of, run_worker


def test_a_reply_reaches_the_followers_inbox_with_a_working_unsubscribe_link(
    app, db, client, smtp_inbox
):
    asker = make_user("asker")
    topic = make_topic(asker)
    post = make_reply(topic, make_user("bob"), "Hold the **reset** button.")
    run_worker(app)

    [received] = smtp_inbox.wait_for(1)
    assert received.rcpt_tos == ["asker@example.com"]
    assert received.message["Subject"] == "bob replied in “How do I reset my router?”"
    body = received.body
    assert "Hold the reset button." in body  # the excerpt, as plain text
    assert f"http://localhost/p/{post.id}\r\n" in body

    link = re.search(r"http://localhost(/notifications/unsubscribe/\S+)", body).group(1)
    assert "Unsubscribe" in client.get(link).get_data(as_text=True)
    assert client.post(link).status_code == 200
    assert queries.email_choices(asker.id)["reply"] is False

    make_reply(topic, make_user("carla"))
    run_worker(app)
    smtp_inbox.wait_for(2)
    # Bob, who follows since his reply, hears of Carla's; the asker only sees it in the app.
    assert [m.rcpt_tos for m in smtp_inbox.messages] == [["asker@example.com"], ["bob@example.com"]]
    assert queries.unread_count(asker.id) == 2


def test_links_in_mails_follow_the_public_address(app, db, smtp_inbox, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://community.example.com/hub")
    asker = make_user("asker")
    make_reply(make_topic(asker), make_user("bob"))
    run_worker(app)
    [received] = smtp_inbox.wait_for(1)
    urls = re.findall(r"https?://\S+", received.body)
    assert urls and all(urlsplit(u).netloc == "community.example.com" for u in urls)
    assert all(urlsplit(u).path.startswith("/hub/") for u in urls)


def test_a_busy_followed_topic_mails_once_until_the_reader_looks(app, db):
    asker = make_user("asker")
    topic = make_topic(asker)
    for name in ("bob", "carla", "dora"):
        make_reply(topic, make_user(name))
        run_worker(app)
    assert len(mails_to(asker)) == 1  # the first reply; the bell has all three
    assert queries.unread_count(asker.id) == 3

    make_reply(topic, make_user("emil"), "@asker does this help?")
    run_worker(app)
    assert len(mails_to(asker)) == 2  # a mention always mails

    notifications.mark_all_read(asker)
    make_reply(topic, make_user("frank"))
    run_worker(app)
    assert len(mails_to(asker)) == 3  # looked: the next reply mails again


def test_an_unread_topic_mails_again_after_the_quiet_hours(app, db):
    asker = make_user("asker")
    topic = make_topic(asker)
    make_reply(topic, make_user("bob"))
    run_worker(app)
    [told] = notifications_of(asker)
    told.created_at = utcnow() - fanout.QUIET_AFTER_MAIL - timedelta(minutes=1)
    db.session.commit()

    make_reply(topic, make_user("carla"))
    run_worker(app)
    assert len(mails_to(asker)) == 2
