"""E-mail goes out through the job outbox: `send()` renders now and enqueues; the worker delivers.

With HUB_MAIL_SERVER set, the `mail` job hands the message to that SMTP server. Without it, the
message is written as an .eml file into `<instance>/mail/`, so a development install needs no
mail server and every mail can still be read.
"""

import hashlib
import logging
import os
import re
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from flask import current_app, render_template

from hub.core.columns import utcnow
from hub.outbox import jobs

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 20  # per socket operation; a stuck server fails the attempt, not the worker


def send(to: str, subject: str, template: str, *, key: str, **context) -> None:
    """Queue a plain-text mail in the caller's transaction (it goes out only if that commits)."""
    body = render_template(template, site_name=current_app.config["SITE_NAME"], **context)
    job_key = f"mail:{key}"
    payload = {"to": to, "subject": subject, "body": body, "key": job_key}
    jobs.enqueue("mail", payload, key=job_key)


def _message_id(job_key: str) -> str:
    """The same Message-ID for every attempt of one job, so a receiver can drop a duplicate."""
    digest = hashlib.sha256(job_key.encode()).hexdigest()[:32]
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2] or "localhost"
    return f"<{digest}@{domain}>"


@jobs.handler("mail")
def deliver(payload: dict) -> None:
    """The `mail` job: to the SMTP server, or to a file when none is configured.

    Raises: jobs.Permanent when the message cannot be built or the server refuses it for good;
    other errors (connection, SMTP 4xx) are transient and retried.
    """
    message = build_message(payload)
    if current_app.config["MAIL_SERVER"]:
        _send_smtp(message)
    else:
        _write_file(message, payload["key"])


def build_message(payload: dict) -> EmailMessage:
    """Raises: jobs.Permanent when a header is malformed (e.g. a line break in the subject)."""
    message = EmailMessage()
    try:
        message["From"] = current_app.config["MAIL_FROM"]
        message["To"] = payload["to"]
        message["Subject"] = payload["subject"]
        message["Date"] = format_datetime(utcnow())
        message["Message-ID"] = _message_id(payload["key"])
    except (ValueError, TypeError) as error:
        raise jobs.Permanent(f"cannot build the mail: {error}") from error
    message.set_content(payload["body"], charset="utf-8")
    return message


# --- SMTP -------------------------------------------------------------------------------------


TLS_MODES = ("starttls", "ssl", "none")


def _connect(config) -> smtplib.SMTP:
    """Raises: ValueError for an unknown HUB_MAIL_TLS (transient: fixing the setting helps)."""
    host, port, tls = config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_TLS"]
    if tls not in TLS_MODES:
        raise ValueError(f"HUB_MAIL_TLS={tls!r}; use one of {', '.join(TLS_MODES)}")
    if tls == "ssl":
        return smtplib.SMTP_SSL(
            host, port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS)
    if tls == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp


def _send_smtp(message: EmailMessage) -> None:
    """Raises: jobs.Permanent for 5xx refusals of the recipient or the message."""
    config = current_app.config
    try:
        with _connect(config) as smtp:
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _reply in error.recipients.values()]
        if all(500 <= code < 600 for code in codes):
            raise jobs.Permanent(f"recipient refused: {_replies(error.recipients)}") from error
        raise
    except smtplib.SMTPDataError as error:
        if 500 <= error.smtp_code < 600:
            reply = f"{error.smtp_code} {_text(error.smtp_error)}"
            raise jobs.Permanent(f"message refused: {reply}") from error
        raise


def _replies(recipients: dict) -> str:
    return "; ".join(f"{addr}: {code} {_text(reply)}" for addr, (code, reply) in recipients.items())


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


# --- files, when no SMTP server is configured ---------------------------------------------------


def _write_file(message: EmailMessage, job_key: str) -> Path:
    """Write `<instance>/mail/<time>-<job key>.eml` once per job, atomically."""
    folder = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    name = _safe_name(job_key)
    existing = sorted(folder.glob(f"*-{name}.eml"))
    if existing:  # an earlier attempt wrote it and then failed to record that it did
        return existing[0]
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}-{name}.eml"
    # Written under a temporary name and renamed, so a reader never sees half a mail.
    with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as tmp:
        tmp.write(message.as_bytes())
    os.replace(tmp.name, path)
    log.info("HUB_MAIL_SERVER is not set: mail to %s written to %s", message["To"], path)
    return path


def _safe_name(job_key: str) -> str:
    """The key in letters, digits, dot, dash and underscore, plus a digest of the key itself.

    Readable in a listing, short enough for any filesystem, and different for different keys.
    """
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", job_key).strip("._")[:60]
    return f"{readable}-{hashlib.sha256(job_key.encode()).hexdigest()[:12]}"
