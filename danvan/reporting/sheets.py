"""Periodic reports in Excel: a template per form, unit and period, and its import in the background.

The template has one row per unit that reports on the form inside the chosen unit and that the
user may report for, prefilled with what those reports already hold. Row 4 holds the headers in
the downloader's language; row 5, hidden, the machine keys (indicator code, or code.category), so
a header reworded in Excel still imports; a hidden sheet names the form, era and period.

The import is all or nothing. Every row is first tried through `services.values_upsert` inside a
savepoint that is always rolled back, so every rule the services apply (numbers, whole numbers,
cross-field rules, locks, scope) is checked by the services themselves and each problem is tied to
its row and column; only when every row passed are all rows written again in one transaction.
Rows of locked reports (submitted or approved) are skipped when their figures are unchanged, and
refused cell by cell when they were changed.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.audit import audit
from danvan.core.cells import xlsx_text_only
from danvan.core.errors import DomainError, NotFound
from danvan.core.numbers import parse_number
from danvan.documents.importer import CellError, open_workbook
from danvan.documents.models import ImportJob
from danvan.geo.models import AdminUnit, Era, Level
from danvan.geo.selectors import unit_get
from danvan.org.access import Action, can, units_where
from danvan.reporting.models import DataValue, Indicator, Period, ReportForm, Submission
from danvan.reporting.periods import form_levels, period_get
from danvan.reporting.selectors import expected_reporters, form_get, form_indicators, submission_list
from danvan.reporting.services import CellErrors, cell_name, values_upsert
from danvan.reporting.targets import targets_of

logger = logging.getLogger(__name__)

REPORT_SHEET = "Báo cáo"
META_SHEET = "Thông tin"  # hidden: which form, era and period the file is for
META_MARK = "danvan-report-sheet/1"
HEADER_ROW = 4
KEY_ROW = 5  # hidden
FIRST_DATA_ROW = 6
FIXED_KEYS = ("unit", "name", "status")
EXTRA_ROWS = 200  # validation also covers rows a user adds below the units
MAX_ROWS = 50_000
MAX_ERRORS_KEPT = 2_000
MAX_LISTED = 2_000  # saved units, skipped units and warnings kept on the job for its page
CHUNK = 500  # ids per query: SQLite caps the parameters of one query
CODE_WIDTHS = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}  # the statistics office's codes
PROGRESS_EVERY = 0.5  # seconds between progress commits
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
LOCKED_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")


# --- what a sheet is for ----------------------------------------------------------------------


@dataclass(frozen=True)
class SheetColumn:
    """One typed figure: an indicator, or one category of an indicator with a breakdown."""

    indicator: Indicator
    category: str = ""
    category_label: str = ""

    @property
    def key(self) -> str:
        return cell_name(self.indicator.code, self.category)

    @property
    def header(self) -> str:
        text = self.indicator.label
        if self.category:
            text = f"{text} — {self.category_label}"
        return f"{text} ({self.indicator.uom})" if self.indicator.uom else text

    @property
    def integer(self) -> bool:
        return self.indicator.value_type == Indicator.ValueType.INTEGER


@dataclass
class SheetTarget:
    """A form, an era's map and a period: what one template or one import is about."""

    form: ReportForm
    era: str
    period: Period
    columns: list[SheetColumn]


def sheet_columns(form: ReportForm) -> list[SheetColumn]:
    """The entered indicators of `form`, one column per category where there is a breakdown."""
    cols: list[SheetColumn] = []
    for indicator in form_indicators(form):
        if not indicator.entered:
            continue
        categories = indicator.categories
        if categories:
            cols += [SheetColumn(indicator, code, str(label)) for code, label in categories]
        else:
            cols.append(SheetColumn(indicator))
    return cols


def _code(value: Any, what: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise DomainError(_("Choose %(what)s.") % {"what": what}, code="missing")
    if not _CODE.match(text):
        raise DomainError(_("“%(value)s” is not a valid code.") % {"value": text[:40]}, code="bad_code")
    return text


def sheet_target(*, user: Any, form: Any, era: Any, period: Any) -> SheetTarget:
    """Check the form, era and period a template is asked for (or a file says it is for)."""
    code = _code(form, _("a report form"))
    try:
        report_form = form_get(user=user, code=code)
    except NotFound as exc:
        raise DomainError(exc.message, code="bad_form") from None
    if not report_form.active:
        raise DomainError(_("This report form is no longer in use."), code="inactive_form")
    if report_form.organization_kinds.exists():
        raise DomainError(
            _("“%(form)s” is reported by each organisation separately; enter it on the report pages.")
            % {"form": report_form.label},
            code="per_organization",
        )
    era_code = _code(era, _("a map era"))
    if not Era.objects.filter(code=era_code).exists():
        raise DomainError(_("There is no map era “%(era)s”.") % {"era": era_code}, code="bad_era")
    period_text = str(period or "").strip()
    if not period_text:
        raise DomainError(_("Choose %(what)s.") % {"what": _("a reporting period")}, code="missing")
    period_obj = period_get(period_text[:40])
    if period_obj.type != report_form.period_type:
        raise DomainError(
            _("“%(form)s” is reported per %(type)s, not for %(period)s.")
            % {"form": report_form.label, "type": report_form.get_period_type_display(), "period": period_obj.code},
            code="bad_period",
        )
    return SheetTarget(report_form, era_code, period_obj, sheet_columns(report_form))


def reporting_units(*, user: Any, target: SheetTarget, unit: AdminUnit) -> list[AdminUnit]:
    """The units at the form's levels inside `unit` that `user` may report for, in map order."""
    expected = expected_reporters(form=target.form, unit=unit, era=target.era, period=target.period)
    if not expected.exists():
        raise DomainError(
            _("No unit inside %(unit)s reports on “%(form)s”.") % {"unit": unit.name, "form": target.form.label},
            code="no_reporters",
        )
    # a unit's own report belongs to no organisation: a grant narrowed to one is not enough
    allowed = units_where(user, Action.REPORT, with_organization=False).values("pk")
    units = list(expected.filter(pk__in=allowed).select_related("parent"))
    if not units:
        raise NotFound(_("You cannot report for any unit inside %(unit)s on this form.") % {"unit": unit.name})
    return units


def template_units(*, user: Any, form: Any, era: Any, unit: Any, period: Any) -> tuple[SheetTarget, AdminUnit, list]:
    """Everything a template needs, or a DomainError (400) / NotFound (404) saying what is wrong."""
    target = sheet_target(user=user, form=form, era=era, period=period)
    code = _code(unit, _("a unit"))
    place = unit_get(user=user, era=target.era, code=code)
    return target, place, reporting_units(user=user, target=target, unit=place)


# --- the template -----------------------------------------------------------------------------


def _existing(
    user: Any, target: SheetTarget, units: list[AdminUnit], within: AdminUnit | None = None
) -> tuple[dict[int, Submission], dict[int, dict[str, Decimal]]]:
    """The reports of `units` for the target period, and their values by column key."""
    by_unit: dict[int, Submission] = {}
    values: dict[int, dict[str, Decimal]] = {}
    ids = [u.pk for u in units]
    for start in range(0, len(ids), CHUNK):
        subs = submission_list(user=user, form=target.form, period=target.period, unit=within).filter(
            organization__isnull=True, unit_id__in=ids[start : start + CHUNK]
        )
        chunk = {s.unit_id: s for s in subs}
        by_unit.update(chunk)
        rows = DataValue.objects.filter(submission__in=[s.pk for s in chunk.values()]).values_list(
            "unit_id", "indicator__code", "category", "value"
        )
        for unit_id, code, category, value in rows:
            values.setdefault(unit_id, {})[cell_name(code, category)] = value
    return by_unit, values


def _cell_value(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def status_text(submission: Submission | None) -> str:
    if submission is None:
        return _("not started")
    label = str(submission.get_status_display())
    return _("%(status)s — locked") % {"status": label} if not submission.editable else label


def template_write(out: IO[bytes], *, user: Any, target: SheetTarget, unit: AdminUnit, units: list[AdminUnit]) -> None:
    """Write the template of `units` into `out`."""
    subs, values = _existing(user, target, units, within=unit)
    wb = Workbook()
    ws = wb.active
    ws.title = REPORT_SHEET
    last_col = len(FIXED_KEYS) + len(target.columns)
    ws.cell(row=1, column=1, value=target.form.label).font = Font(bold=True, size=14)
    ws.cell(
        row=2,
        column=1,
        value=_("Period: %(period)s · Unit: %(unit)s (%(era)s/%(code)s)")
        % {"period": target.period.code, "unit": unit.name, "era": unit.era_id, "code": unit.code},
    ).font = Font(bold=True)
    ws.cell(
        row=3,
        column=1,
        value=_(
            "One row per unit: type the figures in the white cells. Grey rows are reports already submitted or "
            "approved: they are locked and skipped on import unless changed (a change is refused)."
        ),
    ).font = Font(italic=True)
    headers = [_("Unit code"), _("Unit name"), _("Status")] + [c.header for c in target.columns]
    keys = [*FIXED_KEYS, *(c.key for c in target.columns)]
    for index, (header, key) in enumerate(zip(headers, keys, strict=True), start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=KEY_ROW, column=index, value=key)
        ws.column_dimensions[get_column_letter(index)].width = (12, 32, 18)[index - 1] if index <= 3 else 18
    ws.row_dimensions[HEADER_ROW].height = 60
    ws.row_dimensions[KEY_ROW].hidden = True
    for r, u in enumerate(units, start=FIRST_DATA_ROW):
        sub = subs.get(u.pk)
        code_cell = ws.cell(row=r, column=1, value=u.code)
        code_cell.number_format = "@"  # keep the leading zeros of 06823
        ws.cell(row=r, column=2, value=u.name)
        ws.cell(row=r, column=3, value=status_text(sub))
        own = values.get(u.pk, {})
        for c, col in enumerate(target.columns, start=len(FIXED_KEYS) + 1):
            cell = ws.cell(row=r, column=c, value=_cell_value(own.get(col.key)))
            cell.number_format = "#,##0" if col.integer else "#,##0.####"
        if sub is not None and not sub.editable:
            for c in range(1, last_col + 1):
                ws.cell(row=r, column=c).fill = LOCKED_FILL
    _validate(ws, target.columns, FIRST_DATA_ROW + len(units) + EXTRA_ROWS)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=len(FIXED_KEYS) + 1)
    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate(
        [("format", META_MARK), ("form", target.form.code), ("era", target.era), ("period", target.period.code)],
        start=1,
    ):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value).number_format = "@"
    meta.cell(row=5, column=1, value="unit")
    meta.cell(row=5, column=2, value=unit.code).number_format = "@"
    meta.sheet_state = "hidden"
    xlsx_text_only(wb)  # a village's or a form's name is text, never a formula
    wb.save(out)


def _validate(ws: Any, columns: list[SheetColumn], last_row: int) -> None:
    """Excel refuses a negative number, text, or a fraction in a whole-number column as it is typed."""
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a whole number"),
        error=_("Type a whole number, 0 or more."),
    )
    decimal = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a number"),
        error=_("Type a number, 0 or more."),
    )
    for index, col in enumerate(columns, start=len(FIXED_KEYS) + 1):
        letter = get_column_letter(index)
        (whole if col.integer else decimal).add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
    for dv in (whole, decimal):
        if dv.sqref.ranges:
            ws.add_data_validation(dv)


# --- the import -------------------------------------------------------------------------------


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
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.extend(found)


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


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _file_error(message: str) -> CellError:
    return CellError(0, "", "", message)


def _not_a_template() -> DomainError:
    return DomainError(
        _(
            "This is not a report template from DanVan, or its hidden rows were removed. Download the template "
            "again and copy your figures into it."
        ),
        code="not_a_template",
    )


def _read(job: ImportJob) -> tuple[dict[str, str], list[tuple[int, tuple[Any, ...]]]]:
    """The file's meta sheet and the rows of its report sheet (blank rows left out)."""
    with job.file.open("rb") as file:
        wb = open_workbook(file)
        try:
            if REPORT_SHEET not in wb.sheetnames:
                raise DomainError(
                    _("The workbook has no sheet “%(sheet)s”: upload the report template downloaded from DanVan.")
                    % {"sheet": REPORT_SHEET},
                    code="wrong_sheet",
                )
            if META_SHEET not in wb.sheetnames:
                raise _not_a_template()
            meta = {}
            for values in wb[META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
                if values and values[0] is not None:
                    meta[str(values[0]).strip()] = str(values[1] if len(values) > 1 and values[1] is not None else "")
            return meta, list(_rows(wb[REPORT_SHEET]))
        finally:
            wb.close()


def _rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some programs record the size wrong: rows would be lost
    count = 0
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number < KEY_ROW or not any(_present(v) for v in values):
            continue
        if number >= FIRST_DATA_ROW:
            count += 1
            if count > MAX_ROWS:
                raise DomainError(
                    _("The file has more than %(limit)s rows. Split it into several files.") % {"limit": MAX_ROWS}
                )
        yield number, values


def _layout(target: SheetTarget, key_row: tuple[Any, ...]) -> dict[str, int]:
    """{column key: index} from the hidden key row, which must hold exactly the template's keys."""
    expected = [*FIXED_KEYS, *(c.key for c in target.columns)]
    found: dict[str, int] = {}
    for index, raw in enumerate(key_row):
        if not _present(raw):
            continue
        key = str(raw).strip()
        if key not in expected or key in found:
            raise DomainError(
                _(
                    "The header rows were changed (column %(column)s): download the template again and copy your "
                    "figures into it."
                )
                % {"column": get_column_letter(index + 1)},
                code="bad_header",
            )
        found[key] = index
    missing = [k for k in expected if k not in found]
    if missing:
        if missing == expected:
            raise _not_a_template()
        raise DomainError(
            _(
                "Some columns of the template are missing or its header rows were changed: download the template "
                "again for this form and copy your figures into it."
            ),
            code="bad_header",
        )
    return found


class _Units:
    """Reads the unit code of a row: a unit of the era at the form's levels that the user may report for."""

    def __init__(self, user: Any, target: SheetTarget) -> None:
        self.user = user
        self.target = target
        self.levels = form_levels(target.form, target.period)  # the levels of the period's map
        self.widths = sorted({CODE_WIDTHS[level] for level in self.levels if level in CODE_WIDTHS})
        self._by_code: dict[str, AdminUnit] = {}

    def _spellings(self, raw: Any) -> list[str]:
        code = self._text(raw)
        if isinstance(raw, int | float) and code.isdigit():
            # typed as a number, 06823 lost its leading zero: pad it to the width of the form's levels' codes
            return [code, *(code.zfill(w) for w in self.widths)]
        return [code]

    def preload(self, raws: Iterable[Any]) -> None:
        """The units the file names, in a few queries rather than one per row."""
        codes = sorted({c for raw in raws for c in self._spellings(raw) if c})
        for start in range(0, len(codes), CHUNK):
            qs = AdminUnit.objects.filter(
                era_id=self.target.era, level__in=self.levels, code__in=codes[start : start + CHUNK]
            ).select_related("parent")
            self._by_code.update((u.code, u) for u in qs)

    def get(self, raw: Any) -> AdminUnit:
        code = self._text(raw)
        if not code:
            raise DomainError(_("Write the unit's code, as in the template."))
        unit = next((self._by_code[c] for c in self._spellings(raw) if c in self._by_code), None)
        if unit is None:
            other = AdminUnit.objects.filter(era_id=self.target.era, code=code).first()
            if other is None:
                raise DomainError(
                    _("There is no unit with code %(code)s on the map of %(era)s.")
                    % {"code": code, "era": self.target.era}
                )
            levels = ", ".join(str(Level(level).label) for level in self.levels if level in Level.values)
            raise DomainError(
                _("%(unit)s is a %(level)s; this form is reported by: %(levels)s.")
                % {"unit": other.name, "level": other.get_level_display(), "levels": levels}
            )
        if not can(self.user, Action.REPORT, unit):
            raise DomainError(_("You cannot report for %(unit)s.") % {"unit": unit.name})
        return unit

    @staticmethod
    def _text(raw: Any) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw if raw is not None else "").strip()
        if "/" in text:  # "2024/06823", as the models template writes a unit
            text = text.split("/", 1)[1].strip()
        text = re.split(r"\s", text, maxsplit=1)[0] if text else text
        return text[:20].replace("\x00", "")


def _same(raw: Any, old: Decimal | None) -> bool:
    try:
        new = parse_number(raw)
    except (ValueError, InvalidOperation):
        return False
    return new == old


def _check(job: ImportJob, target: SheetTarget, rows: list[tuple[int, tuple[Any, ...]]], submit: bool) -> Checked:
    """Read every row and try it through the services, rolled back: every problem, nothing written."""
    actor = job.owner
    layout = _layout(target, rows[0][1] if rows and rows[0][0] == KEY_ROW else ())
    data = [(n, v) for n, v in rows if n >= FIRST_DATA_ROW]
    if not data:
        raise DomainError(_("The file has no rows of figures in it."), code="empty")
    job.total = len(data)
    ImportJob.objects.filter(pk=job.pk).update(total=job.total)
    result = Checked(
        letters={key: get_column_letter(index + 1) for key, index in layout.items()},
        headers={"unit": _("Unit code"), **{c.key: c.header for c in target.columns}},
    )
    at = result.at
    units = _Units(actor, target)
    units.preload(values[layout["unit"]] for _n, values in data if layout["unit"] < len(values))
    seen: dict[int, int] = {}
    progress = _Progress(job)
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
    subs, existing = _existing(actor, target, [u for _n, u, _c in parsed])
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
        blank = not any(_present(v) for v in raw.values())  # and nothing stored: no report to open
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
    progress.tick(len(data), force=True)
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


def import_reports(job: ImportJob) -> None:
    """The worker's side of an import of kind "reports" (see `documents.services.import_run`)."""
    submit = bool((job.options or {}).get("submit"))
    try:
        meta, rows = _read(job)
        if meta.get("format") != META_MARK:
            raise _not_a_template()
        target = sheet_target(user=job.owner, form=meta.get("form"), era=meta.get("era"), period=meta.get("period"))
        checked = _check(job, target, rows, submit)
    except DomainError as exc:
        _finish(job, [_file_error(exc.message)])
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
        _finish(job, checked.errors, count=checked.error_count, summary=summary)
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
            _finish(job, [], saved=len(saved), summary=summary)
    except DomainError as exc:  # something changed between the check and the save (a report submitted…)
        number = current.number if current else 0
        _finish(job, [checked.at(number, key, message) for key, message in _problems(exc)], summary=summary)


def _finish(
    job: ImportJob,
    errors: list[CellError],
    *,
    saved: int = 0,
    count: int | None = None,
    summary: dict[str, Any] | None = None,
) -> None:
    errors = sorted(errors, key=lambda e: (e.row, len(e.column), e.column))
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.SUCCEEDED
    job.error_count = len(errors) if count is None else count
    job.errors = [e.as_dict() for e in errors[:MAX_ERRORS_KEPT]]
    job.saved = saved
    job.options = {**(job.options or {}), "result": summary or {}}
    job.save(update_fields=["status", "error_count", "errors", "saved", "done", "total", "options", "updated_at"])
    audit(actor=job.owner, verb="import.finish", target=job, status=job.status, saved=saved, errors=job.error_count)
