"""Excel for models: the registration template and the export of the list (the import page is documents').

Thin on purpose: reads through `initiatives.selectors` (which start from `org.access`).
"""

from __future__ import annotations

import io
import tempfile
from typing import IO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from danvan.core.uploads import FileType
from danvan.documents.selectors import policy_document_list
from danvan.documents.workbook import MAX_ROWS
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.models import ResultMetric
from danvan.initiatives.selectors import initiative_list, sheet_lists
from danvan.initiatives.sheets import workbook as sheets

EXPORT_CHUNK = 2_000


def _xlsx(out: IO[bytes], filename: str) -> FileResponse:
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=FileType.XLSX.content_type)


@login_required
@require_GET
def initiatives_template(request: HttpRequest) -> FileResponse:
    out = io.BytesIO()
    sheets.write_workbook(out, lists=sheet_lists(user=request.user), limit_rows=MAX_ROWS)
    return _xlsx(out, "mau-dang-ky-mo-hinh.xlsx")


@login_required
@require_GET
def initiatives_export(request: HttpRequest) -> FileResponse | HttpResponse:
    """The list with the list page's filters, in the template's columns plus status: edit it and import it again."""
    form = InitiativeFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "initiatives/export_invalid.html", {"form": form}, status=400)
    models = (
        initiative_list(user=request.user, filters=form.filters())
        .select_related("person")
        .prefetch_related("target_groups", "policy_documents", "results")
    )
    metrics = list(ResultMetric.objects.order_by("code"))
    cols = sheets.columns(with_status=True, metrics=metrics)
    documents = policy_document_list()
    labels = sheets.document_labels(documents)
    rows = (sheets.export_row(m, cols, labels) for m in models.iterator(chunk_size=EXPORT_CHUNK))
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    sheets.write_workbook(
        out,
        lists=sheet_lists(user=request.user, documents=documents),
        rows=rows,
        with_status=True,
        metrics=metrics,
        limit_rows=MAX_ROWS,
    )
    return _xlsx(out, f"mo-hinh-{timezone.localdate():%Y%m%d}.xlsx")
