"""CSV and XLSX downloads of a list page: the same rows, the user's language in the headers."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from danvan.core.cells import SafeCsvWriter, xlsx_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(fmt: str, filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """User text goes through `core.cells`, so a subject like `=HYPERLINK(…)` stays text."""
    if fmt == "xlsx":
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(xlsx_row(ws, [str(h) for h in headers]))
        for row in rows:
            ws.append(xlsx_row(ws, row))
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(buf.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        text.write("\ufeff")  # Excel opens UTF-8 CSV with Vietnamese letters only after a BOM
        writer = SafeCsvWriter(text)
        writer.writerow([str(h) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if hasattr(v, "isoformat") else v for v in row])
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
