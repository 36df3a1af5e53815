"""CSV and XLSX downloads of a list page: the same rows, the user's language in the headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value: Any) -> Any:
    """A cell starting with = + - @ would run as a formula in a spreadsheet: quote it (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def table_response(fmt: str, filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    if fmt == "xlsx":
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append([str(h) for h in headers])
        for row in rows:
            ws.append([_safe(v) if isinstance(v, str) or v is None else v for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(buf.getvalue(), content_type=XLSX)
    else:
        buf = io.StringIO()
        buf.write("\ufeff")  # Excel opens UTF-8 CSV with Vietnamese letters only after a BOM
        writer = csv.writer(buf)
        writer.writerow([str(h) for h in headers])
        for row in rows:
            writer.writerow([_safe(v if not hasattr(v, "isoformat") else v.isoformat()) for v in row])
        response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
