"""The `danvan` command: every Django management command, plus `demo` and `serve`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["demo"]:  # the demo is public by nature: its key is the development one, unless one is set
        from danvan import DEVELOPMENT_SECRET_KEY

        os.environ.setdefault("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
        # its accounts sign in with the password `demo` alone, and its mail is written to files under
        # DANVAN_HOME/mail instead of going to an SMTP server (README "Accounts and sign-in")
        os.environ.setdefault("DANVAN_REQUIRE_2FA", "false")
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["danvan", *args])


if __name__ == "__main__":
    main()
