"""Reading a models workbook: which column is which, and what each cell says.

This module checks shape — a date is a date, a number fits its column, a name is one the user
can see — and turns each row into a `bulk.NewInitiative`; what is allowed (scope, the rules of
`initiative_create`) is decided by `danvan.initiatives.bulk`. Every problem is kept, tied to its
row and column, so the uploader can fix the whole file at once. The cells themselves are read by
the import machinery's shared parsers (`documents.importer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.documents.importer import _choices, _date, _decimal, _integer, _keyed, _names, _text
from danvan.documents.models import PolicyDocument
from danvan.documents.workbook import CellError, present
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import unit_list
from danvan.initiatives.bulk import NewInitiative
from danvan.initiatives.models import Field, Kind, ResultMetric, TargetGroup
from danvan.initiatives.services import DETAIL_FIELDS
from danvan.initiatives.sheets import workbook as sheets
from danvan.initiatives.sheets.workbook import Column
from danvan.org.models import Organization
from danvan.org.selectors import organization_list


def models_sheet(wb: Workbook) -> Any:
    if sheets.MODELS_SHEET in wb.sheetnames:
        return wb[sheets.MODELS_SHEET]
    visible = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    return (visible or wb.worksheets)[0]


@dataclass
class ParsedRow:
    """One row as read: the values that read well, and the problems of those that did not."""

    number: int
    errors: list[CellError]
    values: dict[str, Any]  # model fields: name, field, kind, unit, organization, year and the details
    results: dict[str, Any]
    person_name: str
    target_groups: list[TargetGroup]
    policy_documents: list[PolicyDocument]
    failed: set[str] = field(default_factory=set)  # the columns already reported

    def item(self) -> NewInitiative | None:
        """The new model, when every cell read well."""
        v = self.values
        if self.errors or not all(k in v for k in ("name", "field", "unit", "organization", "year")):
            return None
        return NewInitiative(
            name=v["name"],
            field=v["field"],
            unit=v["unit"],
            organization=v["organization"],
            year=v["year"],
            kind=v.get("kind") or Kind.COLLECTIVE,
            person_name=self.person_name,
            details={k: v[k] for k in DETAIL_FIELDS if k in v},
            target_groups=self.target_groups,
            policy_documents=self.policy_documents,
            results=self.results,
        )


@dataclass
class Layout:
    """Which column of the file holds which of our columns, and where the data starts."""

    by_index: dict[int, Column] = field(default_factory=dict)
    first_data_row: int = sheets.HEADER_ROWS + 1
    errors: list[CellError] = field(default_factory=list)


class Reader:
    """Turns the rows of one file into new models for `user`, collecting every problem."""

    def __init__(self, user: Any, *, language: str) -> None:
        self.user = user
        self.language = language
        self.metrics = list(ResultMetric.objects.order_by("code"))
        self.columns = sheets.columns(with_status=True, metrics=self.metrics)
        self._units: dict[tuple[str, str], AdminUnit] | None = None
        self._orgs: dict[str, list[Organization]] | None = None
        self._groups = _keyed(TargetGroup.objects.all(), lambda g: (g.name, g.name_en, g.code))
        docs = list(PolicyDocument.objects.all())
        labels = sheets.document_labels(docs)
        self._documents = _keyed(docs, lambda d: (d.number, labels[d.pk], f"{d.number} ({d.issuer})"))
        self._fields = _choices(Field)
        self._kinds = _choices(Kind)

    # --- the header rows
    def layout(self, rows: list[tuple[int, tuple[Any, ...]]]) -> Layout:
        layout = Layout()
        known = {key: col for col in self.columns for key in col.header_keys()}
        header_row = rows[0] if rows else (1, ())
        if header_row[0] != 1:
            layout.errors.append(CellError(1, "A", "", _("Row 1 must hold the headers of the template.")))
            return layout
        seen: dict[str, int] = {}
        for index, raw in enumerate(header_row[1]):
            if not present(raw):
                continue
            col = known.get(sheets.header_key(raw))
            letter = get_column_letter(index + 1)
            if col is None:
                layout.errors.append(
                    CellError(
                        1,
                        letter,
                        str(raw),
                        _("Unknown column “%(header)s”: use the headers of the template.") % {"header": raw},
                    )
                )
            elif col.key in seen:
                layout.errors.append(
                    CellError(
                        1,
                        letter,
                        str(raw),
                        _("This column repeats column %(other)s.") % {"other": get_column_letter(seen[col.key] + 1)},
                    )
                )
            else:
                seen[col.key] = index
                layout.by_index[index] = col
        for col in self.columns:
            if col.required and col.key not in seen:
                layout.errors.append(
                    CellError(
                        1,
                        "",
                        self.header(col),
                        _("The required column “%(header)s” is missing.") % {"header": self.header(col)},
                    )
                )
        # row 2 holds the English headers in the template; a file may have dropped it
        if len(rows) > 1 and rows[1][0] == 2:
            second = rows[1][1]
            if any(present(v) and sheets.header_key(v) in known for v in second):
                layout.first_data_row = 3
            else:
                layout.first_data_row = 2
        return layout

    def header(self, col: Column) -> str:
        return col.header(self.language).rstrip(" *")

    # --- the data rows
    def parse(self, number: int, values: tuple[Any, ...], layout: Layout) -> ParsedRow:
        errors: list[CellError] = []
        cells: dict[str, Any] = {}
        letters: dict[str, str] = {}
        for index, col in layout.by_index.items():
            cells[col.key] = values[index] if index < len(values) else None
            letters[col.key] = get_column_letter(index + 1)
        by_key = {c.key: c for c in self.columns}

        failed: set[str] = set()

        def fail(key: str, message: str) -> None:
            failed.add(key)
            col = by_key.get(key)
            header = self.header(col) if col else key
            errors.append(CellError(number, letters.get(key, ""), header, message))

        parsed: dict[str, Any] = {}
        for key, value in cells.items():
            col = by_key[key]
            if not present(value):
                if col.required:
                    fail(key, _("This cell is required."))
                continue
            try:
                parsed[key] = self._value(col, value)
            except DomainError as exc:
                fail(key, exc.message)
        unit: AdminUnit | None = parsed.get("unit")
        if "organization" in parsed:
            try:
                parsed["organization"] = self._organization(parsed["organization"], unit)
            except DomainError as exc:
                fail("organization", exc.message)
                del parsed["organization"]
        if "kind" not in parsed and "kind" not in failed:  # an empty kind: collective, as on the form
            parsed["kind"] = Kind.COLLECTIVE
        return ParsedRow(
            number=number,
            errors=errors,
            values={
                k: parsed[k]
                for k in ("name", "field", "kind", "unit", "organization", "year", *DETAIL_FIELDS)
                if k in parsed
            },
            results={k.removeprefix("result:"): v for k, v in parsed.items() if k.startswith("result:")},
            person_name=parsed.get("person") or "",
            target_groups=parsed.get("target_groups") or [],
            policy_documents=parsed.get("policy_documents") or [],
            failed=failed,
        )

    def error_for(self, number: int, layout: Layout, key: str, message: str) -> CellError:
        """A problem found later (by the rules), placed at its column."""
        letters = {col.key: get_column_letter(index + 1) for index, col in layout.by_index.items()}
        col = next((c for c in self.columns if c.key == key), None)
        if col is None or key not in letters:  # e.g. a rule about a column the file left out
            col = next(c for c in self.columns if c.key == "name")
        return CellError(number, letters.get(col.key, ""), self.header(col), message)

    # --- one cell
    def _value(self, col: Column, value: Any) -> Any:
        kind = col.kind
        if kind == sheets.TEXT:
            text = _text(value)
            if col.max_length and len(text) > col.max_length:
                raise DomainError(
                    _("At most %(limit)d characters (this has %(count)d).")
                    % {"limit": col.max_length, "count": len(text)}
                )
            return text
        if kind == sheets.CHOICE:
            table = self._fields if col.key == "field" else self._kinds
            found = table.get(fold(_text(value)))
            if found is None:
                raise DomainError(_("“%(value)s” is not in the list.") % {"value": _text(value)})
            return found
        if kind == sheets.INTEGER:
            number = _integer(value)
            limit = sheets.INTEGER_LIMITS.get(col.key, 32_767)  # the year: its rule is the services' to give
            if abs(number) > limit:
                raise DomainError(_("This number is too large."))
            return number
        if kind == sheets.DATE:
            return _date(value)
        if kind == sheets.DECIMAL:
            return _decimal(value, integer=bool(col.metric and col.metric.integer))
        if kind == sheets.UNIT:
            return self._unit(value)
        if kind == sheets.ORGANIZATION:
            return _text(value)
        if kind == sheets.NAMES:
            table = self._groups if col.key == "target_groups" else self._documents
            return _names(_text(value), table)
        raise AssertionError(kind)  # pragma: no cover

    def _unit(self, value: Any) -> AdminUnit:
        text = _text(value)
        head = re.split(r"\s[–—-]\s|[–—]", text, maxsplit=1)[0].strip()
        era, slash, code = head.partition("/")
        era, code = era.strip(), code.strip()
        if not slash or not era or not code or " " in code:
            raise DomainError(_("Write the unit as era/code, e.g. 2024/06823, or choose it from the list."))
        if self._units is None:
            self._units = {
                (u.era_id, u.code): u for u in unit_list(user=self.user).only("id", "era_id", "code", "name", "path")
            }
        unit = self._units.get((era, code))
        if unit is None:
            raise DomainError(_("No administrative unit %(code)s in era %(era)s.") % {"code": code, "era": era})
        return unit

    def _organization(self, name: str, unit: AdminUnit | None) -> Organization:
        if self._orgs is None:
            self._orgs = {}
            for org in organization_list(user=self.user):
                self._orgs.setdefault(fold(org.name), []).append(org)
        found = self._orgs.get(fold(name), [])
        if not found:
            raise DomainError(_("No organisation called “%(name)s” in your scope.") % {"name": name})
        if len(found) == 1:
            return found[0]
        # the same name in several places: the one nearest above the model's unit
        above = [o for o in found if unit is not None and unit.path.startswith(o.unit.path)]
        above.sort(key=lambda o: len(o.unit.path), reverse=True)
        if above and (len(above) == 1 or len(above[0].unit.path) > len(above[1].unit.path)):
            return above[0]
        raise DomainError(
            _("Several organisations are called “%(name)s”; none of them is the nearest above this unit.")
            % {"name": name}
        )
