"""`danvan send_mail_outbox`: send the e-mails that are due (retries, and any a lost task left behind).

Run it every few minutes from cron or a systemd timer (README, "Notifications").
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.org.services.notifications import outbox_send_due


class Command(BaseCommand):
    help = "Send the queued e-mails that are due, and queue again those whose sender stopped mid-way."

    def handle(self, *args: Any, **options: Any) -> None:
        run = outbox_send_due()
        sent = ", ".join(f"{status}: {count}" for status, count in sorted(run.statuses.items())) or "nothing due"
        self.stdout.write(f"{sent}; requeued: {run.requeued}")
