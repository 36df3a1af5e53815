"""Cells that leave the system in a spreadsheet: user text never becomes a live formula.

A petition's subject, a model's or a village's name is typed by people we do not control. Written
raw, `=HYPERLINK("http://…","x")` runs as a formula in the staff's Excel (CSV injection), and so
do `+1+1`, `-2+3` and `@SUM(1)`. Every CSV and XLSX export writes its cells through this module:

- XLSX has types, so text stays exactly what was typed, stored as a string (never a formula
  cell) and marked with Excel's quote prefix so that editing the cell does not evaluate it either.
  Re-importing an exported workbook reads back the same text.
- CSV has no types: text a spreadsheet would evaluate gets a leading apostrophe (OWASP's advice),
  which Excel and LibreOffice show as text.

Dates written through `xlsx_cell` are shown day/month/year, as every page shows them.

Text is dangerous when it starts with = + - @, a tab or a carriage return, also after leading
spaces (LibreOffice trims them on import). Numbers, dates and text that is a plain number
("-12", "-1.5") are left alone: they are data, not formulas.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO, Any

from openpyxl.cell import Cell, WriteOnlyCell

from danvan.core.dates import EXCEL_DATE, EXCEL_DATETIME

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)*$")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would evaluate (a plain number such as "-12.5" is not)."""
    if not isinstance(value, str):
        return False
    stripped = value.lstrip(" \u00a0")
    return stripped[:1] in TRIGGERS and not _PLAIN_NUMBER.match(stripped)


def safe_cell(value: Any) -> Any:
    """The value as a CSV cell: dangerous text prefixed with an apostrophe, anything else unchanged."""
    if is_formula_like(value):
        return "'" + value
    return value


def xlsx_cell(ws: Any, value: Any) -> Any:
    """The value for a sheet's `append`: dangerous text as a plain text cell, a date shown day/month/year
    (as every page shows it, `core.dates`), anything else as is."""
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = EXCEL_DATETIME if isinstance(value, datetime) else EXCEL_DATE
        return cell
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    _as_text(cell)
    return cell


def xlsx_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet's `append`, each cell through `xlsx_cell`."""
    return [xlsx_cell(ws, v) for v in values]


def xlsx_set(cell: Cell | WriteOnlyCell, value: Any) -> Any:
    """Put `value` into an existing cell (a normal sheet's `ws.cell(...)`, a styled write-only cell)."""
    cell.value = value
    if is_formula_like(value):
        _as_text(cell)
    return cell


def _as_text(cell: Cell | WriteOnlyCell) -> None:
    cell.data_type = "s"  # openpyxl made it "f" because it starts with "="
    cell.quotePrefix = True  # Excel's "this is text": editing the cell does not evaluate it


class SafeCsvWriter:
    """`csv.writer` whose rows go through `safe_cell`: the one way exports write CSV."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Sequence[Any]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def xlsx_text_only(wb: Any) -> None:
    """Before saving a (normal, not write-only) workbook we built: no cell of it evaluates user text.

    Our templates carry no formulas of their own (drop-downs and checks are data validations), so any
    formula-like cell came from a name or label someone typed.
    """
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    _as_text(cell)
