"""Reading an uploaded workbook in the background worker, within limits, for any kind of import.

The upload request only checks the file's size and shape (`core.uploads`); the workbook is opened
here, in the worker, and read as a stream (openpyxl's read-only mode) with counters: the sheet's
rows, its columns and the time spent reading are capped, and the unpacked size was capped before
anything was unpacked. A file past a limit stops the read with a `DomainError` that the import
shows on its page; nothing has been written by then.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from danvan.core.errors import DomainError
from danvan.core.uploads import FileType, upload_check

MAX_BYTES = getattr(settings, "DANVAN_MAX_IMPORT_BYTES", 20 * 1024 * 1024)
MAX_ROWS = getattr(settings, "DANVAN_MAX_IMPORT_ROWS", 50_000)  # rows of data, blank ones not counted
MAX_COLUMNS = getattr(settings, "DANVAN_MAX_IMPORT_COLUMNS", 500)  # the widest template has a few dozen
MAX_READ_SECONDS = getattr(settings, "DANVAN_MAX_IMPORT_READ_SECONDS", 120)
BLANK_ROWS_ALLOWED = 10_000  # blank rows between the data: more is a file built to waste the worker's time
HEADER_ROWS_ALLOWED = 10  # rows above the data (headers, titles) in any kind's sheet
SCAN_CHUNK = 1024 * 1024
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


@dataclass
class CellError:
    """A problem tied to its place in the file; row 0 is the file as a whole."""

    row: int
    column: str  # letter, "" when the column is missing altogether
    header: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "header": self.header, "message": self.message}


def file_error(message: str) -> CellError:
    return CellError(0, "", "", message)


def workbook_check(upload: Any) -> None:
    """The upload request's check: an .xlsx of acceptable size and sane shape; nothing is unpacked."""
    upload_check(upload, accept=(FileType.XLSX,), max_bytes=MAX_BYTES)


def open_workbook(file: IO[bytes]) -> Workbook:
    """The workbook, streaming (read-only), or a DomainError saying plainly what the file is instead.

    The shape is checked again here: the worker trusts no file it did not check itself.
    """
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    upload_check(_Stored(file, size), accept=(FileType.XLSX,), max_bytes=MAX_BYTES)
    _count_rows(file)
    file.seek(0)
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors…) on a broken file
        raise DomainError(_("The file could not be read as an Excel workbook: it may be damaged.")) from exc


def _count_rows(file: IO[bytes]) -> None:
    """Count every sheet's rows in its raw XML, streaming, before openpyxl sees the file.

    openpyxl reads a whole sheet to learn its size when the sheet does not record it (no
    <dimension>): a sheet of millions of rows would hold the worker for minutes before the first
    row reached our counters. Counting row tags as the XML unpacks stops such a sheet within its
    first few megabytes.
    """
    limit = MAX_ROWS + BLANK_ROWS_ALLOWED + HEADER_ROWS_ALLOWED
    deadline = time.monotonic() + MAX_READ_SECONDS
    with zipfile.ZipFile(file) as archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows, carry = 0, b""
            with archive.open(info) as sheet:
                while chunk := sheet.read(SCAN_CHUNK):
                    buffer = carry + chunk
                    rows += sum(1 for m in _ROW_TAG.finditer(buffer) if m.end() > len(carry))
                    carry = buffer[-64:]
                    if rows > limit:
                        raise _too_many_rows(limit)
                    if time.monotonic() > deadline:
                        raise _too_slow()


def _too_many_rows(limit: int) -> DomainError:
    return DomainError(
        _("The sheet has too many rows (more than %(limit)s). Split it into several files.") % {"limit": f"{limit:,}"},
        code="too_many_rows",
    )


def _too_slow() -> DomainError:
    return DomainError(
        _("Reading the file took too long; nothing was saved. Split it into several smaller files."),
        code="too_slow",
    )


@dataclass
class _Stored:
    file: IO[bytes]
    size: int
    name: str = "import.xlsx"


def present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def read_rows(
    ws: Any,
    *,
    first_data_row: int,
    max_rows: int | None = None,
    skip_before: int = 1,
    seconds: float | None = None,
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for every non-blank row from `skip_before` on, within the limits.

    Rows from `first_data_row` on count against `max_rows`; every row read, blank or not, counts
    against the sheet's size, and the read stops past `seconds`. The sheet's recorded size is
    ignored: some programs write it wrong (or leave it out), and rows would be lost.
    """
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    max_rows = MAX_ROWS if max_rows is None else max_rows
    deadline = time.monotonic() + (MAX_READ_SECONDS if seconds is None else seconds)
    last_row = first_data_row + max_rows + BLANK_ROWS_ALLOWED
    count = 0
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if time.monotonic() > deadline:
            raise _too_slow()
        if number > last_row:
            raise _too_many_rows(last_row)
        if len(values) > MAX_COLUMNS:
            raise DomainError(
                _("Row %(row)d has more than %(limit)d columns: use the columns of the template.")
                % {"row": number, "limit": MAX_COLUMNS},
                code="too_many_columns",
            )
        if number < skip_before or not any(present(v) for v in values):
            continue
        if number >= first_data_row:
            count += 1
            if count > max_rows:
                message = _("The file has more than %(limit)s rows. Split it into several files.")
                raise DomainError(message % {"limit": f"{max_rows:,}"}, code="too_many_rows")
        yield number, values
