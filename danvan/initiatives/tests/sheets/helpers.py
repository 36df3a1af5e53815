"""Build workbooks the way a user fills them in: the downloaded template, rows typed into it."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.documents.models import ImportJob
from danvan.initiatives.selectors import sheet_lists
from danvan.initiatives.sheets import workbook as sheets

NAM_KHE = "2024/06823 – Phường Nam Khê"
NAM_KHE_FRONT = "Ủy ban MTTQ Việt Nam phường Nam Khê"


def template_bytes(user: Any) -> bytes:
    out = io.BytesIO()
    sheets.write_workbook(out, lists=sheet_lists(user=user))
    return out.getvalue()


def nam_khe_row(**values: Any) -> dict[str, Any]:
    row = {
        "name": "Tuyến phố tự quản Nam Sơn",
        "field": "Văn hóa - xã hội",
        "organization": NAM_KHE_FRONT,
        "unit": NAM_KHE,
        "year": 2024,
    }
    row.update(values)
    return row


def filled(user: Any, rows: list[dict[str, Any]], *, template: bytes | None = None) -> bytes:
    """The template of `user` with `rows` typed in from row 3, each a {column key: value}."""
    wb = load_workbook(io.BytesIO(template or template_bytes(user)))
    ws = wb[sheets.MODELS_SHEET]
    index = {col.key: i for i, col in enumerate(sheets.columns(), start=1)}
    for r, row in enumerate(rows, start=sheets.HEADER_ROWS + 1):
        for key, value in row.items():
            ws.cell(row=r, column=index[key], value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client: Client, data: bytes, capture: Any, name: str = "mo-hinh.xlsx") -> tuple[Any, ImportJob | None]:
    """POST the file; the import runs when the upload's transaction commits (immediately, in tests)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    ctx: AbstractContextManager[Any] = capture(execute=True)
    with ctx:
        response = client.post(reverse("documents:imports"), {"file": file})
    job = ImportJob.objects.filter(original_name=name).order_by("-pk").first() if response.status_code == 302 else None
    return response, job
