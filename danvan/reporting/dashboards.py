"""Dashboards of periodic reporting: each level's figures summed over its whole area, on either map.

Everything here composes `selectors.rollup` and `selectors.completeness`, which check access
themselves, so a figure on a dashboard is exactly the figure the selector gives. Nothing is
cached: a roll-up is a lookup of cells kept current by every submission. Numbers stay Decimals
until a template or an export formats them in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.core.templatetags.danvan import localized_name
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can, home_unit, is_national, may_anywhere, scope_roots
from danvan.reporting import selectors
from danvan.reporting.models import Indicator, Period, PeriodType, ReportForm
from danvan.reporting.periods import period_get, period_same_last_year
from danvan.reporting.selectors import Rollup

TREND_YEARS = 5
HUNDRED = Decimal(100)


# --- numbers in the user's language --------------------------------------------------------------


def number(value: Decimal | int | float | None, *, places: int = 0) -> str:
    """ "140.300" in Vietnamese, "140,300" in English: always grouped by thousands, whatever the settings."""
    if value is None:
        return "—"
    value = Decimal(value)
    if places:
        value = value.quantize(Decimal(1).scaleb(-places)).normalize()
        places = max(0, -value.as_tuple().exponent)  # 12.50 shows as 12,5; 12.00 as 12
    else:
        value = value.quantize(Decimal(1))
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places or None,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def indicator_number(value: Decimal | None, indicator: Indicator) -> str:
    """Whole-number indicators as whole numbers (an apportioned share can leave a fraction), others to 2 places."""
    return number(value, places=0 if indicator.value_type == Indicator.ValueType.INTEGER else 2)


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number(abs(value), places=1)}%"


def change(now: Decimal, now_count: int, before: Decimal, before_count: int) -> Decimal | None:
    """% change, or None when either side has nothing reported or the base is 0 (no meaningful ratio)."""
    if not now_count or not before_count or not before:
        return None
    return (now - before) / before * HUNDRED


# --- what a dashboard is asked for ---------------------------------------------------------------


@dataclass
class Selection:
    """The resolved GET parameters of a dashboard, completeness list or export."""

    era: str
    unit: AdminUnit | None  # None is the nation
    period: Period
    indicator: Indicator | None = None
    approved_only: bool = False
    form: ReportForm | None = None

    @property
    def node(self) -> str:
        return self.unit.path if self.unit is not None else f"{self.era}/"

    @cached_property
    def last_period(self) -> Period | None:
        """The same period last year, for every comparison on the page."""
        return period_same_last_year(self.period)

    def params(self, **changes: Any) -> dict[str, str]:
        """The query parameters that ask for this selection again, with `changes` (unit=AdminUnit|None)."""
        unit = changes.pop("unit", self.unit)
        era = changes.pop("era", unit.era_id if unit is not None else self.era)
        out = {"era": era, "unit": unit.code if unit is not None else "", "period": self.period.code}
        if self.indicator is not None:
            out["indicator"] = self.indicator.code
        if self.form is not None:
            out["form"] = self.form.code
        if self.approved_only:
            out["approved"] = "1"
        for key, value in changes.items():  # None drops a parameter
            if value is None:
                out.pop(key, None)
            else:
                out[key] = str(value)
        return {k: v for k, v in out.items() if v != "" or k == "unit"}

    def query(self, **changes: Any) -> str:
        return urlencode(self.params(**changes))


@dataclass
class Problem:
    """Why a selection could not be resolved: a message for the user and the status to answer with."""

    messages: list[str] = field(default_factory=list)
    status: int = 400

    def add(self, exc: DomainError) -> None:
        self.messages.append(exc.message)
        if exc.status == 404:
            self.status = 404  # forbidden and missing units answer alike, and that answer wins


def resolve(
    *, user: Any, params: Mapping[str, str], need: str = "indicator"
) -> tuple[Selection | None, Problem, dict[str, Any]]:
    """Read era, unit, period and the indicator (or the form) from GET parameters.

    "unit" absent: the user's own area (the nation for national users); "unit" present but empty:
    the nation, which only national users may see. Returns (selection or None, problems, what was
    understood so far, for redrawing the form).
    """
    # PostgreSQL refuses NUL in text; no code has "?" either, so such a value is simply not found
    params = {k: v.replace("\x00", "?") for k, v in params.items() if isinstance(v, str)}
    problem = Problem()
    known: dict[str, Any] = {}
    eras = [e.code for e in geo_selectors.era_list()]
    raw_era = (params.get("era") or "").strip()
    if raw_era and raw_era not in eras:
        problem.add(DomainError(_("There is no map version “%(value)s”.") % {"value": raw_era[:20]}))
        era, unit = _current_era(), None  # a unit's code means nothing without its map: not looked up
    else:
        era, unit = _place(user, params, raw_era, eras, problem)
    known.update(era=era, unit=unit)

    period = _period(params.get("period"), problem, user=user, unit=unit, era=era)
    indicator = form = None
    raw = (params.get(need) or "").strip()
    if need == "indicator":
        indicator = _indicator(user, raw, problem)
    else:
        form = _form(user, raw, problem, period)
    known.update(period=period, indicator=indicator, form=form)
    if problem.messages or period is None or (indicator is None and form is None):
        return None, problem, known
    approved = (params.get("approved") or "").lower() in {"1", "on", "true", "yes"}
    return Selection(era, unit, period, indicator, approved, form), problem, known


def _place(
    user: Any, params: Mapping[str, str], raw_era: str, eras: list[str], problem: Problem
) -> tuple[str, AdminUnit | None]:
    era = raw_era
    unit: AdminUnit | None = None
    if "unit" in params:
        raw_unit = (params.get("unit") or "").strip().strip("/")
        if "/" in raw_unit:  # "2025/22" also works
            era_part, _sep, raw_unit = raw_unit.partition("/")
            era = era_part if era_part in eras else era
        era = era or _current_era()
        try:
            if raw_unit:
                unit = selectors.node_unit(user=user, era=era, code=raw_unit)
            else:
                selectors.rollup_scope_check(user=user, unit=None)
        except DomainError as exc:
            problem.add(exc)
    elif not is_national(user):
        try:
            unit = default_unit(user=user, era=raw_era or None)
        except DomainError as exc:
            problem.add(exc)
        era = unit.era_id if unit is not None else (raw_era or _current_era())
    return era or _current_era(), unit


def _current_era() -> str:
    current = geo_selectors.current_era()
    return current.code if current else ""


def default_unit(*, user: Any, era: str | None) -> AdminUnit:
    """Where a user without national scope lands: their first grant's unit, or its counterpart on `era`'s map."""
    found = home_unit(user, era=era)
    if found is None and not may_anywhere(user, Action.VIEW):
        raise NotFound(_("You have no area of your own yet: ask a manager for a role."))
    if found is None:
        raise NotFound(
            _("Your area is not a whole unit of its own on this map: its figures count under a larger unit.")
        )
    return found


def default_period(user: Any, unit: AdminUnit | None, era: str) -> Period:
    """The latest year with figures under the unit, else last year: a dashboard opens on something to read."""
    from django.utils import timezone

    code = selectors.latest_year_with_figures(user=user, unit=unit, era=era)
    return period_get(code or str(timezone.localdate().year - 1))


def _period(raw: str | None, problem: Problem, *, user: Any, unit: AdminUnit | None, era: str) -> Period | None:
    raw = (raw or "").strip()
    try:
        return period_get(raw) if raw else default_period(user, unit, era)
    except DomainError as exc:
        problem.add(DomainError(exc.message))
        return None


def _indicator(user: Any, raw: str, problem: Problem) -> Indicator | None:
    if raw:
        try:
            return selectors.indicator_get(user=user, code=raw)
        except DomainError as exc:
            problem.add(DomainError(exc.message))  # a bad parameter, not a place: 400
            return None
    first = selectors.indicator_list(user=user).first()
    if first is None:
        problem.add(DomainError(_("No indicator is in use yet.")))
    return first


def _form(user: Any, raw: str, problem: Problem, period: Period | None) -> ReportForm | None:
    if raw:
        try:
            form = selectors.form_get(user=user, code=raw)
        except DomainError as exc:
            problem.add(DomainError(exc.message))
            return None
    else:
        form = selectors.form_list(user=user).first()
        if form is None:
            problem.add(DomainError(_("No report form is in use yet.")))
            return None
    if period is not None and period.type != form.period_type:
        problem.add(
            DomainError(
                _("“%(form)s” is reported per %(type)s, not for %(period)s.")
                % {"form": form.label, "type": form.get_period_type_display(), "period": period.code}
            )
        )
    return form


# --- the way around: up, down and across the maps --------------------------------------------------


@dataclass
class Crumb:
    label: str
    unit: AdminUnit | None
    nation: bool = False
    link: bool = True


def crumbs(*, user: Any, sel: Selection) -> list[Crumb]:
    """The nation and the unit's ancestors; linked only where the user may read the figures."""
    national = is_national(user)
    out = [Crumb(_("Whole country"), None, nation=True, link=national)]
    if sel.unit is not None:
        out += [
            Crumb(a.name, a, link=can(user, Action.VIEW, a))
            for a in geo_selectors.unit_ancestors(user=user, unit=sel.unit)
        ]
        out.append(Crumb(sel.unit.name, sel.unit, link=False))
    else:
        out[0].link = False
    return out


@dataclass
class EraLink:
    era: str
    label: str
    current: bool
    targets: list[tuple[AdminUnit | None, str]]  # (unit or the nation, label): where the switch leads


def era_links(*, user: Any, sel: Selection) -> list[EraLink]:
    """For each map, the same area on it: the nation, the unit's visible successors (forward) or
    predecessors (back), else the user's own scope roots on that map; none if nothing there is theirs.
    """
    out = []
    for era in geo_selectors.era_list():
        label = localized_name(era)
        if era.code == sel.era:
            out.append(EraLink(era.code, label, True, []))
            continue
        out.append(EraLink(era.code, label, False, _counterparts(user, sel.unit, era.code)))
    return out


def _counterparts(user: Any, unit: AdminUnit | None, era: str) -> list[tuple[AdminUnit | None, str]]:
    if unit is None:
        return [(None, _("Whole country"))]
    linked = [u for u, _s in geo_selectors.unit_successors(user=user, unit=unit)]
    linked += [u for u, _s in geo_selectors.unit_predecessors(user=user, unit=unit)]
    found = _highest([u for u in linked if u.era_id == era and can(user, Action.VIEW, u)])
    if not found:
        if is_national(user):
            return [(None, _("Whole country"))]
        found = list(scope_roots(user, era=era))
    return [(u, u.name) for u in found[:12]]


def _highest(units: list[AdminUnit]) -> list[AdminUnit]:
    """Drop the units that lie inside another one of the list (a province and its districts: the province)."""
    kept: list[AdminUnit] = []
    for u in sorted({u.pk: u for u in units}.values(), key=lambda u: u.path):
        if not any(u.path.startswith(k.path) for k in kept):
            kept.append(u)
    return kept


def children(*, user: Any, sel: Selection) -> list[AdminUnit]:
    """The units one level down (the provinces below the nation), as the drill-down lists them."""
    if sel.unit is None:
        return list(geo_selectors.unit_list(user=user, era=sel.era, level="province").order_by("code"))
    return list(geo_selectors.unit_list(user=user, parent=sel.unit).order_by("code"))


def _require(choice: Any) -> None:
    if choice is None:
        raise ValueError("this part of a dashboard needs the selection's indicator (or form)")


# --- tiles -------------------------------------------------------------------------------------


@dataclass
class Tile:
    indicator: Indicator
    value: Decimal = Decimal(0)
    count: int = 0
    last_value: Decimal = Decimal(0)
    last_count: int = 0
    approved: Decimal | None = None  # the approved part, when it differs from the value
    problem: str = ""  # why there is no figure (e.g. a quarter asked of a yearly indicator)

    @property
    def reported(self) -> bool:
        """Anything reported at all: a reported 0 is a figure, nothing reported is not."""
        return self.count > 0

    @property
    def computed(self) -> bool:
        return self.indicator.source != Indicator.Source.ENTERED

    @property
    def change(self) -> Decimal | None:
        return change(self.value, self.count, self.last_value, self.last_count)

    @property
    def shown(self) -> str:
        return indicator_number(self.value, self.indicator)

    @property
    def shown_last(self) -> str:
        return indicator_number(self.last_value, self.indicator) if self.last_count else ""

    @property
    def shown_approved(self) -> str:
        return indicator_number(self.approved, self.indicator) if self.approved is not None else ""

    @property
    def shown_change(self) -> str:
        return percent(self.change)

    @property
    def trend(self) -> str:
        c = self.change
        return "" if c is None else ("up" if c > 0 else ("down" if c < 0 else "flat"))


def _approved_only(sel: Selection, indicator: Indicator) -> bool:
    """Records are not approved report by report: an indicator computed only from them always counts them."""
    return sel.approved_only and indicator.source != Indicator.Source.RECORDS


def _rollup(user: Any, sel: Selection, indicator: Indicator, *, by: str, period: Period | None = None) -> Any:
    """The selection's roll-up of one indicator; a 404 passes, any other refusal raises DomainError."""
    return selectors.rollup(
        user=user,
        unit=sel.unit,
        era=sel.era,
        indicator=indicator,
        period=period or sel.period,
        by=by,
        approved_only=_approved_only(sel, indicator),
    )


def tiles(*, user: Any, sel: Selection) -> list[Tile]:
    """One tile per active indicator: the figure, the same period last year, and the approved part."""
    last = sel.last_period
    out = []
    for indicator in selectors.indicator_list(user=user):
        tile = Tile(indicator)
        approved_only = _approved_only(sel, indicator)
        ask = {"user": user, "unit": sel.unit, "era": sel.era, "indicator": indicator}
        try:
            now = selectors.rollup(**ask, period=sel.period, approved_only=approved_only)
        except NotFound:
            raise
        except DomainError as exc:
            tile.problem = exc.message
            out.append(tile)
            continue
        tile.value, tile.count = now.value, now.count
        if last is not None:
            before = selectors.rollup(**ask, period=last, approved_only=approved_only)
            tile.last_value, tile.last_count = before.value, before.count
        if not approved_only and indicator.entered and now.count:
            approved = selectors.rollup(**ask, period=sel.period, approved_only=True).value
            tile.approved = approved if approved != now.value else None
        out.append(tile)
    return out


# --- charts and tables of the selected indicator -----------------------------------------------


def trend(*, user: Any, sel: Selection) -> Rollup | None:
    """The selected indicator over the last five years up to the period (or over the phase asked for)."""
    _require(sel.indicator)
    year = sel.period.end.year
    try:
        phase = sel.period if sel.period.type == PeriodType.PHASE else period_get(f"{year - TREND_YEARS + 1}-{year}")
        return _rollup(user, sel, sel.indicator, by="period", period=phase)
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


@dataclass
class Comparison:
    """The selected indicator for every child, this period and the same period last year."""

    now: Rollup | None
    before: Rollup | None
    rows: list[ChildRow]
    last_period: Period | None
    problem: str = ""


def compare_children(*, user: Any, sel: Selection) -> Comparison:
    """Two `by="child"` roll-ups, whatever the number of children."""
    _require(sel.indicator)
    last = sel.last_period
    ask = {
        "user": user,
        "unit": sel.unit,
        "era": sel.era,
        "indicator": sel.indicator,
        "by": "child",
        "approved_only": _approved_only(sel, sel.indicator),
    }
    try:
        now = selectors.rollup(**ask, period=sel.period)
        before = selectors.rollup(**ask, period=last) if last is not None else None
    except NotFound:
        raise
    except DomainError as exc:
        return Comparison(None, None, [], last, exc.message)
    old = {r.key: r for r in before.rows} if before is not None else {}
    rows = []
    for r in now.rows:
        b = old.get(r.key)
        share = r.value / now.value * HUNDRED if now.value and r.count else None
        rows.append(
            ChildRow(
                r.unit,
                r.value,
                r.count,
                b.value if b else Decimal(0),
                b.count if b else 0,
                sel.indicator,
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


def breakdown(*, user: Any, sel: Selection) -> Breakdown | None:
    """Every active indicator with the "field" breakdown, by="field": one roll-up each."""
    chosen = [i for i in selectors.indicator_list(user=user) if i.breakdown == Indicator.Breakdown.FIELD]
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
            r = _rollup(user, sel, indicator, by="field")
        except NotFound:
            raise
        except DomainError:
            continue
        kept.append(indicator)
        totals[indicator.code] = (r.value, r.count)
        for row in r.rows:
            values[(indicator.code, row.key)] = (row.value, row.count)
            if row.key not in dict(categories):
                categories.append((row.key, str(row.label).capitalize()))
    if not kept:
        return None
    return Breakdown(kept, categories, values, totals)


# --- ECharts options (built here, drawn by dashboard.js) ------------------------------------------


def _float(value: Decimal, count: int) -> float | None:
    """null in a chart is "nothing reported": the line breaks there instead of dropping to 0."""
    return float(value) if count else None


def trend_chart(r: Rollup) -> dict[str, Any]:
    label = r.indicator.label
    return {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "xAxis": {"type": "category", "data": [row.key for row in r.rows]},
        "yAxis": {"type": "value", "name": r.indicator.uom},
        "series": [
            {
                "name": label,
                "type": "line",
                "connectNulls": False,
                "symbolSize": 8,
                "label": {"show": True, "position": "top"},
                "data": [_float(row.value, row.count) for row in r.rows],
            }
        ],
    }


def yoy_chart(c: Comparison) -> dict[str, Any] | None:
    if c.now is None or not c.rows:
        return None
    names = [row.unit.short_name or row.unit.name for row in c.rows]
    series = []
    if c.before is not None and c.last_period is not None:
        series.append(
            {
                "name": c.last_period.code,
                "type": "bar",
                "barMaxWidth": 14,
                "data": [_float(row.last_value, row.last_count) for row in c.rows],
            }
        )
    series.append(
        {
            "name": c.now.period.code,
            "type": "bar",
            "barMaxWidth": 14,
            "data": [_float(row.value, row.count) for row in c.rows],
        }
    )
    return {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "inverse": True, "data": names},
        "series": series,
        "color": ["#9aa3ad", "#b3201a"],
    }


def breakdown_chart(b: Breakdown) -> dict[str, Any]:
    return {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [label for _code, label in b.categories]},
        "series": [
            {
                "name": i.label,
                "type": "bar",
                "barMaxWidth": 16,
                "data": [float(b.values.get((i.code, code), (Decimal(0), 0))[0]) for code, _label in b.categories],
            }
            for i in b.indicators
        ],
        "color": ["#1d4f91", "#1e6b3a", "#e0b420", "#b3201a"],
    }


# --- the drill-down as a table of every indicator (exports) --------------------------------------


@dataclass
class AreaTable:
    """Rows = the children, columns = every active indicator, and the area's own total."""

    indicators: list[Indicator]
    rows: list[tuple[AdminUnit, list[tuple[Decimal, int]]]]
    total: list[tuple[Decimal, int]]
    problems: dict[str, str]


def area_table(*, user: Any, sel: Selection) -> AreaTable:
    """One `by="child"` roll-up per indicator: the queries grow with indicators, never with children."""
    indicators = list(selectors.indicator_list(user=user))
    kids: list[AdminUnit] = []
    columns: list[dict[str, tuple[Decimal, int]]] = []
    total: list[tuple[Decimal, int]] = []
    problems: dict[str, str] = {}
    for indicator in indicators:
        try:
            r = _rollup(user, sel, indicator, by="child")
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


# --- completeness --------------------------------------------------------------------------------

SHOW_CHOICES = ("", "missing", "late")


@dataclass
class Completeness:
    rows: list[dict[str, Any]]
    expected: int
    reported: int
    late: int
    due: date | None

    @property
    def missing(self) -> int:
        return self.expected - self.reported


def completeness(*, user: Any, sel: Selection, show: str = "", today: date | None = None) -> Completeness:
    """Who should report on the form for the period, with counts over all of them before any filter."""
    _require(sel.form)
    rows = selectors.completeness(user=user, form=sel.form, period=sel.period, unit=sel.unit, era=sel.era, today=today)
    result = Completeness(
        rows,
        expected=len(rows),
        reported=sum(1 for r in rows if r["reported"]),
        late=sum(1 for r in rows if r["late"]),
        due=rows[0]["due"] if rows else None,
    )
    if show == "missing":
        result.rows = [r for r in rows if not r["reported"]]
    elif show == "late":
        result.rows = [r for r in rows if r["late"]]
    return result
