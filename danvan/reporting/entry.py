"""Reads for the data-entry grid and the review pages: the grid's rows, a report's history, who may do what.

Every function takes the acting user and starts from `org.access` or from `reporting.selectors`
(which do); the views only arrange what these return. The grid's rows join four reads a paper
form shows side by side: what the form asks, what is typed, what the records already count and
what the same unit reported for the period before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.core.numbers import format_number
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can, may_anywhere, review_filter, units_where
from danvan.org.models import AuditEvent
from danvan.reporting import selectors
from danvan.reporting.computed import source_keys
from danvan.reporting.models import DataValue, Indicator, Submission
from danvan.reporting.periods import period_previous
from danvan.reporting.services import cell_name

UNIT_CHOICES_LIMIT = 200
TRANSITIONS = ("submit", "approve", "return", "reopen")


def input_name(code: str, category: str = "") -> str:
    """The grid's input name for a cell: "v:<indicator code>:<category>"."""
    return f"v:{code}:{category}"


@dataclass
class GridCell:
    code: str
    category: str
    label: str  # the category's label, "" for a single cell
    value: str = ""  # as shown in the input: what is saved, or what the user typed
    previous: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return input_name(self.code, self.category)

    @property
    def key(self) -> str:
        """The service's name for the cell ("code" or "code.category"), as in `CellErrors.by_cell()`."""
        return cell_name(self.code, self.category)

    @property
    def id(self) -> str:
        return f"cell-{self.code}-{self.category}" if self.category else f"cell-{self.code}"


@dataclass
class GridRow:
    indicator: Indicator
    cells: list[GridCell]  # typed cells; none when the figure is only computed
    computed: str | None = None  # the records' part, read-only (None: nothing is computed)
    computed_parts: list[tuple[str, str]] = field(default_factory=list)  # per category, for a breakdown
    total: str = ""  # a breakdown's saved total
    previous: str = ""  # the previous period's typed total
    errors: list[str] = field(default_factory=list)  # problems of the row as a whole (a rule between totals)

    @property
    def breakdown(self) -> bool:
        return len(self.cells) > 1 or bool(self.computed_parts)


@dataclass
class Grid:
    rows: list[GridRow]
    previous_period: str  # its code, "" when there is none


def grid_rows(
    *,
    user: Any,
    submission: Submission,
    typed: dict[tuple[str, str], str] | None = None,
    errors: dict[str, list[str]] | None = None,
    warnings: dict[str, list[str]] | None = None,
) -> Grid:
    """One row per indicator of the form, with what is saved (or `typed`, after a refused save).

    `errors` and `warnings` are keyed by the service's cell names. The records' part is the roll-up
    of the report's own unit counting the records alone, so a "both" indicator shows beside its
    input what the records already give.
    """
    if not can(user, Action.VIEW, submission.unit, submission.organization):
        raise NotFound(_("This report does not exist or is not yours to see."))
    errors, warnings = errors or {}, warnings or {}
    indicators = selectors.form_indicators(submission.form)
    saved = {(v.indicator_id, v.category): v.value for v in submission.values.all()}
    previous: dict[tuple[int, str], Decimal] = {}
    prev = period_previous(submission.period)
    if prev is not None and prev.pk is not None:  # a previous period nobody reported has no values
        previous = {
            (i, c): v
            for i, c, v in DataValue.objects.filter(
                unit=submission.unit,
                organization=submission.organization,
                period=prev,
                indicator__in=[i.pk for i in indicators],
            ).values_list("indicator_id", "category", "value")
        }
    sources = set(source_keys())
    computed = [i for i in indicators if i.source != Indicator.Source.ENTERED and i.record_key in sources]
    records = _records_read(user, submission, computed)
    rows = []
    for indicator in indicators:
        row = GridRow(indicator=indicator, cells=[])
        categories = indicator.categories
        if indicator.entered:
            for category, label in categories or [("", "")]:
                cell = GridCell(indicator.code, category, str(label))
                if typed is not None and (indicator.code, category) in typed:
                    cell.value = typed[(indicator.code, category)]
                else:
                    cell.value = format_number(saved.get((indicator.pk, category)))
                cell.previous = format_number(previous.get((indicator.pk, category)))
                cell.errors = errors.get(cell.key, [])
                cell.warnings = warnings.get(cell.key, [])
                row.cells.append(cell)
            if categories:
                parts = [saved[(indicator.pk, c)] for c, _label in categories if (indicator.pk, c) in saved]
                row.total = format_number(sum(parts, Decimal(0))) if parts else ""
                row.errors = errors.get(cell_name(indicator.code), [])
        mine = [v for (i, _c), v in previous.items() if i == indicator.pk]
        row.previous = format_number(sum(mine, Decimal(0))) if mine else ""
        if indicator.source != Indicator.Source.ENTERED and indicator.record_key not in sources:
            row.computed = "0"  # no installed app counts these records (yet)
        elif indicator.source != Indicator.Source.ENTERED:
            by = "field" if categories and not indicator.entered else None
            try:
                if not isinstance(records, selectors.Rollups):
                    raise records or DomainError(_("Nothing is computed for this report."))
                result = records.get(indicator, submission.period, by=by, records_only=True)
            except DomainError:  # e.g. a grant narrowed to one organisation sees its report, not the area's figures
                rows.append(row)
                continue
            row.computed = format_number(result.value)
            row.computed_parts = [(r.label, format_number(r.value)) for r in result.rows]
        rows.append(row)
    return Grid(rows=rows, previous_period=prev.code if prev is not None else "")


def _records_read(
    user: Any, submission: Submission, computed: list[Indicator]
) -> selectors.Rollups | DomainError | None:
    """What the records give for every computed indicator of the form, in one read (not one per indicator)."""
    if not computed:
        return None
    try:
        return selectors.rollups_bulk(
            user=user,
            unit=submission.unit,
            indicators=computed,
            periods=[submission.period],
            typed=False,
        )
    except DomainError as exc:
        return exc


def cells_of_post(data: Any) -> dict[tuple[str, str], str]:
    """{(indicator code, category): text} from the grid's inputs "v:<code>:<category>"."""
    out = {}
    for key in data:
        if not key.startswith("v:"):
            continue
        _v, code, category = [*key.split(":", 2), ""][:3]
        if code:
            out[(code[:60], category[:40])] = str(data.get(key, ""))[:60]
    return out


# --- who may do what ------------------------------------------------------------------------------


@dataclass
class Permissions:
    edit: bool  # type values now
    submit: bool
    review: bool  # approve or return
    reopen: bool


def permissions(*, user: Any, submission: Submission) -> Permissions:
    """Which buttons to show; the services check again when one is pressed."""
    Status = Submission.Status
    reporter = can(user, Action.REPORT, submission.unit, submission.organization)
    reviewer = can(user, Action.REVIEW, submission.unit, submission.organization, above=True)
    return Permissions(
        edit=reporter and submission.editable,
        submit=reporter and submission.editable,
        review=reviewer and submission.status == Status.SUBMITTED,
        reopen=reviewer and submission.status == Status.APPROVED,
    )


def may_review_somewhere(user: Any) -> bool:
    return may_anywhere(user, Action.REVIEW)


def reopenable_list(*, user: Any) -> QuerySet[Submission]:
    """Approved reports the user may reopen with a reason: the same reviewers as the queue's."""
    qs = Submission.objects.select_related("form", "unit", "period", "organization", "submitted_by", "reviewed_by")
    return review_filter(qs, user, unit_field="unit", org_field="organization").filter(
        status=Submission.Status.APPROVED
    )


def report_units(*, user: Any, levels: list[str], q: str = "") -> list[AdminUnit]:
    """Units where the user may report, at the given levels: what the "open a report" picker offers."""
    from danvan.geo.selectors import unit_search

    qs = units_where(user, Action.REPORT).filter(level__in=levels).select_related("parent")
    if q:
        qs = unit_search(qs, q)
    return list(qs.order_by("-era_id", "path")[:UNIT_CHOICES_LIMIT])


# --- history --------------------------------------------------------------------------------------

VERBS = {
    "report.open": "opened",
    "report.values": "values",
    "report.submit": "submitted",
    "report.approve": "approved",
    "report.return": "returned",
    "report.reopen": "reopened",
}


@dataclass
class HistoryEntry:
    event: AuditEvent
    kind: str  # one of VERBS' values, or the raw verb
    reason: str = ""
    changes: list[dict[str, str]] = field(default_factory=list)  # {"label", "old", "new"}


def submission_history(*, user: Any, submission: Submission) -> list[HistoryEntry]:
    """The report's audit rows, newest first, with the changed cells named as on the grid."""
    if not can(user, Action.VIEW, submission.unit, submission.organization):
        raise NotFound(_("This report does not exist or is not yours to see."))
    events = AuditEvent.objects.filter(target_type="reporting.submission", target_id=str(submission.pk))
    labels: dict[str, str] = {}
    for indicator in selectors.form_indicators(submission.form):
        labels[indicator.code] = indicator.label
        for category, label in indicator.categories:
            labels[cell_name(indicator.code, category)] = f"{indicator.label} — {label}"
    out = []
    for event in events.select_related("actor").order_by("-at", "-pk"):
        data = event.data or {}
        entry = HistoryEntry(event=event, kind=VERBS.get(event.verb, event.verb), reason=str(data.get("reason", "")))
        for change in data.get("changes") or []:
            cell = str(change.get("cell", ""))
            entry.changes.append(
                {
                    "label": labels.get(cell, cell),
                    "old": _number_text(change.get("old")),
                    "new": _number_text(change.get("new")),
                }
            )
        out.append(entry)
    return out


def _number_text(raw: Any) -> str:
    if raw is None:
        return ""
    try:
        return format_number(Decimal(str(raw)))
    except ArithmeticError:
        return str(raw)
