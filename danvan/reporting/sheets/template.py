"""The report template: one row per unit that reports on the form, prefilled with what it already holds."""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.cells import xlsx_text_only
from danvan.geo.models import AdminUnit
from danvan.reporting.models import DataValue, Submission
from danvan.reporting.selectors import submission_list
from danvan.reporting.services import cell_name
from danvan.reporting.sheets.layout import (
    CHUNK,
    FIRST_DATA_ROW,
    FIXED_KEYS,
    HEADER_ROW,
    KEY_ROW,
    META_MARK,
    META_SHEET,
    REPORT_SHEET,
    SheetColumn,
    SheetTarget,
)

EXTRA_ROWS = 200  # validation also covers rows a user adds below the units
LOCKED_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")


def existing_values(
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
    subs, values = existing_values(user, target, units, within=unit)
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
