"""`danvan prune_notifications [--dry-run]`: delete old read notifications and old e-mails sent or refused.

Older than DANVAN_NOTIFICATIONS_KEEP_DAYS (180 by default); unread notifications are kept. Run it once
a day or once a week (README, "Notifications"); a second run finds nothing more to delete.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.org.services.notifications import notifications_prune


class Command(BaseCommand):
    help = "Delete read notifications, and e-mails sent or refused, older than DANVAN_NOTIFICATIONS_KEEP_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    def handle(self, *args: Any, **options: Any) -> None:
        run = notifications_prune(dry_run=options["dry_run"])
        values = {"notifications": run.notifications, "emails": run.emails, "days": run.keep_days}
        notes = (
            ngettext("%(notifications)d read notification", "%(notifications)d read notifications", run.notifications)
            % values
        )
        mails = ngettext("%(emails)d e-mail sent or refused", "%(emails)d e-mails sent or refused", run.emails) % values
        days = ngettext("older than %(days)d day", "older than %(days)d days", run.keep_days) % values
        if options["dry_run"]:
            line = _("Would delete %(notifications)s and %(emails)s, %(days)s.")
        else:
            line = _("Deleted %(notifications)s and %(emails)s, %(days)s.")
        self.stdout.write(line % {"notifications": notes, "emails": mails, "days": days})
        self.stdout.write(_("Unread notifications are kept, whatever their age."))
