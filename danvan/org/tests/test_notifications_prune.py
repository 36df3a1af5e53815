"""`danvan prune_notifications`: old read notifications and old e-mails sent or refused go; unread stay."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from danvan.org.models import AuditEvent, EmailOutbox, Notification
from danvan.org.models.notifications import Kind

pytestmark = pytest.mark.django_db

S = EmailOutbox.Status


def note(user, *, days_ago: int, read: bool, email: EmailOutbox | None = None, report: str = "B01") -> Notification:
    row = Notification.objects.create(recipient=user, kind=Kind.REPORT_APPROVED, params={"report": report}, email=email)
    when = timezone.now() - timedelta(days=days_ago)
    Notification.objects.filter(pk=row.pk).update(created_at=when, read_at=when if read else None)
    return row


def mail(user, *, days_ago: int, status: str) -> EmailOutbox:
    when = timezone.now() - timedelta(days=days_ago)
    row = EmailOutbox.objects.create(
        recipient=user,
        kind=Kind.REPORT_APPROVED,
        message_id=f"<prune.{status}.{days_ago}.{EmailOutbox.objects.count()}@test>",
        address="someone@example.org",
        status=status,
        next_attempt_at=when,
    )
    EmailOutbox.objects.filter(pk=row.pk).update(created_at=when)
    return row


def prune(*args: str) -> str:
    out = StringIO()
    call_command("prune_notifications", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(commune_reporter):
    old_sent = mail(commune_reporter, days_ago=200, status=S.SENT)
    return {
        "old_read": note(commune_reporter, days_ago=200, read=True, email=old_sent),
        "old_unread": note(commune_reporter, days_ago=400, read=False, email=old_sent),
        "new_read": note(commune_reporter, days_ago=10, read=True),
        "old_sent": old_sent,
        "old_bounced": mail(commune_reporter, days_ago=181, status=S.BOUNCED),
        "old_failed": mail(commune_reporter, days_ago=300, status=S.FAILED),
        "old_queued": mail(commune_reporter, days_ago=300, status=S.QUEUED),
        "new_sent": mail(commune_reporter, days_ago=179, status=S.SENT),
    }


def test_it_deletes_old_read_notifications_and_old_sent_or_refused_emails_and_keeps_unread(world):
    output = prune()
    assert output.splitlines() == [
        "Đã xóa 1 thông báo đã đọc và 2 e-mail đã gửi hoặc bị máy chủ thư từ chối, cũ hơn 180 ngày.",
        "Thông báo chưa đọc được giữ lại, dù cũ đến đâu.",
    ]
    assert set(Notification.objects.filter(recipient=world["old_read"].recipient).values_list("pk", flat=True)) == {
        world["old_unread"].pk,
        world["new_read"].pk,
    }
    kept = set(EmailOutbox.objects.values_list("pk", flat=True))
    assert {world["old_failed"].pk, world["old_queued"].pk, world["new_sent"].pk} <= kept
    assert not kept & {world["old_sent"].pk, world["old_bounced"].pk}
    unread = Notification.objects.get(pk=world["old_unread"].pk)
    assert unread.read_at is None and unread.email is None  # kept, only unlinked from the deleted e-mail
    [event] = AuditEvent.objects.filter(verb="notifications.prune")
    assert event.actor is None and event.data == {"notifications": 1, "emails": 2, "keep_days": 180}


def test_a_second_run_deletes_nothing_more(world):
    prune()
    with translation.override("en"):
        output = prune()
    assert output.splitlines()[0] == "Deleted 0 read notifications and 0 e-mails sent or refused, older than 180 days."
    assert Notification.objects.filter(pk__in=[world["old_unread"].pk, world["new_read"].pk]).count() == 2
    assert AuditEvent.objects.filter(verb="notifications.prune").count() == 1  # nothing deleted, nothing audited


def test_dry_run_only_counts(world):
    with translation.override("en"):
        output = prune("--dry-run")
    assert output.splitlines()[0] == (
        "Would delete 1 read notification and 2 e-mails sent or refused, older than 180 days."
    )
    assert Notification.objects.filter(pk=world["old_read"].pk).exists()
    assert EmailOutbox.objects.filter(pk=world["old_sent"].pk).exists()
    assert not AuditEvent.objects.filter(verb="notifications.prune").exists()


def test_it_keeps_what_the_setting_says(world, settings):
    settings.DANVAN_NOTIFICATIONS_KEEP_DAYS = 365
    with translation.override("en"):
        output = prune()
    assert output.splitlines()[0] == (
        "Deleted 0 read notifications and 0 e-mails sent or refused, older than 365 days."
    )
    settings.DANVAN_NOTIFICATIONS_KEEP_DAYS = 30
    with translation.override("en"):
        output = prune()
    assert output.splitlines()[0] == ("Deleted 1 read notification and 3 e-mails sent or refused, older than 30 days.")
    assert Notification.objects.filter(pk=world["new_read"].pk).exists()


def test_a_keep_period_shorter_than_30_days_is_refused_at_start():
    env = {**os.environ, "DEBUG": "true", "DANVAN_NOTIFICATIONS_KEEP_DAYS": "7"}
    result = subprocess.run(
        [sys.executable, "-c", "import danvan.settings"],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DANVAN_NOTIFICATIONS_KEEP_DAYS must be at least 30, not 7" in result.stderr
