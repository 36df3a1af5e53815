"""Many roll-ups of one place at once: every figure of a page (tiles, charts, the year-on-year
comparison, the drill-down) from a handful of queries, whatever the number of indicators or children.

`rollups_bulk` reads, once: the cells of every indicator × period under the node (its own, by
category, and its children's), the values of villages where villages are asked about (they keep no
cells), and the records of the computed indicators, one read per record source for all periods
(`computed.sources_rows`), mapped onto the era's map with one read of their targets. Its `get()`
then answers each roll-up in memory with the same folding as `selectors.rollup`, which is itself
`rollups_bulk` asked one question: a figure on a dashboard is the figure of a single roll-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit, Era, Level
from danvan.geo.selectors import area_q
from danvan.org.access import approved_figures_only
from danvan.reporting.computed import sources_rows
from danvan.reporting.models import DataValue, Indicator, Period, RollupCell, Submission
from danvan.reporting.periods import periods_within
from danvan.reporting.rollup import COUNTED
from danvan.reporting.selectors.catalogue import BY_CHOICES
from danvan.reporting.selectors.rollups import Acc, Rollup, RollupRow, rollup_scope_check
from danvan.reporting.targets import targets_of

Cells = dict[tuple[str, str], Acc]  # (period code, key) → [Σ, count]
_ZERO = Decimal(0)


def _cells() -> Cells:
    return defaultdict(lambda: [Decimal(0), 0])


def rollups_bulk(
    *,
    user: Any,
    unit: AdminUnit | None,
    indicators: Iterable[Indicator],
    periods: Iterable[Period],
    era: str | None = None,
    by: Iterable[str] = (),
    also: Iterable[tuple[Indicator, Period]] = (),
    records: bool = True,
    typed: bool = True,
    known_periods: Mapping[str, Period] | None = None,
    eras: Iterable[str] | None = None,
    child_asks: Iterable[tuple[Indicator, Period]] | None = None,
) -> Rollups:
    """Everything needed to answer `get(indicator, period, by=...)` for these indicators and periods.

    Every indicator in every period, and the (indicator, period) pairs of `also` (a trend's phase for
    one indicator). `by` names the views that will be asked ("child", "field", "period"): "child" reads the
    children's cells (and their names), the others need nothing more. `records=False` leaves the
    computed part out (no page asks it), `typed=False` the typed part (the entry grid's records-only
    figures). Access is checked here, once: the nation for national users, a unit for whoever may see it.
    `child_asks`: the (indicator, period) pairs that will be asked by="child" when not all of them
    (a dashboard compares the children for its selected indicator only): only their children's cells
    are read. `known_periods` are periods the caller has already read (`periods.periods_get`), `eras` the codes of
    every map era when the caller has read them: neither is read again.
    """
    rollup_scope_check(user=user, unit=unit)
    era = unit.era_id if unit is not None else (era or "")
    if unit is None:  # a unit's own era exists
        exists = (era in set(eras)) if eras is not None else Era.objects.filter(code=era).exists()
        if not era or not exists:
            raise DomainError(_("Choose a map era."), code="bad_era")
    indicators = list(indicators)
    asks = [(i, p) for i in indicators for p in periods] + list(also)
    many = Rollups(
        era,
        unit,
        asks,
        set(by),
        records=records,
        typed=typed,
        known_periods=known_periods,
        child_asks=list(child_asks) if child_asks is not None else None,
    )
    many.approved_only = approved_figures_only(user)  # the public sees approved values, whatever it asks
    return many


class Rollups:
    """The data of many roll-ups of one node, read in bulk; `get()` answers one of them."""

    def __init__(
        self,
        era: str,
        unit: AdminUnit | None,
        asks: list[tuple[Indicator, Period]],
        by: set[str],
        *,
        records: bool,
        typed: bool,
        known_periods: Mapping[str, Period] | None = None,
        child_asks: list[tuple[Indicator, Period]] | None = None,
    ) -> None:
        self.era, self.unit, self.by = era, unit, by
        self._known = known_periods
        self.approved_only = False  # every answer counts approved values only (set for the public)
        self._asked = {(i.pk, p.code) for i, p in asks}
        kids = asks if child_asks is None else child_asks
        self._child_asked = {(i.pk, p.code) for i, p in kids} if "child" in by else set()
        self.node = unit.path if unit is not None else f"{era}/"
        self._subs: dict[tuple[str, str], list[Period]] = {}
        for indicator, period in asks:
            self.subs(indicator, period)
        for indicator, period in kids if "child" in by else ():
            self.subs(indicator, period)
        self.children: list[AdminUnit] = _children(unit, era) if "child" in by else []
        # the stored periods each typed indicator is asked for: its own cells, and its children's
        own_pairs = self._stored_pairs(asks) if typed else {}
        kid_pairs = self._stored_pairs(kids) if typed and "child" in by else {}
        # (indicator, period pk) → rows: own (category, total, approved, count), children's (node, ...)
        self._own: dict[tuple[int, int], list[tuple[str, Decimal, Decimal, int]]] = defaultdict(list)
        self._kids: dict[tuple[int, int], list[tuple[str, Decimal, Decimal, int]]] = defaultdict(list)
        # village values: (indicator, period pk) → rows (unit path, category, value, status)
        self._villages: dict[tuple[int, int], list[tuple[str, str, Decimal, str]]] = defaultdict(list)
        if own_pairs:
            self._read_typed(own_pairs, kid_pairs)
        self._records: dict[tuple[str, str], list[tuple[int, str, Any]]] = {}  # (record key, period code) → rows
        self._targets: dict[int, list[Any]] = {}
        computed = [(i, p) for i, p in asks if i.source != Indicator.Source.ENTERED] if records else []
        if computed:
            self._read_records(computed)

    # --- reading -------------------------------------------------------------------------------

    def subs(self, indicator: Indicator, period: Period) -> list[Period]:
        """The indicator's periods inside `period` (none: the period is shorter than the indicator's)."""
        key = (period.code, indicator.period_type)
        if key not in self._subs:
            self._subs[key] = periods_within(period, indicator.period_type, known=self._known)
        return self._subs[key]

    def _stored_pairs(self, asks: Iterable[tuple[Indicator, Period]]) -> dict[int, set[int]]:
        """{entered indicator pk: pks of the stored periods it is asked for} (unsaved periods hold nothing)."""
        out: dict[int, set[int]] = defaultdict(set)
        for indicator, period in asks:
            if indicator.entered:
                out[indicator.pk].update(p.pk for p in self.subs(indicator, period) if p.pk is not None)
        return {k: v for k, v in out.items() if v}

    def _read_typed(self, own: dict[int, set[int]], kids: dict[int, set[int]]) -> None:
        """The cells asked for, no more: a page's tiles ask every indicator for two periods, its trend
        one indicator for five years, its comparison one indicator's children for two periods."""
        unit = self.unit
        if unit is not None and unit.level == Level.VILLAGE:  # villages keep no cells: their own values
            self._read_villages(own, [unit])
            return
        where = _pairs_q(own, Q(node=self.node))
        if kids:
            where |= _pairs_q(kids, Q(parent=self.node, category=""))
        cells = RollupCell.objects.filter(where)
        for ind, period, node, category, total, approved, count in cells.values_list(
            "indicator_id", "period_id", "node", "category", "total", "approved", "count"
        ):
            row = (category, Decimal(total), Decimal(approved), count)
            if node == self.node:
                self._own[(ind, period)].append(row)
            else:
                self._kids[(ind, period)].append((node, *row[1:]))
        if kids and unit is not None and unit.level == Level.COMMUNE:  # a commune's children are villages
            villages = [c for c in self.children if c.level == Level.VILLAGE]
            if villages:
                self._read_villages(kids, villages)

    def _read_villages(self, pairs: dict[int, set[int]], villages: list[AdminUnit]) -> None:
        qs = DataValue.objects.filter(
            _pairs_q(pairs, Q()),
            unit__in=[v.pk for v in villages],
            submission__status__in=list(COUNTED),
        )
        for ind, period, path, category, value, status in qs.values_list(
            "indicator_id", "period_id", "unit__path", "category", "value", "submission__status"
        ):
            self._villages[(ind, period)].append((path, category, value, status))

    def _read_records(self, asks: list[tuple[Indicator, Period]]) -> None:
        spans: dict[str, set[tuple[Any, Any]]] = defaultdict(set)
        codes: dict[tuple[Any, Any], str] = {}
        for indicator, period in asks:
            for p in self._subs[(period.code, indicator.period_type)]:
                spans[indicator.record_key].add((p.start, p.end))
                codes[(p.start, p.end)] = p.code
        unit = self.unit
        found = sources_rows(spans, lambda f: area_q(unit, f) if unit else Q())
        units: set[int] = set()
        for (key, span), rows in found.items():
            if rows:
                self._records[(key, codes[span])] = rows
                units.update(r[0] for r in rows)
        if units:
            self._targets = targets_of(units)

    # --- answering -----------------------------------------------------------------------------

    def get(
        self,
        indicator: Indicator,
        period: Period,
        *,
        by: str | None = None,
        approved_only: bool = False,
        records_only: bool = False,
    ) -> Rollup:
        """What `selectors.rollup` answers for this indicator, period and view, from what was read."""
        approved_only = approved_only or self.approved_only
        if by is not None and by not in BY_CHOICES:
            raise DomainError(_("“by” must be child, period or field."), code="bad_by")
        asked = self._child_asked if by == "child" else self._asked
        if (indicator.pk, period.code) not in asked:
            raise ValueError(f"not read in bulk: {indicator.code} {period.code} by {by}")  # a caller's mistake
        subs = self.subs(indicator, period)
        if not subs:
            raise DomainError(
                _("“%(indicator)s” is reported per %(type)s; ask for a %(type)s or a longer period.")
                % {"indicator": indicator.label, "type": indicator.get_period_type_display()},
                code="period_too_short",
            )
        stock = indicator.time_aggregation == Indicator.TimeAggregation.LAST

        def fold(per_period: dict[str, Acc]) -> tuple[Decimal, int]:
            """One figure from a key's periods: their sum, or a stock's latest."""
            if stock:
                for p in reversed(subs):
                    if per_period.get(p.code, [0, 0])[1]:
                        return per_period[p.code][0], per_period[p.code][1]
                return Decimal(0), 0
            return sum((v[0] for v in per_period.values()), Decimal(0)), sum(v[1] for v in per_period.values())

        def gather(view: str | None) -> dict[str, dict[str, Acc]]:
            cells = self._gather(indicator, subs, view, approved_only=approved_only, records_only=records_only)
            out: dict[str, dict[str, Acc]] = defaultdict(dict)
            for (period_code, at), acc in cells.items():
                out[at][period_code] = acc
            return out

        own = gather(None).get(self.node, {})
        value, count = fold(own)
        result = Rollup(self.era, self.unit, indicator, period, value, count, by=by, approved_only=approved_only)
        if by == "child":
            per = gather("child")
            result.rows = [RollupRow(c.path, c.name, *fold(per.get(c.path, {})), unit=c) for c in self.children]
        elif by == "period":
            zero: Acc = [Decimal(0), 0]
            accs = [(p, own.get(p.code) or zero) for p in subs]
            result.rows = [RollupRow(p.code, p.code, acc[0], acc[1], period=p) for p, acc in accs]
        elif by == "field":
            per = gather("field")
            result.rows = [
                RollupRow(code, str(label), *fold(per.get(code, {}))) for code, label in indicator.categories
            ]
        return result

    def _gather(
        self, indicator: Indicator, subs: list[Period], view: str | None, *, approved_only: bool, records_only: bool
    ) -> Cells:
        """{(period code, key): [Σ, count]}, key being the node, a child's path or a category."""
        unit = self.unit
        codes = {p.pk: p.code for p in subs if p.pk is not None}
        if records_only or not indicator.entered:
            cells = _cells()
        elif unit is not None and unit.level == Level.VILLAGE:
            cells = self._village_cells(indicator, codes, approved_only, by_field=view == "field")
        elif view == "child":
            cells = self._child_cells(indicator, codes, approved_only)
            if unit is not None and unit.level == Level.COMMUNE:
                for key, val in self._village_cells(indicator, codes, approved_only, by_field=False).items():
                    cells[key] = val
        else:
            cells = self._own_cells(indicator, codes, approved_only, by_field=view == "field")
        if indicator.source != Indicator.Source.ENTERED:  # records are facts, not reports awaiting approval
            for key, val in self._record_cells(indicator, subs, view).items():
                cells[key][0] += val[0]
                cells[key][1] += val[1]
        return cells

    def _own_cells(self, indicator: Indicator, codes: dict[int, str], approved_only: bool, *, by_field: bool) -> Cells:
        out = _cells()
        for pk, code in codes.items():
            for category, total, approved, count in self._own.get((indicator.pk, pk), ()):
                if bool(category) != by_field:
                    continue
                out[(code, category if by_field else self.node)] = [approved if approved_only else total, count]
        return out

    def _child_cells(self, indicator: Indicator, codes: dict[int, str], approved_only: bool) -> Cells:
        out = _cells()
        for pk, code in codes.items():
            for node, total, approved, count in self._kids.get((indicator.pk, pk), ()):
                out[(code, node)] = [approved if approved_only else total, count]
        return out

    def _village_cells(
        self, indicator: Indicator, codes: dict[int, str], approved_only: bool, *, by_field: bool
    ) -> Cells:
        """What cells would hold for villages on their own map: Σ of their counted values, per (period, key)."""
        out = _cells()
        for pk, code in codes.items():
            for path, category, value, status in self._villages.get((indicator.pk, pk), ()):
                if approved_only and status != Submission.Status.APPROVED:
                    continue
                if by_field and not category:
                    continue
                acc = out[(code, category if by_field else path)]
                acc[0] += value
                acc[1] += 1
        return out

    def _record_cells(self, indicator: Indicator, subs: list[Period], view: str | None) -> Cells:
        """Computed part, per (period, key), with the same keys as the cells. Records count whole (default rule)."""
        out = _cells()
        node, era = self.node, self.era
        depth = node.count("/")
        for p in subs:
            for unit_id, category, value in self._records.get((indicator.record_key, p.code), ()):
                for t in self._targets.get(unit_id, ()):
                    if t.era != era or not t.node.startswith(node) or not t.default_share:
                        continue
                    amount = Decimal(value) * t.default_share
                    if view == "child":
                        if t.node.count("/") <= depth:
                            continue  # recorded at the node itself: in its total, under no child
                        key = "/".join(t.node.split("/")[: depth + 1]) + "/"
                    elif view == "field":
                        key = category
                    else:
                        key = node
                    out[(p.code, key)][0] += amount
                    out[(p.code, key)][1] += 1
        return out


def _pairs_q(pairs: dict[int, set[int]], where: Q) -> Q:
    """`where`, for these indicators each in its periods: one condition per set of periods alike."""
    by_periods: dict[frozenset[int], list[int]] = defaultdict(list)
    for indicator, periods in pairs.items():
        by_periods[frozenset(periods)].append(indicator)
    q = Q(pk__in=[])
    for alike, indicators in by_periods.items():
        q |= Q(where, indicator_id__in=sorted(indicators), period_id__in=sorted(alike))
    return q


def _children(unit: AdminUnit | None, era: str) -> list[AdminUnit]:
    if unit is None:
        return list(AdminUnit.objects.filter(era_id=era, parent__isnull=True).order_by("code"))
    return list(unit.children.order_by("code"))
