"""Excel for models: the registration template, imports with their progress, and exports of the list.

Thin on purpose: reads through `documents.selectors` and `initiatives.selectors` (which start from
`org.access`), writes through `documents.services`. An import is its uploader's: anyone else gets 404.
"""

from __future__ import annotations

import io
import tempfile
from datetime import timedelta
from typing import IO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError, NotFound
from danvan.documents import selectors, services, sheets
from danvan.documents.forms import ImportUploadForm
from danvan.documents.models import ImportJob
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.models import ResultMetric
from danvan.initiatives.selectors import initiative_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_IMPORTS = 10
WORKER_LATE = timedelta(seconds=30)  # queued this long: the worker is probably not running
EXPORT_CHUNK = 2_000


def _xlsx(out: IO[bytes], filename: str) -> FileResponse:
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
@require_GET
def initiatives_template(request: HttpRequest) -> FileResponse:
    out = io.BytesIO()
    sheets.write_workbook(out, lists=selectors.sheet_lists(user=request.user), limit_rows=services.MAX_ROWS)
    return _xlsx(out, "mau-dang-ky-mo-hinh.xlsx")


@login_required
@require_GET
def initiatives_export(request: HttpRequest) -> HttpResponse:
    """The list with the list page's filters, in the template's columns plus status: edit it and import it again."""
    form = InitiativeFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "documents/export_invalid.html", {"form": form}, status=400)
    models = (
        initiative_list(user=request.user, filters=form.filters())
        .select_related("person")
        .prefetch_related("target_groups", "policy_documents", "results")
    )
    metrics = list(ResultMetric.objects.order_by("code"))
    cols = sheets.columns(with_status=True, metrics=metrics)
    documents = selectors.policy_document_list()
    labels = sheets.document_labels(documents)
    rows = (sheets.export_row(m, cols, labels) for m in models.iterator(chunk_size=EXPORT_CHUNK))
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    sheets.write_workbook(
        out,
        lists=selectors.sheet_lists(user=request.user, documents=documents),
        rows=rows,
        with_status=True,
        metrics=metrics,
        limit_rows=services.MAX_ROWS,
    )
    return _xlsx(out, f"mo-hinh-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                job = services.import_start(actor=request.user, upload=form.cleaned_data["file"])
            except DomainError as exc:
                form.add_error("file", exc.message)
                status = exc.status
            else:
                return redirect("documents:import", pk=job.pk)
    recent = selectors.import_job_list(user=request.user)[:RECENT_IMPORTS]
    return render(request, "documents/imports.html", {"form": form, "recent": recent}, status=status)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    try:
        return selectors.import_job_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _status_context(job: ImportJob) -> dict[str, object]:
    return {
        "job": job,
        "worker_late": job.status == ImportJob.Status.QUEUED and timezone.now() - job.created_at > WORKER_LATE,
        "file_errors": [e for e in job.errors if not e.get("row")],
        "cell_errors": [e for e in job.errors if e.get("row")],
        "errors_hidden": job.error_count > len(job.errors),
    }


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "documents/import_detail.html", _status_context(_job(request, pk)))


@login_required
@require_GET
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment HTMX polls every second until the import has finished."""
    return render(request, "documents/_import_status.html", _status_context(_job(request, pk)))
