"""Excel and Word for models: the registration template and the export of the list (the import page is
documents'), and the registration form in Word, filled from a model or blank, and its PDF (LibreOffice).

Thin on purpose: reads through `initiatives.selectors` (which start from `org.access`).
"""

from __future__ import annotations

import io
import tempfile
from typing import IO
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from danvan.core.uploads import FileType
from danvan.documents.office import OfficeError, docx_to_pdf
from danvan.documents.selectors import policy_document_list
from danvan.documents.workbook import MAX_ROWS
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.models import ResultMetric
from danvan.initiatives.selectors import initiative_list, sheet_lists
from danvan.initiatives.sheets import registration_docx
from danvan.initiatives.sheets import workbook as sheets
from danvan.initiatives.views.common import _model_or_404

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


# --- the registration form in Word ---------------------------------------------------------------


def _docx(out: IO[bytes], names: tuple[str, str], file_type: FileType = FileType.DOCX) -> FileResponse:
    """An attachment with an ASCII name for old clients and the Vietnamese one (RFC 6266) for the rest."""
    out.seek(0)
    response = FileResponse(out, content_type=file_type.content_type)
    ascii_name, name = names
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_safe
def registration_form(request: HttpRequest, pk: int) -> FileResponse:
    """The model's registration form, filled in, in Word; a model outside the user's scope is a 404."""
    initiative = _model_or_404(request, pk)
    out = io.BytesIO()
    registration_docx.write_registration_form(out, initiative)
    return _docx(out, registration_docx.filename(initiative))


@login_required
@require_safe
def registration_form_blank(request: HttpRequest) -> FileResponse:
    """The blank registration form, for units that fill it in by hand."""
    out = io.BytesIO()
    registration_docx.write_registration_form(out)
    return _docx(out, registration_docx.filename(None))


@login_required
@require_safe
def registration_form_pdf(request: HttpRequest, pk: int) -> FileResponse | HttpResponse:
    """The same form as PDF, made from the Word file by LibreOffice; when it cannot, a page offering the Word file."""
    initiative = _model_or_404(request, pk)
    out = io.BytesIO()
    registration_docx.write_registration_form(out, initiative)
    try:
        pdf = docx_to_pdf(out.getvalue())
    except OfficeError as exc:
        context = {"initiative": initiative, "message": exc.message}
        return render(request, "initiatives/registration_pdf_failed.html", context, status=exc.status)
    ascii_name, name = (name.removesuffix(".docx") + ".pdf" for name in registration_docx.filename(initiative))
    return _docx(io.BytesIO(pdf), (ascii_name, name), FileType.PDF)
