"""`danvan notify_digest`: the daily digest, one e-mail per user who chose it. Run once a day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.org.services.notifications import digest_send, outbox_send_due


class Command(BaseCommand):
    help = "Queue and send today's digest to every user who chose one (once a day; a second run sends nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = digest_send()
        outbox_send_due()
        self.stdout.write(f"digests: {queued}")
