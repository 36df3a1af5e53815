"""Writes of the documents app: start an import, and run it (in the background worker).

An import is all or nothing. The worker reads the file, checks every row — committing its
progress every moment in a short transaction so the page can show it — and only when every row
is good saves them all in one transaction through `initiatives.bulk`, which applies the rules of
`initiative_create`. Messages are written in the language the uploader used.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.documents.importer import CellError, Reader, models_sheet, open_workbook, read_rows
from danvan.documents.models import ImportJob
from danvan.initiatives.bulk import BulkChecker, BulkRejected, NewInitiative, initiatives_bulk_create

logger = logging.getLogger(__name__)

MAX_BYTES = getattr(settings, "DANVAN_MAX_IMPORT_BYTES", 20 * 1024 * 1024)
MAX_ROWS = getattr(settings, "DANVAN_MAX_IMPORT_ROWS", 50_000)
MAX_ERRORS_KEPT = 2_000  # all are counted; a file with more problems than this is the wrong file
PROGRESS_EVERY = 0.5  # seconds between progress commits
KIND_INITIATIVES = "initiatives"
KIND_REPORTS = "reports"  # periodic reports: run by danvan.reporting.sheets


def import_check_file(upload: UploadedFile) -> None:
    """Refuse, with a plain message, anything that is not an .xlsx workbook of acceptable size."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise DomainError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
            status=413,
        )
    if upload.size == 0:
        raise DomainError(_("The file is empty."))
    workbook = open_workbook(upload.file)
    workbook.close()
    upload.file.seek(0)


def import_start(
    *, actor: Any, upload: UploadedFile, kind: str = KIND_INITIATIVES, options: dict[str, Any] | None = None
) -> ImportJob:
    """Keep the file and queue its import; the worker picks it up after this transaction commits."""
    if kind not in (KIND_INITIATIVES, KIND_REPORTS):
        raise DomainError(_("Unknown kind of import."))
    import_check_file(upload)
    from danvan.documents.tasks import run_import

    with transaction.atomic():
        job = ImportJob(
            kind=kind,
            owner=actor,
            original_name=Path(upload.name or "import.xlsx").name[:255],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            options=options or {},
        )
        job.file.save("models.xlsx" if kind == KIND_INITIATIVES else f"{kind}.xlsx", upload, save=False)
        job.save()
        audit(actor=actor, verb="import.start", target=job, kind=kind, file=job.original_name)
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def import_run(*, job_id: int) -> None:
    """The worker's side: claim the job (once), then check and save its rows."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        logger.warning("import job %s is not queued: not run again", job_id)
        return
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    with translation.override(job.language):
        try:
            _runner(job.kind)(job)
        except Exception:
            logger.exception("import job %s stopped on an unexpected error", job_id)
            _finish(job, [CellError(0, "", "", _("The import stopped on an unexpected error. Nothing was saved."))])


def _runner(kind: str) -> Any:
    if kind == KIND_REPORTS:
        from danvan.reporting.sheets import import_reports

        return import_reports
    return _run


class _Progress:
    """Commits `done` now and then, each time in its own short transaction."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.last = time.monotonic()

    def tick(self, done: int, *, force: bool = False) -> None:
        self.job.done = done
        now = time.monotonic()
        if force or now - self.last >= PROGRESS_EVERY:
            ImportJob.objects.filter(pk=self.job.pk).update(done=done)
            self.last = now


def _run(job: ImportJob) -> None:
    actor = job.owner
    started = time.monotonic()
    try:
        with job.file.open("rb") as file:
            workbook = open_workbook(file)
            try:
                rows = list(read_rows(models_sheet(workbook), MAX_ROWS))
            finally:
                workbook.close()
    except DomainError as exc:
        _finish(job, [CellError(0, "", "", exc.message)])
        return
    reader = Reader(actor, language=job.language)
    layout = reader.layout(rows)
    if layout.errors:
        _finish(job, layout.errors)
        return
    data = [(number, values) for number, values in rows if number >= layout.first_data_row]
    if not data:
        _finish(job, [CellError(layout.first_data_row, "", "", _("The file has no models in it."))])
        return
    job.total = len(data)
    ImportJob.objects.filter(pk=job.pk).update(total=job.total)
    read = time.monotonic()

    checker = BulkChecker(actor)
    progress = _Progress(job)
    errors: list[CellError] = []
    error_count = 0
    items: list[tuple[int, NewInitiative]] = []
    for done, (number, values) in enumerate(data, start=1):
        row = reader.parse(number, values, layout)
        # the rules too, on whatever read well: every problem of the row at once
        named = bool(row.person_name) or "person" in row.failed  # a bad name is reported once, not twice
        problems = checker.check_fields(values=row.values, results=row.results, person_named=named)
        found = row.errors + [reader.error_for(number, layout, key, message) for key, message in problems]
        error_count += len(found)
        if len(errors) < MAX_ERRORS_KEPT:  # rows come in order: the first problems are the ones kept
            errors.extend(found)
        item = row.item()
        if item is not None and not problems:
            items.append((number, item))
        progress.tick(done)
    progress.tick(len(data), force=True)
    checked = time.monotonic()
    if error_count:
        _finish(job, errors, count=error_count)
        return
    try:
        with transaction.atomic():  # the models and the job's "saved" commit together, or neither
            saved = initiatives_bulk_create(actor=actor, items=[item for _n, item in items], source=f"import:{job.pk}")
            _finish(job, [], saved=len(saved))
    except BulkRejected as exc:  # something changed between the check and the save (a right withdrawn…)
        _finish(job, [reader.error_for(items[i][0], layout, key, message) for i, key, message in exc.problems])
        return
    logger.info(
        "import job %s: %d rows read in %.1fs, checked in %.1fs, saved in %.1fs",
        job.pk,
        job.total,
        read - started,
        checked - read,
        time.monotonic() - checked,
    )


def _finish(job: ImportJob, errors: list[CellError], *, saved: int = 0, count: int | None = None) -> None:
    """Record the outcome: `errors` are the problems kept (the first ones), `count` all of them."""
    errors = sorted(errors, key=lambda e: (e.row, len(e.column), e.column))
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.SUCCEEDED
    job.error_count = len(errors) if count is None else count
    job.errors = [e.as_dict() for e in errors[:MAX_ERRORS_KEPT]]
    job.saved = saved
    job.save(update_fields=["status", "error_count", "errors", "saved", "done", "total", "updated_at"])
    audit(actor=job.owner, verb="import.finish", target=job, status=job.status, saved=saved, errors=len(errors))
