"""Notifications end to end through a real SMTP server on loopback (aiosmtpd): what the recipient receives,
a server that is down and comes back, a refused recipient, the digest and the user's choices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.conftest import unit
from danvan.engagement.services import petitions as petition_services
from danvan.engagement.tests.petition_factories import submit
from danvan.org.models import EmailOutbox, Notification, User
from danvan.org.models.notifications import Kind
from danvan.org.services.notifications import (
    digest_send,
    notification_preferences_save,
    notify,
    outbox_deliver,
    outbox_send_due,
)
from danvan.org.tests.conftest import parts, subject
from danvan.reporting.services import submission_return
from danvan.reporting.tests.factories import commune_form, indicator, report

pytestmark = pytest.mark.django_db

REASON = "Thiếu số liệu quý 3, đề nghị bổ sung"


@pytest.fixture
def reporter(commune_reporter):
    commune_reporter.email = "namkhe@example.vn"
    commune_reporter.save()
    return commune_reporter


@pytest.fixture
def returned(reporter, district_reviewer, django_capture_on_commit_callbacks):
    """A report of Nam Khê submitted by `reporter`, returned by the reviewer above (with its e-mail's task run)."""
    form = commune_form(indicator("t_registered"))
    submission = report(reporter, form, unit("2024", "06823"), "2024", {"t_registered": 7})
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(actor=district_reviewer, submission=submission, reason=REASON)
    return submission


def test_a_returned_report_emails_its_reporter_the_reason_in_vietnamese(smtp, reporter, returned):
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "namkhe@example.vn"
    assert subject(message).startswith("Báo cáo bị trả lại:")
    assert message["Content-Language"] == "vi"
    text, html = parts(message)
    link = f"https://danvan.example/reports/{returned.pk}/"
    assert REASON in text and link in text
    assert REASON in html and f'href="{link}"' in html
    assert 'lang="vi"' in html
    row = EmailOutbox.objects.get(recipient=reporter)
    assert (row.status, row.attempts, message["Message-ID"]) == ("sent", 1, row.message_id)
    note = Notification.objects.get(recipient=reporter)
    assert note.kind == Kind.REPORT_RETURNED and note.email == row and note.read_at is None
    assert User.objects.get(pk=reporter.pk).notifications_unread == 1


def test_the_mail_is_in_the_recipients_language(smtp, mail_settings, reporter):
    mail_settings.LANGUAGE_CODE = "en"  # the recipient's language falls back to the site's (until User.language)
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01 · Nam Khê · 2024", "actor": "X"})
    outbox_send_due()
    message = smtp.messages[0]
    assert subject(message) == "Report approved: B01 · Nam Khê · 2024"
    assert message["Content-Language"] == "en"
    assert "X approved the report B01 · Nam Khê · 2024." in parts(message)[0]


def test_an_assigned_petition_emails_its_handler(smtp, reporter, province_manager, django_capture_on_commit_callbacks):
    petition = submit()
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_assign(actor=province_manager, petition=petition, handler=reporter)
    assert [m["To"] for m in smtp.messages] == ["namkhe@example.vn"]
    text, html = parts(smtp.messages[0])
    assert petition.tracking_code in subject(smtp.messages[0])
    assert f"https://danvan.example/engagement/petitions/{petition.pk}/" in text
    assert "Bãi rác" not in text + html  # the sender's words stay out of e-mail


def test_a_server_that_is_down_keeps_the_mail_and_a_retry_sends_it_once(
    smtp_down, reporter, district_reviewer, django_capture_on_commit_callbacks
):
    form = commune_form(indicator("t_registered"))
    submission = report(reporter, form, unit("2024", "06823"), "2024", {"t_registered": 7})
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(actor=district_reviewer, submission=submission, reason=REASON)  # no crash
    row = EmailOutbox.objects.get(recipient=reporter)
    assert (row.status, row.attempts) == ("queued", 1)
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()
    assert row.next_attempt_at > timezone.now()
    assert Notification.objects.filter(recipient=reporter).count() == 1  # the in-app one is there anyway

    assert outbox_send_due().statuses == {}  # not due yet: no attempt before the backoff
    smtp_down.start()
    run = outbox_send_due(now=row.next_attempt_at)
    assert run.statuses == {"sent": 1}
    assert len(smtp_down.messages) == 1 and REASON in parts(smtp_down.messages[0])[0]
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)

    # nothing sent twice: another run, or a late task for the same row, sends nothing
    outbox_send_due(now=row.next_attempt_at + timedelta(days=1))
    assert outbox_deliver(outbox_id=row.pk, now=row.next_attempt_at + timedelta(days=1)) is None
    assert len(smtp_down.messages) == 1


def test_retries_stop_after_the_last_attempt(smtp_down, mail_settings, reporter):
    mail_settings.DANVAN_EMAIL_MAX_ATTEMPTS = 2
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    row = EmailOutbox.objects.get(recipient=reporter)
    later = timezone.now() + timedelta(days=1)
    outbox_send_due(now=later)
    outbox_send_due(now=later + timedelta(days=1))
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 2)
    assert outbox_send_due(now=later + timedelta(days=2)).statuses == {}


def test_a_refused_recipient_is_marked_bounced_without_retries(smtp, reporter):
    smtp.recorder.refuse.add("namkhe@example.vn")
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    assert outbox_send_due().statuses == {"bounced": 1}
    row = EmailOutbox.objects.get(recipient=reporter)
    assert row.status == "bounced" and row.attempts == 1
    assert "550" in row.last_error and "namkhe@example.vn" in row.last_error
    assert outbox_send_due(now=timezone.now() + timedelta(days=2)).statuses == {}  # no retry storm
    assert smtp.messages == []
    assert Notification.objects.filter(recipient=reporter).count() == 1


def test_an_administrator_queues_a_bounced_mail_again_once_the_address_is_fixed(smtp, reporter, admin_user, login):
    smtp.recorder.refuse.add("namkhe@example.vn")
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    outbox_send_due()
    row = EmailOutbox.objects.get(recipient=reporter)
    assert row.status == "bounced"
    reporter.email = "namkhe.ubnd@example.vn"
    reporter.save()
    response = login(admin_user).post(
        "/admin/org/emailoutbox/", {"action": "queue_again", "_selected_action": [row.pk]}, follow=True
    )
    assert "1 e-mail được xếp lại hàng đợi." in response.content.decode()
    outbox_send_due()
    assert [m["To"] for m in smtp.messages] == ["namkhe.ubnd@example.vn"]
    row.refresh_from_db()
    assert (row.status, row.address, row.attempts) == ("sent", "namkhe.ubnd@example.vn", 2)


def test_a_sender_that_died_mid_way_is_queued_again(smtp, mail_settings, reporter):
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    row = EmailOutbox.objects.get(recipient=reporter)
    long_ago = timezone.now() - timedelta(seconds=mail_settings.DANVAN_EMAIL_STALE_SECONDS + 60)
    EmailOutbox.objects.filter(pk=row.pk).update(status="sending", claimed_at=long_ago, attempts=1)
    run = outbox_send_due()
    assert (run.requeued, run.statuses) == (1, {"sent": 1})
    assert smtp.messages[0]["Message-ID"] == row.message_id  # the same Message-ID: mail programs show one


def test_the_digest_sends_one_mail_with_every_item_once_a_day(smtp, reporter, django_capture_on_commit_callbacks):
    notification_preferences_save(actor=reporter, email_kinds=list(Kind.values), digest=True)
    for name in ("B01", "B02", "B03"):
        notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": name, "actor": "Uông Bí"})
    assert not EmailOutbox.objects.exists() and smtp.messages == []  # nothing one by one
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 1
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert subject(message) == "DanVan: 3 thông báo hôm nay"
    text, html = parts(message)
    for name in ("B01", "B02", "B03"):
        assert f"Báo cáo đã được duyệt: {name}" in text and name in html
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 0  # once a day
    assert len(smtp.messages) == 1


def test_the_digest_leaves_out_what_was_read_and_kinds_switched_off(smtp, reporter, django_capture_on_commit_callbacks):
    kinds = [k for k in Kind.values if k != Kind.IMPORT_FINISHED]
    notification_preferences_save(actor=reporter, email_kinds=kinds, digest=True)
    notify(recipients=[reporter], kind=Kind.IMPORT_FINISHED, params={"file": "a.xlsx", "saved": 1, "errors": 0})
    [read] = notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B02"})
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 1
    text = parts(smtp.messages[0])[0]
    assert "B02" in text and "B01" not in text and "a.xlsx" not in text


def test_a_kind_switched_off_is_not_emailed_but_shown_in_the_app(smtp, reporter):
    notification_preferences_save(
        actor=reporter, email_kinds=[k for k in Kind.values if k != Kind.REPORT_APPROVED], digest=False
    )
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    notify(recipients=[reporter], kind=Kind.REPORT_RETURNED, params={"report": "B02", "reason": "x"})
    outbox_send_due()
    assert [subject(m) for m in smtp.messages] == ["Báo cáo bị trả lại: B02"]
    assert Notification.objects.filter(recipient=reporter).count() == 2


def test_nobody_is_told_of_their_own_action_and_a_user_without_address_gets_no_mail(smtp, reporter, province_manager):
    province_manager.email = ""
    notify(recipients=[reporter, province_manager], kind=Kind.REPORT_APPROVED, actor=reporter, params={})
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["quangninh"]
    assert not EmailOutbox.objects.exists()


def test_a_rolled_back_action_tells_nobody(smtp, reporter, district_reviewer):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
        raise RuntimeError
    assert not Notification.objects.exists() and not EmailOutbox.objects.exists()
    assert User.objects.get(pk=reporter.pk).notifications_unread == 0


def test_the_commands_send_the_digest_and_what_is_due(smtp, reporter):
    from io import StringIO

    from django.core.management import call_command

    notification_preferences_save(actor=reporter, email_kinds=list(Kind.values), digest=True)
    notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    out = StringIO()
    call_command("notify_digest", stdout=out)
    assert out.getvalue().strip() == "digests: 1"
    assert len(smtp.messages) == 1 and "B01" in parts(smtp.messages[0])[0]
    out = StringIO()
    call_command("send_mail_outbox", stdout=out)
    assert out.getvalue().strip() == "nothing due; requeued: 0"
    out = StringIO()
    call_command("notify_deadlines", stdout=out)
    assert out.getvalue().startswith("reminders: ")


def test_with_the_database_queue_a_failure_is_retried_by_a_deferred_task(
    smtp_down, mail_settings, reporter, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from danvan.org.tasks import deliver_email

    mail_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[reporter], kind=Kind.REPORT_APPROVED, params={"report": "B01"})
    row = EmailOutbox.objects.get(recipient=reporter)
    [queued] = DBTaskResult.objects.filter(task_path="danvan.org.tasks.deliver_email")
    assert queued.args_kwargs["kwargs"] == {"outbox_id": row.pk}
    assert row.attempts == 0  # nothing tried before the worker runs it

    deliver_email.call(outbox_id=row.pk)  # what the worker does: the server is down
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("queued", 1)
    retry = DBTaskResult.objects.filter(task_path="danvan.org.tasks.deliver_email").exclude(pk=queued.pk).get()
    assert retry.run_after == row.next_attempt_at

    smtp_down.start()
    deliver_email.call(outbox_id=row.pk)  # too early: the retry waits for its time
    assert smtp_down.messages == []
