"""`danvan petitions_retention [--dry-run]`: erase the senders' identities whose retention period is over.

Run it daily (cron or a systemd timer next to `danvan serve`).
"""

from django.core.management.base import BaseCommand

from danvan.engagement.petition_rules.retention import retention_run


class Command(BaseCommand):
    help = "Erase petition senders' identities once the retention period after closing is over."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be erased")

    def handle(self, *args, **options):
        count = retention_run(dry_run=options["dry_run"])
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        self.stdout.write(f"{count} petition(s) {verb}.")
