from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import DomainError
from danvan.geo.services import MAP_FILE, map_load


class Command(BaseCommand):
    help = "Load or refresh the administrative map (both eras and their succession) from the shipped data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=MAP_FILE, help="another map file of the same format")

    def handle(self, *args, **options):
        try:
            result = map_load(path=options["file"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"map: {result.created} units created, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.successions} successions"
            + (f", {result.kept_absent} no longer in the file kept" if result.kept_absent else "")
        )
