"""Writes of the documents app: start an import, run it in the background worker, record its outcome.

The upload request checks the file's size and shape only (`documents.workbook.workbook_check`,
which unpacks nothing), keeps the file and queues the job; the workbook is opened and read only by
the worker, through the runner the import's kind registered (`documents.runners`). An import is
all or nothing, and its messages are written in the language the uploader used.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.documents.models import ImportJob
from danvan.documents.runners import import_kind
from danvan.documents.workbook import CellError, file_error, workbook_check
from danvan.org.models.notifications import Kind as NoticeKind
from danvan.org.services.notifications import notify

logger = logging.getLogger(__name__)

MAX_ERRORS_KEPT = 2_000  # all are counted; a file with more problems than this is the wrong file
KIND_INITIATIVES = "initiatives"  # registered by danvan.initiatives.sheets.runner
KIND_REPORTS = "reports"  # registered by danvan.reporting.sheets.runner


def import_start(
    *, actor: Any, upload: UploadedFile[bytes], kind: str = KIND_INITIATIVES, options: dict[str, Any] | None = None
) -> ImportJob:
    """Keep the file and queue its import; the worker picks it up after this transaction commits."""
    registered = import_kind(kind)
    if registered is None:
        raise DomainError(_("Unknown kind of import."))
    workbook_check(upload)
    from danvan.documents.tasks import run_import

    with transaction.atomic():
        job = ImportJob(
            kind=kind,
            owner=actor,
            original_name=Path(upload.name or "import.xlsx").name[:255],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            options=options or {},
        )
        job.file.save(registered.filename, upload, save=False)
        job.save()
        audit(actor=actor, verb="import.start", target=job, kind=kind, file=job.original_name)
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def import_run(*, job_id: int) -> None:
    """The worker's side: claim the job (once), then let its kind's runner read, check and save it."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        logger.warning("import job %s is not queued: not run again", job_id)
        return
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    registered = import_kind(job.kind)
    with translation.override(job.language):
        try:
            if registered is None:
                raise DomainError(_("Unknown kind of import."))
            registered.run(job)
        except DomainError as exc:  # a limit of the file, or a file that is not what it says
            import_finish(job, [file_error(exc.message)])
        except Exception:
            logger.exception("import job %s stopped on an unexpected error", job_id)
            import_finish(job, [file_error(_("The import stopped on an unexpected error. Nothing was saved."))])


def import_finish(
    job: ImportJob,
    errors: list[CellError],
    *,
    saved: int = 0,
    count: int | None = None,
    summary: dict[str, Any] | None = None,
) -> None:
    """Record the outcome: `errors` are the problems kept (the first ones), `count` all of them.

    A runner saving rows calls this inside the transaction that saves them, so the rows and the
    job's "saved" commit together, or neither does.
    """
    errors = sorted(errors, key=lambda e: (e.row, len(e.column), e.column))
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.SUCCEEDED
    job.error_count = len(errors) if count is None else count
    job.errors = [e.as_dict() for e in errors[:MAX_ERRORS_KEPT]]
    job.saved = saved
    fields = ["status", "error_count", "errors", "saved", "done", "total", "updated_at"]
    if summary is not None:
        job.options = {**(job.options or {}), "result": summary}
        fields.append("options")
    job.save(update_fields=fields)
    audit(actor=job.owner, verb="import.finish", target=job, status=job.status, saved=saved, errors=job.error_count)
    notify(
        recipients=[job.owner],
        kind=NoticeKind.IMPORT_FINISHED,
        params={"file": job.original_name, "saved": saved, "errors": job.error_count},
        url=reverse("documents:import", kwargs={"pk": job.pk}),
    )
