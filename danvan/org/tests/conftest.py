"""A real SMTP server on loopback (aiosmtpd), and settings that send mail to it through Django's SMTP backend.

Also the scenario of the "my work" tests (org.inbox), shared by the registry's and the pages' tests.

In Quảng Ninh (Nam Khê ward, Uông Bí city, 2024 map): a draft report and a submitted one, a
registered model, an unassigned petition, a petition assigned to Nam Khê's reporter and due
tomorrow, a dialogue promise due in two days, and an import that finished.
"""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.utils import timezone

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.engagement.models import Petition
from danvan.engagement.services import petitions as petition_services
from danvan.engagement.services.dialogues import dialogue_issue_add
from danvan.engagement.tests.activity_helpers import NAM_KHE_MTTQ, nam_khe_dialogue, org
from danvan.engagement.tests.petition_factories import submit
from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.reporting.tests.factories import commune_form, indicator, report


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Recorder:
    """aiosmtpd handler: keeps every message it accepts; refuses the addresses in `refuse` with 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """start() / stop() an aiosmtpd server on 127.0.0.1:`port`; `messages` is what it received."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.recorder = Recorder()
        self.controller: Any = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.recorder.messages

    def start(self) -> SMTPServer:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_settings(settings):
    """Mail goes through SMTP to 127.0.0.1:<a free port> (nothing listens there until a server starts);
    background tasks run at once."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "DanVan <no-reply@danvan.example>"
    settings.DANVAN_SITE_URL = "https://danvan.example"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def smtp_down(mail_settings):
    """The configured SMTP port with no server on it; `.start()` brings one up there."""
    server = SMTPServer(mail_settings.EMAIL_PORT)
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_down):
    """A running SMTP server on loopback that records what it receives."""
    return smtp_down.start()


def parts(message: EmailMessage) -> tuple[str, str]:
    """(plain text, HTML) of a received message."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "both a plain and an HTML part"
    return text.get_content(), html.get_content()


def subject(message: EmailMessage) -> str:
    """The decoded subject (a folded header keeps the space of its fold: mail programs drop it)."""
    return str(message["Subject"]).strip()


@pytest.fixture
def work(commune_reporter, province_manager):
    today = timezone.localdate()
    form = commune_form(indicator("inbox_people"), code="inbox-commune")
    nam_khe = unit("2024", "06823")
    draft = report(commune_reporter, form, nam_khe, "2024", {"inbox_people": 5}, submit=False)
    submitted = report(commune_reporter, form, nam_khe, "2023", {"inbox_people": 7})
    model = nam_khe_model(commune_reporter)
    model = initiative_transition(actor=commune_reporter, initiative=model, to=Status.REGISTERED)
    unassigned = submit()
    assigned = submit(subject="Đèn đường hỏng", text="Đèn chiếu sáng ngõ 8 khu 3 đã hỏng hơn một tháng nay.")
    petition_services.petition_assign(actor=province_manager, petition=assigned, handler=commune_reporter)
    Petition.objects.filter(pk=assigned.pk).update(accept_due=today + timedelta(days=1))
    dialogue = nam_khe_dialogue(commune_reporter)
    promise = dialogue_issue_add(
        actor=commune_reporter,
        dialogue=dialogue,
        subject="Vỉa hè phố Nam Sơn",
        owner=org(NAM_KHE_MTTQ),
        deadline=today + timedelta(days=2),
        handler=commune_reporter,
    )
    job = ImportJob.objects.create(
        kind="initiatives",
        owner=commune_reporter,
        original_name="mo-hinh-2024.xlsx",
        file="imports/mo-hinh-2024.xlsx",
        status=ImportJob.Status.SUCCEEDED,
        saved=12,
    )
    return {
        "draft": draft,
        "submitted": submitted,
        "model": model,
        "unassigned": unassigned,
        "assigned": assigned,
        "promise": promise,
        "job": job,
    }
