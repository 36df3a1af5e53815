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
    from django.core.management import execute_from_command_line

    execute_from_command_line(["danvan", *args])


if __name__ == "__main__":
    main()
