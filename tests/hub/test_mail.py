"""Mail through the outbox: delivered over real SMTP, or written to files when no server is set."""

from email import message_from_bytes, policy
from types import SimpleNamespace

from sqlalchemy import select

from hub.core.columns import utcnow
from hub.outbox import mail, runner
from hub.outbox.jobs import Job
from tests.services import free_port


def send_reset_mail(app, db, to="berta@example.com", key="reset-1") -> None:
    with app.test_request_context():
        mail.send(
            to,
            "Grüße: reset your password",
            "accounts/mail/reset.txt",
            key=key,
            user=SimpleNamespace(username="Berta"),
            link="http://localhost/password/reset/abc",
        )
    db.session.commit()


def mail_job(db) -> Job:
    db.session.expire_all()
    return db.session.scalar(select(Job).where(Job.kind == "mail"))


class TestSmtp:
    def test_a_mail_job_delivers_the_message(self, app, db, smtp_inbox):
        send_reset_mail(app, db)
        assert runner.run_once(app) == 1
        [received] = smtp_inbox.wait_for(1)
        assert received.rcpt_tos == ["berta@example.com"]
        message = received.message
        assert message["To"] == "berta@example.com"
        assert message["From"] == app.config["MAIL_FROM"]
        assert message["Subject"] == "Grüße: reset your password"
        assert message["Date"] and message["Message-ID"]
        assert "Hello Berta," in received.body
        assert "http://localhost/password/reset/abc" in received.body
        assert mail_job(db).status == "done"

    def test_every_attempt_carries_the_same_message_id(self, app, db):
        payload = {"to": "a@example.com", "subject": "Hi", "body": "Hi", "key": "mail:k"}
        first, second = mail.build_message(payload), mail.build_message(payload)
        other = mail.build_message({**payload, "key": "mail:other"})
        assert first["Message-ID"] == second["Message-ID"] != other["Message-ID"]

    def test_unreachable_server_means_a_later_retry(self, app, db, smtp_inbox, monkeypatch):
        monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
        send_reset_mail(app, db)
        now = utcnow()
        runner.run_once(app, now=now)
        job = mail_job(db)
        assert (job.status, job.attempts) == ("failed", 1)
        assert job.next_attempt_at > now
        assert "ConnectionRefusedError" in job.last_error

    def test_temporary_refusal_means_a_later_retry(self, app, db, smtp_inbox):
        smtp_inbox.rcpt_replies["berta@example.com"] = "451 4.3.0 Mailbox busy, try later"
        send_reset_mail(app, db)
        runner.run_once(app)
        job = mail_job(db)
        assert job.status == "failed" and "451" in job.last_error

    def test_refused_recipient_is_dead_at_once(self, app, db, smtp_inbox):
        smtp_inbox.rcpt_replies["ghost@example.com"] = "550 5.1.1 No such user"
        send_reset_mail(app, db, to="ghost@example.com")
        runner.run_once(app)
        job = mail_job(db)
        assert (job.status, job.attempts) == ("dead", 1)
        assert "550" in job.last_error
        assert smtp_inbox.messages == []


class TestFiles:
    def test_without_a_server_mail_is_written_to_the_instance_folder(
        self, app, db, tmp_path, monkeypatch
    ):
        monkeypatch.setitem(app.config, "INSTANCE_PATH", str(tmp_path))
        assert not app.config["MAIL_SERVER"]
        send_reset_mail(app, db)
        runner.run_once(app)
        [path] = (tmp_path / "mail").glob("*.eml")
        assert "mail_reset-1" in path.name
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert message["To"] == "berta@example.com"
        assert message["Subject"] == "Grüße: reset your password"
        assert "http://localhost/password/reset/abc" in message.get_content()
        assert mail_job(db).status == "done"

    def test_a_retried_job_writes_its_file_once(self, app, db, tmp_path, monkeypatch):
        monkeypatch.setitem(app.config, "INSTANCE_PATH", str(tmp_path))
        payload = {"to": "a@example.com", "subject": "Hi", "body": "Hi", "key": "mail:k/1"}
        mail.deliver(payload)
        mail.deliver(payload)
        mail.deliver({**payload, "key": "mail:k/2"})
        assert len(list((tmp_path / "mail").glob("*.eml"))) == 2
