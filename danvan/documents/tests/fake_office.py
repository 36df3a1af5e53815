"""Stand-ins for LibreOffice in tests: small shell scripts DANVAN_SOFFICE can point at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REAL_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    REAL_SOFFICE is None, reason="LibreOffice is missing (scripts/test installs libreoffice-writer-nogui as root)"
)

# the first lines of a PDF, enough for a caller that only passes the bytes on
WRITES_A_PDF = """
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done
printf '%%PDF-1.4\\n%%fake\\n' >"$out/in.pdf"
"""


def fake_soffice(directory: Path, body: str) -> str:
    """An executable `soffice` in `directory` running the shell lines `body`; its path."""
    script = directory / "soffice"
    script.write_text("#!/bin/sh\n" + body.lstrip())
    script.chmod(0o755)
    return str(script)


def hanging_soffice(directory: Path) -> str:
    """A LibreOffice that never answers: it starts a child (as soffice starts soffice.bin) and waits on it.

    It writes its own pid to `directory/launcher.pid` and the child's to `directory/child.pid`.
    """
    return fake_soffice(
        directory,
        f"""
echo $$ >"{directory}/launcher.pid"
sleep 300 &
echo $! >"{directory}/child.pid"
wait
""",
    )


def running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie waiting for its parent to reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"
