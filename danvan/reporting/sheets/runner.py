"""The background import of a report file (kind "reports"), registered with documents.

The import is all or nothing. Every row is first tried through `services.values_upsert` inside a
savepoint that is always rolled back, so every rule the services apply is checked by the services
themselves and each problem is tied to its row and column; only when every row passed are all rows
written again in one transaction, with the job's outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from danvan.core.errors import DomainError
from danvan.core.numbers import parse_number
from danvan.core.progress import Progress
from danvan.documents.models import ImportJob
from danvan.documents.runners import import_runner
from danvan.documents.services import KIND_REPORTS, import_finish
from danvan.documents.services import imports as import_services
from danvan.documents.workbook import CellError, file_error, present
from danvan.geo.models import AdminUnit
from danvan.reporting.models import Submission
from danvan.reporting.services import CellErrors, cell_name, values_upsert
from danvan.reporting.sheets.layout import FIRST_DATA_ROW, KEY_ROW, META_MARK, SheetTarget, sheet_target
from danvan.reporting.sheets.reader import UnitReader, key_layout, not_a_template, read_file
from danvan.reporting.sheets.template import existing_values
from danvan.reporting.targets import targets_of

MAX_LISTED = 2_000  # saved units, skipped units and warnings kept on the job for its page


@dataclass
class Row:
    number: int
    unit: AdminUnit
    values: dict[tuple[str, str], Any]  # {(indicator code, category): the cell as read}


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    error_count: int = 0
    locked: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[dict[str, Any]] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # column key -> its letter in the file
    headers: dict[str, str] = field(default_factory=dict)

    def at(self, number: int, key: str, message: str) -> CellError:
        return CellError(number, self.letters.get(key, ""), self.headers.get(key, ""), message)

    def fail(self, found: list[CellError]) -> None:
        self.error_count += len(found)
        if len(self.errors) < import_services.MAX_ERRORS_KEPT:
            self.errors.extend(found)


def _same(raw: Any, old: Decimal | None) -> bool:
    try:
        new = parse_number(raw)
    except (ValueError, InvalidOperation):
        return False
    return new == old


def _check(job: ImportJob, target: SheetTarget, rows: list[tuple[int, tuple[Any, ...]]], submit: bool) -> Checked:
    """Read every row and try it through the services, rolled back: every problem, nothing written."""
    actor = job.owner
    layout = key_layout(target, rows[0][1] if rows and rows[0][0] == KEY_ROW else ())
    data = [(n, v) for n, v in rows if n >= FIRST_DATA_ROW]
    if not data:
        raise DomainError(_("The file has no rows of figures in it."), code="empty")
    progress = Progress(job)
    progress.start(len(data))
    result = Checked(
        letters={key: get_column_letter(index + 1) for key, index in layout.items()},
        headers={"unit": _("Unit code"), **{c.key: c.header for c in target.columns}},
    )
    at = result.at
    units = UnitReader(actor, target)
    units.preload(values[layout["unit"]] for _n, values in data if layout["unit"] < len(values))
    seen: dict[int, int] = {}
    parsed: list[tuple[int, AdminUnit, dict[str, Any]]] = []
    for number, values in data:  # the quick pass: which unit each row is for
        cells = {key: values[i] if i < len(values) else None for key, i in layout.items()}
        try:
            unit = units.get(cells["unit"])
        except DomainError as exc:
            result.fail([at(number, "unit", exc.message)])
            continue
        if unit.pk in seen:
            result.fail([at(number, "unit", _("This unit is already on row %(row)d.") % {"row": seen[unit.pk]})])
        else:
            seen[unit.pk] = number
            parsed.append((number, unit, cells))
    subs, existing = existing_values(actor, target, [u for _n, u, _c in parsed])
    for done, (number, unit, cells) in enumerate(parsed, start=len(data) - len(parsed) + 1):
        progress.tick(done - 1)
        sub = subs.get(unit.pk)
        old = existing.get(unit.pk, {})
        raw = {c.key: cells[c.key] for c in target.columns}
        label = f"{unit.code} – {unit.name}"
        if sub is not None and not sub.editable:
            changed = [c for c in target.columns if not _same(raw[c.key], old.get(c.key))]
            if not changed:
                result.locked.append({"row": number, "unit": label, "status": str(sub.get_status_display())})
                continue
            if sub.status == Submission.Status.APPROVED:
                msg = _("This report was approved and is locked; a reviewer can reopen it with a reason.")
            else:
                msg = _("This report has been submitted; it can be changed only if the reviewer returns it.")
            result.fail([at(number, c.key, msg) for c in changed])
            continue
        blank = not any(present(v) for v in raw.values())  # and nothing stored: no report to open
        unchanged = all(_same(raw[c.key], old.get(c.key)) for c in target.columns)
        if (blank and not old) or (unchanged and not submit):
            result.unchanged.append({"row": number, "unit": label})
            continue
        row = Row(number, unit, {(c.indicator.code, c.category): raw[c.key] for c in target.columns})
        problems = _try(actor, target, row)
        if problems:
            result.fail([at(number, key, message) for key, message in problems])
        else:
            result.rows.append(row)
    progress.finish()
    return result


def _upsert(actor: Any, target: SheetTarget, row: Row, submit: bool) -> tuple[Submission, Any]:
    return values_upsert(
        actor=actor, form=target.form, unit=row.unit, period=target.period, values=row.values, submit=submit
    )


def _problems(exc: DomainError) -> list[tuple[str, str]]:
    """(column key, message) for each problem a service raised; a whole-report problem goes to the unit."""
    if isinstance(exc, CellErrors) and exc.errors:
        return [(cell_name(e.indicator, e.category), e.message) for e in exc.errors]
    return [("unit", exc.message)]


def _try(actor: Any, target: SheetTarget, row: Row) -> list[tuple[str, str]]:
    """Save the row and roll it back. Without submitting: the file holds every column, so `values_save`
    checks every cross-field rule that submitting would, and submitting first compiles the roll-up map of
    each unit, one at a time — the real save compiles them all at once."""
    try:
        with transaction.atomic():
            _upsert(actor, target, row, False)
            transaction.set_rollback(True)  # a rehearsal: the real save comes once every row has passed
    except DomainError as exc:
        return _problems(exc)
    return []


@import_runner(KIND_REPORTS, filename="reports.xlsx")
def import_reports(job: ImportJob) -> None:
    """The worker's side of an import of kind "reports" (see `documents.services.import_run`)."""
    submit = bool((job.options or {}).get("submit"))
    try:
        meta, rows = read_file(job)
        if meta.get("format") != META_MARK:
            raise not_a_template()
        target = sheet_target(user=job.owner, form=meta.get("form"), era=meta.get("era"), period=meta.get("period"))
        checked = _check(job, target, rows, submit)
    except DomainError as exc:
        import_finish(job, [file_error(exc.message)], summary={})
        return
    summary = {
        "form": target.form.label,
        "period": target.period.code,
        "era": target.era,
        "submit": submit,
        "locked": checked.locked[:MAX_LISTED],
        "unchanged": checked.unchanged[:MAX_LISTED],
    }
    if checked.error_count:
        import_finish(job, checked.errors, count=checked.error_count, summary=summary)
        return
    saved: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    current: Row | None = None
    try:
        with transaction.atomic():  # every report and the job's outcome commit together, or nothing does
            if submit:
                targets_of({row.unit.pk for row in checked.rows})  # the roll-up map of new units, in one batch
            for row in checked.rows:
                current = row
                submission, result = _upsert(job.owner, target, row, submit)
                label = f"{row.unit.code} – {row.unit.name}"
                saved.append(
                    {
                        "row": row.number,
                        "unit": label,
                        "values": result.saved + result.deleted,
                        "status": str(submission.get_status_display()),
                    }
                )
                warnings += [
                    {"row": row.number, "unit": label, "cell": cell_name(w.indicator, w.category), "message": w.message}
                    for w in result.warnings
                ]
            summary.update(saved=saved[:MAX_LISTED], warnings=warnings[:MAX_LISTED])
            import_finish(job, [], saved=len(saved), summary=summary)
    except DomainError as exc:  # something changed between the check and the save (a report submitted…)
        number = current.number if current else 0
        import_finish(job, [checked.at(number, key, message) for key, message in _problems(exc)], summary=summary)
