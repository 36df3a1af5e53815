"""The background import of a models workbook (kind "initiatives"), registered with documents.

The worker reads the file within the import limits (`documents.workbook`), checks every row —
its progress committed now and then so the page can show it — and only when every row is good
saves them all in one transaction through `initiatives.bulk`, which applies the rules of
`initiative_create`.
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.progress import Progress
from danvan.documents.models import ImportJob
from danvan.documents.runners import import_runner
from danvan.documents.services import KIND_INITIATIVES, import_finish
from danvan.documents.services import imports as import_services
from danvan.documents.workbook import CellError, open_workbook, read_rows
from danvan.initiatives.bulk import BulkChecker, BulkRejected, NewInitiative, initiatives_bulk_create
from danvan.initiatives.sheets import workbook as sheets
from danvan.initiatives.sheets.reader import Reader, models_sheet

logger = logging.getLogger(__name__)


@import_runner(KIND_INITIATIVES, filename="models.xlsx")
def run(job: ImportJob) -> None:
    actor = job.owner
    started = time.monotonic()
    with job.file.open("rb") as file:
        workbook = open_workbook(file)
        try:
            rows = list(read_rows(models_sheet(workbook), first_data_row=sheets.HEADER_ROWS + 1))
        finally:
            workbook.close()
    reader = Reader(actor, language=job.language)
    layout = reader.layout(rows)
    if layout.errors:
        import_finish(job, layout.errors)
        return
    data = [(number, values) for number, values in rows if number >= layout.first_data_row]
    if not data:
        import_finish(job, [CellError(layout.first_data_row, "", "", _("The file has no models in it."))])
        return
    progress = Progress(job)
    progress.start(len(data))
    read = time.monotonic()

    checker = BulkChecker(actor)
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
        if len(errors) < import_services.MAX_ERRORS_KEPT:  # rows come in order: the first problems are the ones kept
            errors.extend(found)
        item = row.item()
        if item is not None and not problems:
            items.append((number, item))
        progress.tick(done)
    progress.finish()
    checked = time.monotonic()
    if error_count:
        import_finish(job, errors, count=error_count)
        return
    try:
        with transaction.atomic():  # the models and the job's "saved" commit together, or neither
            saved = initiatives_bulk_create(actor=actor, items=[item for _n, item in items], source=f"import:{job.pk}")
            import_finish(job, [], saved=len(saved))
    except BulkRejected as exc:  # something changed between the check and the save (a right withdrawn…)
        import_finish(job, [reader.error_for(items[i][0], layout, key, message) for i, key, message in exc.problems])
        return
    logger.info(
        "import job %s: %d rows read in %.1fs, checked in %.1fs, saved in %.1fs",
        job.pk,
        job.total,
        read - started,
        checked - read,
        time.monotonic() - checked,
    )
