"""What the reporting writes share: the cell problems they raise, a cell's name, a report's due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.reporting.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    Indicator,
    Period,
    ReportForm,
    Submission,
    ValidationRule,
)

MAX_VALUE = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES) - 1
Status = Submission.Status


@dataclass
class CellProblem:
    indicator: str  # code
    category: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"indicator": self.indicator, "category": self.category, "message": self.message}


class CellErrors(DomainError):
    """Some cells are wrong; nothing was saved. `errors` names each one."""

    def __init__(self, errors: list[CellProblem]) -> None:
        first = errors[0].message if errors else ""
        message = (
            first
            if len(errors) == 1
            else _("%(count)d cells need correcting; nothing was saved.") % {"count": len(errors)}
        )
        super().__init__(message, code="invalid_values")
        self.errors = errors

    def by_cell(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(cell_name(e.indicator, e.category), []).append(e.message)
        return out


@dataclass
class SaveResult:
    saved: int = 0
    deleted: int = 0
    warnings: list[CellProblem] = field(default_factory=list)


def cell_name(indicator: str, category: str = "") -> str:
    return f"{indicator}.{category}" if category else indicator


def due_date(form: ReportForm, period: Period) -> date:
    return period.end + timedelta(days=form.deadline_days)


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _rule_problems(
    indicators: dict[str, Indicator],
    values: dict[tuple[str, str], Decimal | None],
    *,
    only_touched: set[tuple[str, str]] | None = None,
) -> list[CellProblem]:
    """Cross-field rules between totals (a breakdown's total is the sum of its categories)."""
    totals: dict[str, Decimal] = {}
    for (code, _cat), v in values.items():
        if v is not None:
            totals[code] = totals.get(code, Decimal(0)) + v
    touched = {code for code, _cat in only_touched} if only_touched is not None else None
    ids = {i.pk: i for i in indicators.values()}
    problems = []
    rules = ValidationRule.objects.filter(active=True, left_id__in=ids, right_id__in=ids)
    for rule in rules:
        left, right = ids[rule.left_id], ids[rule.right_id]
        if left.code not in totals or right.code not in totals:
            continue
        if touched is not None and not {left.code, right.code} & touched:
            continue
        a, b = totals[left.code], totals[right.code]
        ok = {"le": a <= b, "ge": a >= b, "eq": a == b}[rule.operator]
        if not ok:
            problems.append(
                CellProblem(
                    left.code,
                    "",
                    _("“%(left)s” (%(a)s) must be %(op)s “%(right)s” (%(b)s).")
                    % {
                        "left": left.label,
                        "a": _fmt(a),
                        "op": rule.get_operator_display(),
                        "right": right.label,
                        "b": _fmt(b),
                    },
                )
            )
    return problems
