"""The models workbook: one column list shared by the registration template, the export and the import.

Row 1 holds the Vietnamese headers and row 2 the English ones, whatever the interface language,
so a file downloaded in one language imports in the other; required columns end with " *".
Values in the dropdowns (field, kind) are written in the downloader's language and read back in
either language or as codes. The sheet names are fixed: "Mô hình" (the models), "Hướng dẫn"
(instructions) and a hidden "Danh mục" (the lists the dropdowns point at by range, since a
national administrator's list of units runs to thousands).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.text import capfirst
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.cells import xlsx_row
from danvan.core.numbers import format_number
from danvan.core.text import fold
from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Field, Initiative, Kind, ResultMetric, Status, TargetGroup
from danvan.initiatives.services import DETAIL_FIELDS

MODELS_SHEET = "Mô hình"
LISTS_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
HEADER_ROWS = 2  # Vietnamese, then English
LAST_ROW = 1_048_576  # dropdowns cover the whole column: rows added later get them too
LIST_SEPARATOR = "; "  # target groups and documents; the import also accepts commas

TEXT, CHOICE, INTEGER, DATE, DECIMAL, NAMES, UNIT, ORGANIZATION = (
    "text",
    "choice",
    "integer",
    "date",
    "decimal",
    "names",
    "unit",
    "organization",
)
INTEGER_LIMITS = {
    "money_vnd": 9_223_372_036_854_775_807,
    "social_contributions_vnd": 9_223_372_036_854_775_807,
    "workdays": 2_147_483_647,
}


@dataclass(frozen=True)
class Column:
    key: str  # "name", "field", …, "result:<metric code>", "status"
    label: Any  # English source string, lazily translated
    kind: str
    required: bool = False
    width: int = 24
    max_length: int | None = None
    help: Any = ""
    metric: ResultMetric | None = None

    def header(self, language: str) -> str:
        """The header as written in row 1 ("vi") or row 2 ("en")."""
        with override(language):
            if self.metric is not None:
                name = self.metric.name_en if language == "en" and self.metric.name_en else self.metric.name
                if self.metric.unit_label:
                    name = f"{name} ({self.metric.unit_label})"
                text = gettext("Result: %(metric)s") % {"metric": name}
            else:
                text = capfirst(str(self.label))
        return text + (" *" if self.required else "")

    def header_keys(self) -> set[str]:
        """Every spelling of this header the import recognises."""
        return {header_key(self.header("vi")), header_key(self.header("en")), header_key(self.key)}


def header_key(text: Any) -> str:
    return fold(str(text or "")).rstrip("*").strip()


def _detail_column(name: str) -> Column:
    verbose = Initiative._meta.get_field(name).verbose_name
    kind = INTEGER if name in INTEGER_LIMITS else DATE if name.endswith("_date") else TEXT
    width = 16 if kind != TEXT else 40
    helps = {
        INTEGER: _("A whole number, not negative."),
        DATE: _("A date: dd/mm/yyyy."),
        TEXT: _("Free text."),
    }
    return Column(name, verbose, kind, width=width, help=helps[kind])


def columns(*, with_status: bool = False, metrics: Iterable[ResultMetric] | None = None) -> list[Column]:
    """The columns, in order: the template's, then `status` in an export."""
    cols = [
        Column("name", _("name of the model"), TEXT, required=True, width=40, max_length=300, help=_("Free text.")),
        Column("field", _("field"), CHOICE, required=True, width=22, help=_("Choose from the list.")),
        Column("kind", _("kind"), CHOICE, width=14, help=_("Choose from the list; empty means collective.")),
        Column(
            "person",
            _("person (individual models: full name)"),
            TEXT,
            width=24,
            max_length=150,
            help=_(
                "Required for an individual model. A person of that name in the owning organisation is used; "
                "if there is none, one is added to it."
            ),
        ),
        Column(
            "organization",
            _("owning organisation"),
            ORGANIZATION,
            required=True,
            width=36,
            help=_("Choose from the list: an organisation in your scope, by its name."),
        ),
        Column(
            "unit",
            _("administrative unit"),
            UNIT,
            required=True,
            width=36,
            help=_("Choose from the list, or write era/code, e.g. 2024/06823."),
        ),
        Column("year", _("registration year"), INTEGER, required=True, width=12, help=_("A year, e.g. 2024.")),
        Column(
            "target_groups",
            _("target groups"),
            NAMES,
            width=30,
            help=_("Names from the list, separated by semicolons or commas."),
        ),
        Column(
            "policy_documents",
            _("policy documents"),
            NAMES,
            width=22,
            help=_(
                "Document numbers, e.g. 25-NQ/TW, separated by semicolons or commas; where two issuers use the "
                "same number, add the issuer in brackets as in the list."
            ),
        ),
        *(_detail_column(name) for name in DETAIL_FIELDS),
    ]
    for metric in metrics if metrics is not None else ResultMetric.objects.order_by("code"):
        help_text = _("A whole number, not negative.") if metric.integer else _("A number, not negative.")
        cols.append(Column(f"result:{metric.code}", metric.name, DECIMAL, width=16, help=help_text, metric=metric))
    if with_status:
        cols.append(
            Column(
                "status",
                _("status"),
                TEXT,
                width=14,
                help=_("Exports only: ignored on import (models start as drafts)."),
            )
        )
    return cols


def unit_label(unit: AdminUnit) -> str:
    """ "2024/06823 – Phường Nam Khê": the import reads only the part before the dash."""
    return f"{unit.era_id}/{unit.code} – {unit.name}"


def choice_label(choices: Any, value: str) -> str:
    return capfirst(str(choices(value).label))


def document_labels(documents: Iterable[PolicyDocument]) -> dict[int, str]:
    """Each document's number, with its issuer in brackets where another document shares the number."""
    docs = list(documents)
    count: dict[str, int] = {}
    for doc in docs:
        count[fold(doc.number)] = count.get(fold(doc.number), 0) + 1
    return {d.pk: d.number if count[fold(d.number)] == 1 else f"{d.number} ({d.issuer})" for d in docs}


@dataclass
class Lists:
    """What the dropdowns and the reference columns offer to this user."""

    units: list[str]
    organizations: list[str]
    target_groups: list[str]
    documents: list[str]


def _localized(obj: Any) -> str:
    from danvan.core.templatetags.danvan import localized_name

    return localized_name(obj)


def _header_cells(ws: Any, cols: list[Column]) -> Iterator[list[WriteOnlyCell]]:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FBECEB")
    soft = Font(italic=True, color="55606C")
    wrap = Alignment(wrap_text=True, vertical="top")
    for language, font in (("vi", bold), ("en", soft)):
        row = []
        for col in cols:
            cell = WriteOnlyCell(ws, value=col.header(language))
            cell.font = font
            cell.alignment = wrap
            if language == "vi":
                cell.fill = fill
            row.append(cell)
        yield row


def _lists_sheet(wb: Workbook, lists: Lists) -> dict[str, str]:
    """Write the hidden list sheet; return the range each list lives in (empty lists have none)."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    with override("vi"):
        headers = [
            gettext("Administrative units"),
            gettext("Organisations"),
            gettext("Fields"),
            gettext("Kinds"),
            gettext("Target groups"),
            gettext("Policy documents"),
        ]
    columns_ = [
        lists.units,
        lists.organizations,
        [choice_label(Field, v) for v in Field.values],
        [choice_label(Kind, v) for v in Kind.values],
        lists.target_groups,
        lists.documents,
    ]
    ws.append(headers)
    longest = max(len(c) for c in columns_)
    for i in range(longest):
        ws.append(xlsx_row(ws, [c[i] if i < len(c) else None for c in columns_]))
    ranges = {}
    for key, index in (("unit", 0), ("organization", 1), ("field", 2), ("kind", 3)):
        n = len(columns_[index])
        if n:
            letter = get_column_letter(index + 1)
            ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${n + 1}"
    return ranges


def _dropdowns(ws: Any, cols: list[Column], ranges: dict[str, str]) -> None:
    first = HEADER_ROWS + 1
    for index, col in enumerate(cols, start=1):
        if col.key not in ranges:
            continue
        letter = get_column_letter(index)
        dv = DataValidation(
            type="list",
            formula1=ranges[col.key],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=gettext("Not in the list"),
            error=gettext("Choose a value from the list."),
        )
        dv.add(f"{letter}{first}:{letter}{LAST_ROW}")
        ws.data_validations.append(dv)


def _help_sheet(wb: Workbook, cols: list[Column], limit_rows: int) -> None:
    ws = wb.create_sheet(HELP_SHEET)
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 90
    title = WriteOnlyCell(ws, value=gettext("Registering models from Excel"))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    for line in (
        gettext("Fill in one row per model on the sheet “%(sheet)s”, from row 3 on.") % {"sheet": MODELS_SHEET},
        gettext(
            "Keep the two header rows: row 1 in Vietnamese, row 2 in English. Columns may be left out, "
            "except the required ones (marked *)."
        ),
        gettext(
            "Every problem is listed with its row and column, and if any row has a problem, nothing is saved: "
            "correct the file and upload it again."
        ),
        gettext(
            "Imported models start as drafts; register them from the list when they are ready. Importing a file "
            "again creates the models again."
        ),
        gettext("At most %(rows)s rows per file.") % {"rows": format_number(limit_rows)},
    ):
        ws.append([None, line])
    ws.append([])
    bold = Font(bold=True)
    heads = [gettext("Column"), gettext("Header"), gettext("Required"), gettext("What to write")]
    row = []
    for text in heads:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        row.append(cell)
    ws.append(row)
    for index, col in enumerate(cols, start=1):
        ws.append(
            xlsx_row(
                ws,
                [
                    get_column_letter(index),
                    col.header(str(_current_language())).rstrip(" *"),
                    gettext("yes") if col.required else "",
                    str(col.help),
                ],
            )
        )


def _current_language() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "").startswith("en") else "vi"


def write_workbook(
    out: IO[bytes],
    *,
    lists: Lists,
    rows: Iterable[list[Any]] = (),
    with_status: bool = False,
    metrics: list[ResultMetric] | None = None,
    limit_rows: int = 50_000,
) -> None:
    """The template (no rows) or an export: the models sheet, the instructions and the hidden lists.

    Write-only mode: rows go straight to the file, so tens of thousands of models fit in little memory.
    """
    cols = columns(with_status=with_status, metrics=metrics)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(MODELS_SHEET)
    for index, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width
    ws.freeze_panes = f"B{HEADER_ROWS + 1}"
    _help_sheet(wb, cols, limit_rows)
    ranges = _lists_sheet(wb, lists)
    _dropdowns(ws, cols, ranges)
    for header in _header_cells(ws, cols):
        ws.append(header)
    for row in rows:
        ws.append(xlsx_row(ws, row))  # a model's name is text, never a formula (core.cells)
    wb.save(out)


def export_row(initiative: Initiative, cols: list[Column], documents: dict[int, str]) -> list[Any]:
    """One model as the columns of the sheet (its relations prefetched)."""
    results = {r.metric_id: r.value for r in initiative.results.all()}
    out: list[Any] = []
    for col in cols:
        key = col.key
        if key == "field":
            out.append(choice_label(Field, initiative.field))
        elif key == "kind":
            out.append(choice_label(Kind, initiative.kind))
        elif key == "status":
            out.append(choice_label(Status, initiative.status))
        elif key == "person":
            out.append(initiative.person.full_name if initiative.person_id else None)  # type: ignore[union-attr]
        elif key == "organization":
            out.append(initiative.organization.name)
        elif key == "unit":
            out.append(unit_label(initiative.unit))
        elif key == "target_groups":
            out.append(LIST_SEPARATOR.join(_localized(g) for g in initiative.target_groups.all()) or None)
        elif key == "policy_documents":
            labels = [documents.get(d.pk, d.number) for d in initiative.policy_documents.all()]
            out.append(LIST_SEPARATOR.join(labels) or None)
        elif col.metric is not None:
            value = results.get(col.metric.code)
            out.append(None if value is None else int(value) if value == value.to_integral_value() else value)
        else:
            value = getattr(initiative, key)
            out.append(value if value not in ("",) else None)
    return out


def target_group_names(groups: Iterable[TargetGroup]) -> list[str]:
    return [_localized(g) for g in groups]
