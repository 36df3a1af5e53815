"""Tables of figures as CSV or XLSX downloads: the drill-down of a dashboard and the completeness list.

CSV is UTF-8 with a byte-order mark so Excel opens Vietnamese names correctly; numbers are plain
("140300", "12.5"), so any program reads them back. XLSX (openpyxl) keeps numbers as numbers,
with a thousands format Excel shows in the reader's own locale.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.core.cells import SafeCsvWriter, xlsx_set
from danvan.core.dates import EXCEL_DATE, EXCEL_DATETIME

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHOLE = "#,##0"
TWO_PLACES = "#,##0.00"


@dataclass
class Column:
    title: str
    number_format: str = ""  # "" for text
    width: int = 14


def _plain(value: Any) -> Any:
    """A cell as CSV writes it: Decimals without trailing zeros or exponents, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow([c.title for c in columns])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, bold_last: bool = False
) -> bytes:
    """One sheet: a bold frozen header, number formats per column, the last row bold when it is a total."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title))
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    bold = Font(bold=True)

    def cells(values: Sequence[Any], *, strong: bool) -> list[WriteOnlyCell]:
        out = []
        for c, v in zip(columns, values, strict=False):
            if isinstance(v, Decimal):
                v = int(v) if v == v.to_integral_value() else float(v)
            cell = xlsx_set(WriteOnlyCell(ws), v)  # a village's name may start with =
            if c.number_format and isinstance(v, int | float):
                cell.number_format = c.number_format
            elif isinstance(v, datetime | date):  # shown day/month/year, as every page shows dates
                cell.number_format = EXCEL_DATETIME if isinstance(v, datetime) else EXCEL_DATE
            if strong:
                cell.font = bold
            out.append(cell)
        return out

    ws.append(cells([c.title for c in columns], strong=True))
    rows = list(rows)
    for n, row in enumerate(rows, start=1):
        ws.append(cells(row, strong=bold_last and n == len(rows)))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel refuses []:*?/\\ in a sheet name and more than 31 characters."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return clean[:31]


def download(
    fmt: str, filename: str, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], **kw: Any
) -> HttpResponse:
    """The table as a download in `fmt` (csv or xlsx); any other format is a missing page."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(columns, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(title, columns, rows, **kw), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"  # live figures, and private ones
    return response
