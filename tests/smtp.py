"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, keeping every message it receives."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.services import free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        return self.message.get_content()


class Inbox:
    """The aiosmtpd handler: accepts mail, or answers RCPT with a reply set for an address."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.rcpt_replies: dict[str, str] = {}  # address -> e.g. "550 5.1.1 No such user"
        self._arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._arrived:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[Received]:
        """The messages once at least `count` have arrived; fails after `timeout` seconds."""
        with self._arrived:
            arrived = self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)
        assert arrived, f"expected {count} mail(s) within {timeout} s, got {len(self.messages)}"
        return list(self.messages)


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    inbox: Inbox


@contextmanager
def running_smtp_server() -> Iterator[SmtpServer]:
    """Run aiosmtpd on a free local port for the duration of the block."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()
