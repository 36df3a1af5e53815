"""Roll-ups: Σ of an indicator over a unit's subtree (or a map's nation) in a period, by child, period or field.

Typed values come from the cells every submission keeps current; computed ones from the records,
mapped onto the era's map the same way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.geo.models import AdminUnit, Era, Level
from danvan.geo.selectors import area_q
from danvan.org.access import Action, can, is_national
from danvan.reporting.computed import source_rows
from danvan.reporting.models import (
    DataValue,
    Indicator,
    Period,
    PeriodType,
    RollupCell,
    Submission,
)
from danvan.reporting.periods import periods_within
from danvan.reporting.rollup import COUNTED
from danvan.reporting.selectors.catalogue import BY_CHOICES
from danvan.reporting.targets import targets_of

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
    if unit is None:
        if not is_national(user):
            raise NotFound(_("Only national users see the whole country's figures."))
    elif not can(user, Action.VIEW, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))


Acc = list[Any]  # [Σ, count] of one key in one period, added to in place


def _pair(acc: Acc) -> tuple[Decimal, int]:
    return acc[0], acc[1]


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
    rollup_scope_check(user=user, unit=unit)
    era = unit.era_id if unit is not None else (era or "")
    if unit is None and (not era or not Era.objects.filter(code=era).exists()):  # a unit's own era exists
        raise DomainError(_("Choose a map era."), code="bad_era")
    if by is not None and by not in BY_CHOICES:
        raise DomainError(_("“by” must be child, period or field."), code="bad_by")
    subs = periods_within(period, indicator.period_type)
    if not subs:
        raise DomainError(
            _("“%(indicator)s” is reported per %(type)s; ask for a %(type)s or a longer period.")
            % {"indicator": indicator.label, "type": indicator.get_period_type_display()},
            code="period_too_short",
        )
    node = unit.path if unit is not None else f"{era}/"
    column = "approved" if approved_only else "total"
    stock = indicator.time_aggregation == Indicator.TimeAggregation.LAST

    def gather(by: str | None) -> dict[str, dict[str, Acc]]:
        """{key: {period code: [Σ, count]}}, key being the node, a child's path or a category."""
        if records_only:
            cells: dict[tuple[str, str], Acc] = defaultdict(lambda: [Decimal(0), 0])
        elif unit is not None and unit.level == Level.VILLAGE:  # villages keep no cells: their own values
            cells = _village_values(indicator, subs, column, [unit], by="field" if by == "field" else None)
        elif by == "child" and unit is not None and unit.level == Level.COMMUNE:
            cells = _cells(indicator, subs, column, parent=node)  # none: a commune's children are villages
            villages = [c for c in _children(unit, era) if c.level == Level.VILLAGE]
            for key, val in _village_values(indicator, subs, column, villages, by="child").items():
                cells[key] = val
        elif by == "child":
            cells = _cells(indicator, subs, column, parent=node)
        else:
            cells = _cells(indicator, subs, column, node=node, categories=by == "field")
        if indicator.source != Indicator.Source.ENTERED:  # records are facts, not reports awaiting approval
            for key, val in _records(indicator, subs, unit, era, node, by).items():
                cells[key][0] += val[0]
                cells[key][1] += val[1]
        out: dict[str, dict[str, Acc]] = defaultdict(dict)
        for (period_code, at), acc in cells.items():
            out[at][period_code] = acc
        return out

    def fold(per_period: dict[str, Acc]) -> tuple[Decimal, int]:
        """One figure from a key's periods: their sum, or a stock's latest."""
        if stock:
            for p in reversed(subs):
                if per_period.get(p.code, [0, 0])[1]:
                    return per_period[p.code][0], per_period[p.code][1]
            return Decimal(0), 0
        return sum((v[0] for v in per_period.values()), Decimal(0)), sum(v[1] for v in per_period.values())

    own = gather(None).get(node, {})
    value, count = fold(own)
    result = Rollup(era, unit, indicator, period, value, count, by=by, approved_only=approved_only)
    if by == "child":
        per = gather("child")
        result.rows = [RollupRow(c.path, c.name, *fold(per.get(c.path, {})), unit=c) for c in _children(unit, era)]
    elif by == "period":
        zero: Acc = [Decimal(0), 0]
        result.rows = [RollupRow(p.code, p.code, *_pair(own.get(p.code) or zero), period=p) for p in subs]
    elif by == "field":
        per = gather("field")
        result.rows = [RollupRow(code, str(label), *fold(per.get(code, {}))) for code, label in indicator.categories]
    return result


def _cells(
    indicator: Indicator,
    subs: list[Period],
    column: str,
    *,
    node: str | None = None,
    parent: str | None = None,
    categories: bool = False,
) -> dict[tuple[str, str], Acc]:
    if not indicator.entered:
        return defaultdict(lambda: [Decimal(0), 0])
    codes = _stored(subs)
    qs = RollupCell.objects.filter(indicator=indicator, period__in=list(codes))
    if parent is not None:
        qs = qs.filter(parent=parent, category="")
        key_field = "node"
    elif categories:
        qs = qs.filter(node=node).exclude(category="")
        key_field = "category"
    else:
        qs = qs.filter(node=node, category="")
        key_field = "node"
    out: dict[tuple[str, str], Acc] = defaultdict(lambda: [Decimal(0), 0])
    for period_id, key, value, count in qs.values_list("period_id", key_field, column, "count"):
        out[(codes[period_id], key)] = [Decimal(value), count]
    return out


def _stored(periods: list[Period]) -> dict[int, str]:
    """{pk: code} of the periods that are rows; a period never used (unsaved) has no values to find."""
    return {p.pk: p.code for p in periods if p.pk is not None}


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


def _village_values(
    indicator: Indicator, subs: list[Period], column: str, villages: list[AdminUnit], *, by: str | None
) -> dict[tuple[str, str], Acc]:
    """What cells would hold for villages on their own map: Σ of their counted values, per (period, key)."""
    out: dict[tuple[str, str], Acc] = defaultdict(lambda: [Decimal(0), 0])
    if not indicator.entered or not villages:
        return out
    statuses = [Submission.Status.APPROVED] if column == "approved" else list(COUNTED)
    codes = _stored(subs)
    qs = DataValue.objects.filter(
        indicator=indicator,
        period__in=list(codes),
        unit__in=[v.pk for v in villages],
        submission__status__in=statuses,
    )
    if by == "field":
        qs = qs.exclude(category="")
    for period_id, path, category, value in qs.values_list("period_id", "unit__path", "category", "value"):
        key = category if by == "field" else path
        out[(codes[period_id], key)][0] += value
        out[(codes[period_id], key)][1] += 1
    return out


def _records(
    indicator: Indicator, subs: list[Period], unit: AdminUnit | None, era: str, node: str, by: str | None
) -> dict[tuple[str, str], Acc]:
    """Computed part, per (period, key), with the same keys as `_cells`. Records count whole (default rule)."""
    out: dict[tuple[str, str], Acc] = defaultdict(lambda: [Decimal(0), 0])
    depth = node.count("/")
    for p in subs:
        rows = list(source_rows(indicator.record_key, p.start, p.end, lambda f: area_q(unit, f) if unit else Q()))
        if not rows:
            continue
        targets = targets_of({r[0] for r in rows})
        for unit_id, category, value in rows:
            for t in targets[unit_id]:
                if t.era != era or not t.node.startswith(node) or not t.default_share:
                    continue
                amount = Decimal(value) * t.default_share
                if by == "child":
                    if t.node.count("/") <= depth:
                        continue  # recorded at the node itself: in its total, under no child
                    key = "/".join(t.node.split("/")[: depth + 1]) + "/"
                elif by == "field":
                    key = category
                else:
                    key = node
                out[(p.code, key)][0] += amount
                out[(p.code, key)][1] += 1
    return out


def _children(unit: AdminUnit | None, era: str) -> list[AdminUnit]:
    if unit is None:
        return list(AdminUnit.objects.filter(era_id=era, parent__isnull=True).order_by("code"))
    return list(unit.children.order_by("code"))


def node_unit(*, user: Any, era: str, code: str | None) -> AdminUnit | None:
    """The unit a roll-up is asked for by era and code; None (the nation) when no code is given."""
    if not code:
        return None
    unit = AdminUnit.objects.filter(era_id=era, code=code).first()
    if unit is None or not can(user, Action.VIEW, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    return unit
