import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from danvan.core.demo import ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Create or reuse the demo database, load the map and the demo data, and serve the app."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to serve on")
        parser.add_argument("--no-serve", action="store_true", help="set everything up, then exit")

    def handle(self, *args, **options):
        settings.DANVAN_HOME.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders
        self.stdout.write(f"DanVan home: {settings.DANVAN_HOME}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("loadmap", stdout=self.stdout)
        summary = load_demo()
        self.stdout.write("demo data: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
        self.stdout.write("Demo accounts (password: demo):")
        for username, description in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {description}")
        if options["no_serve"]:
            return
        self.stdout.write(f"Open http://{options['addr']}/ (Ctrl-C to stop)")
        # background work (Excel imports) runs in a worker process beside the web server
        worker = subprocess.Popen(
            [sys.executable, "-m", "danvan", "db_worker", "--no-reload", "--interval", "1"],
            env={**os.environ, "DANVAN_HOME": str(settings.DANVAN_HOME)},
        )
        try:
            call_command("runserver", options["addr"], use_reloader=False, use_threading=True)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
