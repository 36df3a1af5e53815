"""Every roll-up a dashboard page shows, read at once: `selectors.rollups_bulk` asked for all of them.

The tiles (every active indicator: the period, the same period last year, the approved part), the
year-on-year comparison by child, the trend over five years and the breakdown by field all come
from one `PageRollups`, so a page costs the same few queries whatever the number of indicators or
children. Each part still answers exactly what `selectors.rollup` would for the same question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from danvan.core.errors import DomainError, NotFound
from danvan.reporting import selectors
from danvan.reporting.dashboards.selection import TREND_YEARS, Selection, counts_approved_only, trend_code
from danvan.reporting.models import Indicator, Period, PeriodType
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import Rollup, rollups_bulk

__all__ = ["TREND_YEARS", "PageRollups", "page_rollups", "trend_phase"]


@dataclass
class PageRollups:
    """The selection's roll-ups, read in bulk; `get` answers one, as `selectors.rollup` would."""

    sel: Selection
    indicators: list[Indicator]
    phase: Period | None  # the trend's years (or the phase asked for), None when it cannot be named
    many: Any  # selectors.Rollups, or the refusal that every figure of the page gets
    refused: DomainError | None = None

    def get(self, indicator: Indicator, period: Period, *, by: str | None = None, approved: bool = False) -> Rollup:
        """`approved`: the approved part even when the selection counts everything submitted."""
        if self.refused is not None:
            raise self.refused
        approved_only = approved or counts_approved_only(self.sel, indicator)
        return self.many.get(indicator, period, by=by, approved_only=approved_only)


def trend_phase(sel: Selection) -> Period | None:
    """The five years up to the selection's period, or the phase asked for."""
    if sel.period.type == PeriodType.PHASE:
        return sel.period
    try:
        return period_get(trend_code(sel.period), known=sel.periods)
    except DomainError:
        return None


def page_rollups(
    *,
    user: Any,
    sel: Selection,
    indicators: Iterable[Indicator] | None = None,
    by: Iterable[str] = ("child", "field"),
    last_year: bool = True,
) -> PageRollups:
    """All the page's roll-ups: every indicator in the period and last year's, the selected one over its trend.

    A unit out of the user's area raises NotFound, as a single roll-up would; any other refusal
    (a map era that does not exist) is kept and given to every figure that asks.
    """
    chosen = list(indicators) if indicators is not None else list(selectors.indicator_list(user=user))
    if sel.indicator is not None and all(i.pk != sel.indicator.pk for i in chosen):
        chosen.append(sel.indicator)  # an inactive indicator asked for by its code
    periods = [sel.period] + ([sel.last_period] if last_year and sel.last_period is not None else [])
    phase = trend_phase(sel) if sel.indicator is not None else None
    also = [(sel.indicator, phase)] if sel.indicator is not None and phase is not None else []
    # the children are compared for the selected indicator only (the export, with none, has them all)
    kids = [(sel.indicator, p) for p in periods] if sel.indicator is not None else None
    try:
        many = rollups_bulk(
            user=user,
            unit=sel.unit,
            era=sel.era,
            indicators=chosen,
            periods=periods,
            by=by,
            also=also,
            known_periods=sel.periods,
            eras=[e.code for e in sel.eras] if sel.eras else None,
            child_asks=kids,
        )
    except NotFound:
        raise
    except DomainError as exc:
        return PageRollups(sel, chosen, phase, None, refused=exc)
    return PageRollups(sel, chosen, phase, many)
