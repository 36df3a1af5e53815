"""Imports and their progress: the upload page for models, each job's page and the fragment it polls.

Thin on purpose: reads through `documents.selectors`, writes through `documents.services`. An
import is its uploader's: anyone else gets 404. The pages of other kinds of import (reports)
upload through their own app's views and show their job here.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError, NotFound
from danvan.documents import selectors, services
from danvan.documents.forms import ImportUploadForm
from danvan.documents.models import ImportJob

RECENT_IMPORTS = 10
WORKER_LATE = timedelta(seconds=30)  # queued this long: the worker is probably not running


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
