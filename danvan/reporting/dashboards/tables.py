"""The selected indicator's tables: its trend, the children compared with last year, the breakdown
by field, and every indicator per child (the exports' drill-down)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.utils.text import capfirst

from danvan.core.errors import DomainError, NotFound
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can
from danvan.reporting import selectors
from danvan.reporting.dashboards.figures import HUNDRED, change, indicator_number, percent
from danvan.reporting.dashboards.reads import PageRollups, page_rollups
from danvan.reporting.dashboards.selection import Selection, require
from danvan.reporting.models import Indicator, Period
from danvan.reporting.selectors import Rollup


def trend(*, user: Any, sel: Selection, rollups: PageRollups | None = None) -> Rollup | None:
    """The selected indicator over the last five years up to the period (or over the phase asked for)."""
    indicator = require(sel.indicator)
    page = rollups or page_rollups(user=user, sel=sel, indicators=[indicator], by=())
    if page.phase is None:
        return None
    try:
        return page.get(indicator, page.phase, by="period")
    except NotFound:
        raise
    except DomainError:
        return None


@dataclass
class ChildRow:
    unit: AdminUnit
    value: Decimal
    count: int
    last_value: Decimal
    last_count: int
    indicator: Indicator
    share: Decimal | None = None  # % of the area's total
    link: bool = True

    @property
    def change(self) -> Decimal | None:
        return change(self.value, self.count, self.last_value, self.last_count)

    @property
    def shown(self) -> str:
        return indicator_number(self.value, self.indicator) if self.count else ""

    @property
    def shown_last(self) -> str:
        return indicator_number(self.last_value, self.indicator) if self.last_count else ""

    @property
    def shown_change(self) -> str:
        return percent(self.change)

    @property
    def shown_share(self) -> str:
        return percent(self.share).lstrip("+±") if self.share is not None else ""


def child_lines(rows: list[ChildRow]) -> list[dict[str, Any]]:
    """The drill-down's rows as the page writes them, each figure formatted once (a province: 54 rows)."""
    return [
        {
            "code": r.unit.code,
            "code_q": quote(r.unit.code, safe="/"),
            "name": r.unit.name,
            "link": r.link,
            "count": r.count,
            "shown": r.shown,
            "last_count": r.last_count,
            "last": r.shown_last,
            "change": r.shown_change,
            "share": r.shown_share,
        }
        for r in rows
    ]


@dataclass
class Comparison:
    """The selected indicator for every child, this period and the same period last year."""

    now: Rollup | None
    before: Rollup | None
    rows: list[ChildRow]
    last_period: Period | None
    problem: str = ""


def compare_children(*, user: Any, sel: Selection, rollups: PageRollups | None = None) -> Comparison:
    """Two `by="child"` roll-ups, whatever the number of children."""
    indicator = require(sel.indicator)
    last = sel.last_period
    page = rollups or page_rollups(user=user, sel=sel, indicators=[indicator], by=("child",))
    try:
        now = page.get(indicator, sel.period, by="child")
        before = page.get(indicator, last, by="child") if last is not None else None
    except NotFound:
        raise
    except DomainError as exc:
        return Comparison(None, None, [], last, exc.message)
    old = {r.key: r for r in before.rows} if before is not None else {}
    rows = []
    for r in now.rows:
        if r.unit is None:  # by="child" rows are units; only by="period" or "field" rows have none
            continue
        b = old.get(r.key)
        share = r.value / now.value * HUNDRED if now.value and r.count else None
        rows.append(
            ChildRow(
                r.unit,
                r.value,
                r.count,
                b.value if b else Decimal(0),
                b.count if b else 0,
                indicator,
                share,
                link=can(user, Action.VIEW, r.unit),
            )
        )
    return Comparison(now, before, rows, last)


@dataclass
class Breakdown:
    """Indicators broken down by field: a row per field, a column per indicator."""

    indicators: list[Indicator]
    categories: list[tuple[str, str]]
    values: dict[tuple[str, str], tuple[Decimal, int]]  # (indicator code, category) → (Σ, count)
    totals: dict[str, tuple[Decimal, int]]

    def cell(self, indicator: Indicator, category: str) -> str:
        value, _count = self.values.get((indicator.code, category), (Decimal(0), 0))
        return indicator_number(value, indicator)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        return [(label, [self.cell(i, code) for i in self.indicators]) for code, label in self.categories]

    @property
    def total_row(self) -> list[str]:
        return [indicator_number(self.totals[i.code][0], i) for i in self.indicators]


def breakdown(*, user: Any, sel: Selection, rollups: PageRollups | None = None) -> Breakdown | None:
    """Every active indicator with the "field" breakdown, by="field", from the page's roll-ups."""
    page = rollups or page_rollups(user=user, sel=sel, by=("field",))
    chosen = [i for i in page.indicators if i.active and i.breakdown == Indicator.Breakdown.FIELD]
    if sel.indicator is not None and sel.indicator.breakdown == Indicator.Breakdown.FIELD:
        chosen = [sel.indicator] + [i for i in chosen if i.pk != sel.indicator.pk]
    if not chosen:
        return None
    values: dict[tuple[str, str], tuple[Decimal, int]] = {}
    totals: dict[str, tuple[Decimal, int]] = {}
    categories: list[tuple[str, str]] = []
    kept = []
    for indicator in chosen:
        try:
            r = page.get(indicator, sel.period, by="field")
        except NotFound:
            raise
        except DomainError:
            continue
        kept.append(indicator)
        totals[indicator.code] = (r.value, r.count)
        for row in r.rows:
            values[(indicator.code, row.key)] = (row.value, row.count)
            if row.key not in dict(categories):
                categories.append((row.key, capfirst(str(row.label))))
    if not kept:
        return None
    return Breakdown(kept, categories, values, totals)


@dataclass
class AreaTable:
    """Rows = the children, columns = every active indicator, and the area's own total."""

    indicators: list[Indicator]
    rows: list[tuple[AdminUnit, list[tuple[Decimal, int]]]]
    total: list[tuple[Decimal, int]]
    problems: dict[str, str]


def area_table(*, user: Any, sel: Selection) -> AreaTable:
    """Every active indicator by child, from one bulk read: the queries grow with neither indicators nor children."""
    indicators = list(selectors.indicator_list(user=user))
    asked = replace(sel, indicator=None)  # no trend: the table is one period
    page = page_rollups(user=user, sel=asked, indicators=indicators, by=("child",), last_year=False)
    kids: list[AdminUnit] = []
    columns: list[dict[str, tuple[Decimal, int]]] = []
    total: list[tuple[Decimal, int]] = []
    problems: dict[str, str] = {}
    for indicator in indicators:
        try:
            r = page.get(indicator, sel.period, by="child")
        except NotFound:
            raise
        except DomainError as exc:
            problems[indicator.code] = exc.message
            columns.append({})
            total.append((Decimal(0), 0))
            continue
        if not kids:
            kids = [row.unit for row in r.rows if row.unit is not None]
        columns.append({row.key: (row.value, row.count) for row in r.rows})
        total.append((r.value, r.count))
    rows = [(k, [col.get(k.path, (Decimal(0), 0)) for col in columns]) for k in kids]
    return AreaTable(indicators, rows, total, problems)


# --- who has reported: the selectors' one completeness, for the selection ---------------------------

SHOW_CHOICES = selectors.COMPLETENESS_SHOWS


def completeness(*, user: Any, sel: Selection, show: str = "", today: date | None = None) -> selectors.Completeness:
    """Who should report on the form for the period, with counts over all of them before any filter."""
    form = require(sel.form)
    return selectors.completeness(
        user=user, form=form, period=sel.period, unit=sel.unit, era=sel.era, today=today, show=show
    )
