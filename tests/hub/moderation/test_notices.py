"""What people are told: the `notify.moderation` job mails the author, the reporters and the
appellant through the outbox."""

from sqlalchemy import select

from hub.moderation import account_actions, appeals, post_actions, queries, reports
from hub.notifications.models import Notification
from hub.outbox import jobs, runner
from tests.factories import reload

from .helpers import member, moderator, report_by, thread


def notices_mailed(inbox) -> dict[str, str]:
    """Recipient -> the bodies of the moderation notices they got, joined (the worker ran
    synchronously; other mails, e.g. reply notifications, are left out)."""
    bodies: dict[str, str] = {}
    for received in inbox.messages:
        if received.message["Subject"].startswith("A note from the moderators"):
            recipient = received.rcpt_tos[0]
            bodies[recipient] = bodies.get(recipient, "") + received.body
    return bodies


def test_author_and_reporters_hear_of_a_hide(app, db, smtp_inbox):
    topic, reply = thread()
    [reporter] = [f.reporter for f in report_by(1, reply, "abuse")]
    post_actions.hide_post(moderator(), reply.id, "Please keep it civil.")
    runner.run_once(app)
    mails = notices_mailed(smtp_inbox)
    author_mail = mails[reply.author.email]
    assert "is hidden: Please keep it civil." in author_mail
    assert f"/t/{topic.id}#post-{reply.number}" in author_mail
    assert "took action" in mails[reporter.email]


def test_reporters_hear_when_nothing_was_needed(app, db, smtp_inbox):
    _topic, reply = thread()
    flag = report_by(1, reply, "off_topic")[0]
    reports.dismiss_reports(moderator(), flag.id)
    runner.run_once(app)
    assert "no action was needed" in notices_mailed(smtp_inbox)[flag.reporter.email]


def test_suspended_member_hears_the_reason_and_how_to_appeal(app, db, smtp_inbox):
    person = member()
    account_actions.suspend_user(moderator(), person.username, None, "Spam links in every post.")
    runner.run_once(app)
    body = notices_mailed(smtp_inbox)[person.email]
    assert "until a moderator lifts it" in body
    assert "Spam links in every post." in body and "/my/moderation" in body


def test_appellant_hears_the_outcome(app, db, smtp_inbox):
    _topic, reply = thread()
    post_actions.hide_post(moderator(), reply.id, "abuse")
    decision = queries.log_page()[0][0]
    appeal = appeals.file_appeal(reply.author, decision.id, "I was quoting.")
    appeals.decide_appeal(moderator(), appeal.id, "overturned", "It was a quote.")
    runner.run_once(app)
    body = notices_mailed(smtp_inbox)[reply.author.email]
    assert "Your appeal was accepted" in body and "It was a quote." in body


def test_unconfirmed_addresses_get_no_mail(app, db):
    _topic, reply = thread()
    author = reload(reply.author)
    author.email_confirmed_at = None
    db.session.commit()
    post_actions.hide_post(moderator(), reply.id, "spam")
    runner.run_once(app)
    mail_keys = [j.key for j in jobs.list_jobs() if j.kind == "mail"]
    assert not [key for key in mail_keys if key.startswith("mail:moderation:")]


def test_the_bell_tells_too_even_without_a_confirmed_address(app, db, client, smtp_inbox):
    topic, reply = thread()
    author = reply.author
    author.email_confirmed_at = None
    db.session.commit()
    post_actions.hide_post(moderator(), reply.id, "Please keep it civil.")
    runner.run_once(app)
    runner.run_once(app)  # a second run finds nothing left to tell
    [notification] = db.session.scalars(
        select(Notification).where(Notification.user_id == author.id)
    ).all()
    assert notification.kind == "moderation"
    assert "is hidden: Please keep it civil." in notification.text
    assert notification.path == f"/t/{topic.id}#post-{reply.number}"
    assert author.email not in notices_mailed(smtp_inbox)
