"""`danvan notify_deadlines`: "due in three days" and "deadline passed" reminders. Run once a day.

Each reminder is given once per object and threshold, so running it again (or twice a day) is harmless.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.org.services.notifications import deadlines_notify


class Command(BaseCommand):
    help = "Remind people of deadlines three days ahead and when passed (reports, petitions); idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reminders: {deadlines_notify()}")
