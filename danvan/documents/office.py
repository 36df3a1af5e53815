"""Word to PDF through LibreOffice headless (Debian's `libreoffice-writer-nogui`, see README "Two commands").

`docx_to_pdf(data)` writes the Word file into a private temporary directory, runs

    soffice -env:UserInstallation=file:///<tmp>/profile --headless --norestore --convert-to pdf \
        --outdir <tmp>/out <tmp>/in.docx

and returns the PDF's bytes. Each call has its own LibreOffice profile, so conversions running at the
same time (two gunicorn workers, a report in the background) never wait on one another's lock file.
LibreOffice runs in a process group of its own; past the time limit (`DANVAN_OFFICE_TIMEOUT`, 60 s)
the whole group is killed (the `soffice` launcher and the `soffice.bin` it starts), and the
temporary directory is removed whatever happens.

Every failure is an `OfficeError` (a `DomainError` with status 503) with a message for the user:
LibreOffice missing, too slow, or not producing a PDF. Callers offer the Word file instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError

log = logging.getLogger(__name__)

_FALLBACK_NAMES = ("soffice", "libreoffice")


class OfficeError(DomainError):
    """LibreOffice could not turn the Word file into a PDF; `code` says why (missing, timeout, failed)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code, status=503)


def soffice_path() -> str | None:
    """The LibreOffice program: `DANVAN_SOFFICE` (a path or a name on PATH), else soffice or libreoffice on PATH."""
    configured = getattr(settings, "DANVAN_SOFFICE", "")
    if configured:
        return shutil.which(configured)
    return next((found for name in _FALLBACK_NAMES if (found := shutil.which(name))), None)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice's whole process group and reap the launcher."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
        log.warning("LibreOffice (pid %s) did not end after SIGKILL", process.pid)


def docx_to_pdf(data: bytes, *, timeout: float | None = None) -> bytes:
    """The PDF LibreOffice makes of the Word file `data`; raises `OfficeError` when it cannot."""
    limit = float(settings.DANVAN_OFFICE_TIMEOUT if timeout is None else timeout)
    binary = soffice_path()
    if binary is None:
        raise OfficeError(
            _("LibreOffice is not installed on the server, so the PDF cannot be made. Download the Word file instead."),
            code="office_missing",
        )
    with tempfile.TemporaryDirectory(prefix="danvan-office-") as tmp:
        work = Path(tmp)
        source, out = work / "in.docx", work / "out"
        source.write_bytes(data)
        out.mkdir()
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}  # LibreOffice writes under HOME too; the server's may be read-only
        started = time.monotonic()
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, the program from the settings or PATH
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env=env,
            start_new_session=True,  # its own process group, killed as a whole
        )
        try:
            stderr = process.communicate(timeout=limit)[1]
        except subprocess.TimeoutExpired:
            _kill_group(process)
            log.warning("LibreOffice took more than %s s to convert a Word file; killed", limit)
            raise OfficeError(
                _(
                    "LibreOffice took more than %(seconds)s seconds to make the PDF and was stopped. "
                    "Try again later, or download the Word file instead."
                )
                % {"seconds": f"{limit:g}"},
                code="office_timeout",
            ) from None
        except BaseException:  # the worker told to stop (gunicorn's timeout, Ctrl-C): leave nothing running
            _kill_group(process)
            raise
        _kill_group(process)  # a helper it left behind in its group, if any
        pdf = out / "in.pdf"
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            log.warning(
                "LibreOffice failed to convert a Word file (exit %s): %s",
                process.returncode,
                stderr.decode(errors="replace")[-2000:],
            )
            raise OfficeError(
                _("LibreOffice could not make the PDF of this file. Download the Word file instead."),
                code="office_failed",
            )
        log.info("LibreOffice converted a Word file to PDF in %.1f s", time.monotonic() - started)
        return pdf.read_bytes()
