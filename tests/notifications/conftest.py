"""Fixtures for reminders: people with email addresses, and a real SMTP server
(aiosmtpd) on a free local port that a test can leave down or bring up."""

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import get_connection


@pytest.fixture
def addressed(personas):
    """The personas, each with an email address."""
    for user in personas.values():
        user.email = f"{user.username}@example.gov.uk"
        user.save(update_fields=["email"])
    return personas


@pytest.fixture
def free_port():
    """A local port nothing is listening on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(free_port):
    """A real SMTP connection to ``free_port``, where nothing listens until the
    test calls ``mail_server.start()``."""
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=free_port, timeout=5
    )


class Mailbox:
    """An aiosmtpd handler that keeps what it receives and refuses one address."""

    refuse = "nobody@example.gov.uk"

    def __init__(self):
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server(free_port):
    """An SMTP server for ``free_port``, stopped until the test starts it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port)
    controller.mailbox = mailbox
    yield controller
    controller.stop(no_assert=True)
