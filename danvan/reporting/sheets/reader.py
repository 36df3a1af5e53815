"""Reading an uploaded report file: its meta sheet, its rows (within the import limits), its units."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from danvan.core.errors import DomainError
from danvan.documents.models import ImportJob
from danvan.documents.workbook import open_workbook, present, read_rows
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can
from danvan.reporting.periods import form_levels
from danvan.reporting.sheets.layout import (
    CHUNK,
    CODE_WIDTHS,
    FIRST_DATA_ROW,
    FIXED_KEYS,
    KEY_ROW,
    META_SHEET,
    REPORT_SHEET,
    SheetTarget,
)


def not_a_template() -> DomainError:
    return DomainError(
        _(
            "This is not a report template from DanVan, or its hidden rows were removed. Download the template "
            "again and copy your figures into it."
        ),
        code="not_a_template",
    )


def read_file(job: ImportJob) -> tuple[dict[str, str], list[tuple[int, tuple[Any, ...]]]]:
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
                raise not_a_template()
            meta = {}
            for values in wb[META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
                if values and values[0] is not None:
                    meta[str(values[0]).strip()] = str(values[1] if len(values) > 1 and values[1] is not None else "")
            return meta, list(read_rows(wb[REPORT_SHEET], first_data_row=FIRST_DATA_ROW, skip_before=KEY_ROW))
        finally:
            wb.close()


def key_layout(target: SheetTarget, key_row: tuple[Any, ...]) -> dict[str, int]:
    """{column key: index} from the hidden key row, which must hold exactly the template's keys."""
    expected = [*FIXED_KEYS, *(c.key for c in target.columns)]
    found: dict[str, int] = {}
    for index, raw in enumerate(key_row):
        if not present(raw):
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
            raise not_a_template()
        raise DomainError(
            _(
                "Some columns of the template are missing or its header rows were changed: download the template "
                "again for this form and copy your figures into it."
            ),
            code="bad_header",
        )
    return found


class UnitReader:
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
