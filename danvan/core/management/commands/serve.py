import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the production server (gunicorn) with the settings from the environment."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DANVAN_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DANVAN_WORKERS", "3")))
        parser.add_argument("--migrate", action="store_true", help="apply migrations before starting")

    def handle(self, *args, **options):
        settings.DANVAN_HOME.mkdir(parents=True, exist_ok=True)
        if options["migrate"]:
            call_command("migrate", interactive=False)
        call_command("collectstatic", interactive=False, verbosity=0)
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "danvan.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            # a request making a PDF waits for LibreOffice up to DANVAN_OFFICE_TIMEOUT: the worker outlives it
            "--timeout",
            str(max(30, settings.DANVAN_OFFICE_TIMEOUT + 15)),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        os.execv(sys.executable, args)  # noqa: S606 - replaces this process with gunicorn, fixed argv
