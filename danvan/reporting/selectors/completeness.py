"""Who should report on a form for a period, and who has: the one completeness every page and export reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from danvan.geo.models import AdminUnit
from danvan.reporting.models import (
    Period,
    ReportForm,
    Submission,
)
from danvan.reporting.selectors.rollups import rollup_scope_check


def expected_reporters(
    *, form: ReportForm, unit: AdminUnit | None, era: str, period: Period | None = None
) -> QuerySet[AdminUnit]:
    """Units of the form's levels inside `unit` (or the nation) on `era`'s map: who should report.

    With a period, only the levels the period's own map has: no district reports for 2026 (the
    districts ended on 1 July 2025), while today's communes may still report for 2024.
    """
    levels = list(form.levels or [])
    if period is not None:
        from danvan.reporting.periods import form_levels

        levels = form_levels(form, period)
    qs = AdminUnit.objects.filter(era_id=era, level__in=levels)
    if unit is not None:
        qs = qs.filter(path__prefix=unit.path)
    return qs.order_by("path")


COMPLETENESS_SHOWS = ("", "missing", "late")


@dataclass
class Completeness:
    """Who should report on a form for a period: every row, the counts over all of them, and the rows
    `show` keeps ("" all, "missing", "late"). The one completeness: dashboards, lists and exports read it."""

    all_rows: list[dict[str, Any]]
    due: date | None
    show: str = ""

    @property
    def rows(self) -> list[dict[str, Any]]:
        if self.show == "missing":
            return [r for r in self.all_rows if not r["reported"]]
        if self.show == "late":
            return [r for r in self.all_rows if r["late"]]
        return self.all_rows

    @property
    def expected(self) -> int:
        return len(self.all_rows)

    @property
    def reported(self) -> int:
        return sum(1 for r in self.all_rows if r["reported"])

    @property
    def late(self) -> int:
        return sum(1 for r in self.all_rows if r["late"])

    @property
    def missing(self) -> int:
        return self.expected - self.reported


def completeness(
    *,
    user: Any,
    form: ReportForm,
    period: Period,
    unit: AdminUnit | None,
    era: str,
    today: date | None = None,
    show: str = "",
) -> Completeness:
    """Every unit that should report, with its report's status and whether it is late (by the local date)."""
    from django.utils import timezone

    from danvan.reporting.services import due_date

    rollup_scope_check(user=user, unit=unit)
    today = today or timezone.localdate()
    units = list(expected_reporters(form=form, unit=unit, era=era, period=period).select_related("parent"))
    subs = (
        {
            s.unit_id: s
            for s in Submission.objects.filter(form=form, period=period, unit__in=[u.pk for u in units]).order_by("pk")
        }
        if period.pk is not None
        else {}
    )
    due = due_date(form, period)
    out = []
    for u in units:
        s = subs.get(u.pk)
        status = s.status if s else None
        reported = status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED)
        sent = timezone.localtime(s.submitted_at).date() if s is not None and s.submitted_at is not None else None
        late = (not reported and today > due) or (reported and sent is not None and sent > due)
        out.append({"unit": u, "submission": s, "status": status, "reported": reported, "late": late, "due": due})
    return Completeness(out, due if out else None, show)
