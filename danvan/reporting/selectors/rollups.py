"""Roll-ups: Σ of an indicator over a unit's subtree (or a map's nation) in a period, by child, period or field.

Typed values come from the cells every submission keeps current; computed ones from the records,
mapped onto the era's map the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can, may_read_figures
from danvan.reporting.models import (
    DataValue,
    Indicator,
    Period,
    PeriodType,
    RollupCell,
)
from danvan.reporting.rollup import COUNTED

# --- roll-ups ---------------------------------------------------------------------------------


@dataclass
class RollupRow:
    key: str  # child node path, period code or category
    label: str
    value: Decimal
    count: int
    unit: AdminUnit | None = None
    period: Period | None = None


@dataclass
class Rollup:
    era: str
    unit: AdminUnit | None  # None is the nation
    indicator: Indicator
    period: Period
    value: Decimal
    count: int  # values (and records) summed: 0 means nothing reported, not a reported zero
    rows: list[RollupRow] = field(default_factory=list)
    by: str | None = None
    approved_only: bool = False

    @property
    def node(self) -> str:
        return self.unit.path if self.unit else f"{self.era}/"


def rollup_scope_check(*, user: Any, unit: AdminUnit | None) -> None:
    """The nation's roll-up is for national users; a unit's for whoever may see that unit."""
    if may_read_figures(user, unit):
        return
    if unit is None:
        raise NotFound(_("Only national users see the whole country's figures."))
    raise NotFound(_("This unit does not exist or is not in your area."))


Acc = list[Any]  # [Σ, count] of one key in one period, added to in place


def rollup(
    *,
    user: Any,
    unit: AdminUnit | None,
    indicator: Indicator,
    period: Period,
    era: str | None = None,
    by: str | None = None,
    approved_only: bool = False,
    records_only: bool = False,
) -> Rollup:
    """Σ of `indicator` over `unit`'s subtree (or `era`'s nation) in `period`, maybe by child, period or field.

    A longer period than the indicator's sums its periods (or, for a stock, takes the latest one
    with figures). Typed values come from the cells kept current by every submission; computed
    ones from the records, mapped onto the era's map the same way. `records_only` leaves the typed
    part out (the entry grid shows what the records alone give beside what is typed).
    """
    from danvan.reporting.selectors.bulk import rollups_bulk  # bulk composes this module's types

    many = rollups_bulk(
        user=user,
        unit=unit,
        era=era,
        indicators=[indicator],
        periods=[period],
        by=[by] if by else [],
        typed=not records_only,
    )
    return many.get(indicator, period, by=by, approved_only=approved_only, records_only=records_only)


def latest_year_with_figures(*, user: Any, unit: AdminUnit | None, era: str) -> str | None:
    """The code of the latest year something was reported under `unit` (or `era`'s nation), for a page to open on."""
    try:
        rollup_scope_check(user=user, unit=unit)
    except NotFound:
        return None  # the page answers 404 itself
    qs: QuerySet[Any]
    if unit is not None and unit.level == Level.VILLAGE:  # villages keep no cells
        qs = DataValue.objects.filter(unit=unit, submission__status__in=COUNTED)
    else:
        qs = RollupCell.objects.filter(node=unit.path if unit is not None else f"{era}/", count__gt=0)
    return (
        qs.filter(period__type=PeriodType.YEAR)
        .order_by("-period__start")
        .values_list("period__code", flat=True)
        .first()
    )


def node_unit(*, user: Any, era: str, code: str | None) -> AdminUnit | None:
    """The unit a roll-up is asked for by era and code; None (the nation) when no code is given."""
    if not code:
        return None
    unit = AdminUnit.objects.filter(era_id=era, code=code).first()
    if unit is None or not can(user, Action.VIEW, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    return unit
