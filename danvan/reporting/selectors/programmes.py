"""Reads of programmes and their progress, from the live roll-ups (never summed here by hand).

A target's actual figure is the roll-up of its indicator over its unit and the indicator's periods
from the programme's start to the day asked (or the target's due date, if earlier): their sum, or a
stock's latest value, as the indicator declares (`Indicator.time_aggregation`, applied by
`rollups.rollup`). Figures recorded under either map's units count, as in every roll-up.

The linear rule expects, on a day, the share of the target that the time elapsed since the start
bears to the whole span to the due date; a share target is expected at its full percent from the
first day. A target is *done* once its total is reached (a share: once it is met at its due date);
*behind* once its due date has passed without it; otherwise *on track* at or above the programme's
"on track" percent of the expected progress, *at risk* at or above its "at risk" percent, and
*behind* below. Before the start nothing is expected yet: on track.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.geo.lineage import ancestor_paths
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can, scope_filter, scope_roots, units_where
from danvan.reporting.models import Indicator, Period, PeriodType, Programme, ProgressStatus, Target
from danvan.reporting.periods import period_get
from danvan.reporting.selectors.rollups import Rollup, rollup

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def programme_list(*, user: Any) -> QuerySet[Programme]:
    """The programmes of units the user sees (in either era), newest first."""
    qs = Programme.objects.select_related("unit", "issuer")
    return scope_filter(qs, user, unit_field="unit", org_field=None)


def programme_get(*, user: Any, pk: int) -> Programme:
    programme = programme_list(user=user).filter(pk=pk).first()
    if programme is None:
        raise NotFound(_("This programme does not exist or is not in your area."))
    return programme


def programmes_covering(*, user: Any, unit: AdminUnit) -> QuerySet[Programme]:
    """The programmes the user sees that cover `unit`: set at it or at a unit above it on its map."""
    paths = [*ancestor_paths(unit.path), unit.path]
    return programme_list(user=user).filter(unit__path__in=paths).order_by("-start", "name")


def programme_may_manage(*, user: Any, programme: Programme) -> bool:
    """Whether the pages offer to change the programme (the services decide again on every write)."""
    return can(user, Action.MANAGE, programme.unit)


def programme_units(*, user: Any, limit: int = 1000) -> list[AdminUnit]:
    """Units a programme may be set at by the user: the highest they manage, and the provinces and
    districts they manage (a national user: every one of both maps), newest map first."""
    managed = units_where(user, Action.MANAGE, with_organization=False)
    roots = scope_roots(user, Action.MANAGE).values("pk")  # a subquery: no query of its own
    qs = managed.filter(Q(level__in=[Level.PROVINCE, Level.DISTRICT]) | Q(pk__in=roots))
    return list(qs.select_related("parent").order_by("-era_id", "path")[:limit])


def target_units(*, user: Any, programme: Programme, limit: int = 2000) -> list[AdminUnit]:
    """Units a target of the programme may be set at: the programme's unit and those below it, above the villages."""
    _check_view(user, programme)
    qs = AdminUnit.objects.filter(era_id=programme.unit.era_id, path__prefix=programme.unit.path).exclude(
        level=Level.VILLAGE
    )
    return list(qs.select_related("parent").order_by("path")[:limit])


def target_get(*, user: Any, programme: Programme, pk: int) -> Target:
    _check_view(user, programme)
    target = programme.targets.select_related("indicator", "denominator", "unit", "due_period").filter(pk=pk).first()
    if target is None:
        raise NotFound(_("This target does not exist or is not in your area."))
    return target


def target_list(*, user: Any, programme: Programme) -> list[Target]:
    _check_view(user, programme)
    return list(programme.targets.select_related("indicator", "denominator", "unit", "due_period"))


def _check_view(user: Any, programme: Programme) -> None:
    if not can(user, Action.VIEW, programme.unit):
        raise NotFound(_("This programme does not exist or is not in your area."))


@dataclass
class UnitFigure:
    unit: AdminUnit
    value: Decimal
    count: int  # values summed: 0 means nothing reported


@dataclass
class TargetProgress:
    target: Target
    goal: Decimal  # the whole target: a total, the number of units below, or a percent
    actual: Decimal | None  # so far: a total, the units that reach the minimum, or the share (None: no base yet)
    expected: Decimal  # what the rule expects by the day asked, in the goal's terms
    percent: Decimal | None  # actual over expected, in percent (None while nothing is expected)
    status: ProgressStatus
    due: date
    window: Period | None  # the periods counted (None before the start)
    rollups: list[Rollup] = field(default_factory=list)  # the roll-ups read, to quote them
    numerator: Decimal | None = None  # a share's two totals
    denominator: Decimal | None = None
    met: list[UnitFigure] = field(default_factory=list)  # per unit below: those that reach the minimum
    short: list[UnitFigure] = field(default_factory=list)  # and those that do not yet

    @property
    def status_label(self) -> str:
        return str(self.status.label)


@dataclass
class ProgrammeProgress:
    programme: Programme
    as_of: date
    targets: list[TargetProgress]


def programme_progress(*, user: Any, programme: Programme, as_of: date) -> ProgrammeProgress:
    """Each target's actual figure, expected figure, percent and status on `as_of`."""
    _check_view(user, programme)
    out = [_target_progress(user, programme, target, as_of) for target in target_list(user=user, programme=programme)]
    return ProgrammeProgress(programme, as_of, out)


def _target_progress(user: Any, programme: Programme, target: Target, as_of: date) -> TargetProgress:
    due = target.due_period.end if target.due_period is not None else programme.end
    elapsed = _elapsed(programme.start, due, as_of)
    ended = as_of > due
    last_day = min(as_of, due)
    periods = _periods(target.indicator, programme.start, last_day)
    progress = TargetProgress(
        target=target,
        goal=target.value,
        actual=None,
        expected=Decimal(0),
        percent=None,
        status=ProgressStatus.ON_TRACK,
        due=due,
        window=periods[0] if periods and target.indicator.period_type != PeriodType.PHASE else None,
    )
    if target.kind == Target.Kind.ABSOLUTE:
        value, rollups = _figure(user, target.unit, target.indicator, periods)
        progress.actual, progress.rollups = value, rollups
        expected = Fraction(target.value) * elapsed
    elif target.kind == Target.Kind.SHARE:
        num, num_rollups = _figure(user, target.unit, target.indicator, periods)
        den, den_rollups = Decimal(0), list[Rollup]()
        if target.denominator is not None:  # a check constraint keeps a share's denominator
            same = target.denominator.period_type == target.indicator.period_type
            den_periods = periods if same else _periods(target.denominator, programme.start, last_day)
            den, den_rollups = _figure(user, target.unit, target.denominator, den_periods)
        progress.numerator, progress.denominator = num, den
        progress.rollups = num_rollups + den_rollups
        progress.actual = (num * HUNDRED / den).quantize(CENT) if den else None
        expected = Fraction(target.value) if elapsed else Fraction(0)
    else:
        figures, rollups = _per_unit(user, target, periods)
        progress.rollups = rollups
        progress.met = [f for f in figures if f.value >= target.value]
        progress.short = [f for f in figures if f.value < target.value]
        progress.goal = Decimal(len(figures))
        progress.actual = Decimal(len(progress.met))
        expected = Fraction(len(figures)) * elapsed
    actual = (
        Fraction(progress.numerator or 0) * 100 / Fraction(progress.denominator)
        if target.kind == Target.Kind.SHARE and progress.denominator
        else Fraction(progress.actual or 0)
    )
    progress.expected = _decimal(expected)
    progress.percent = _decimal(actual * 100 / expected) if expected else None
    progress.status = _status(
        programme,
        actual=actual,
        goal=Fraction(progress.goal),
        expected=expected,
        ended=ended,
        cumulative=target.kind != Target.Kind.SHARE,
    )
    return progress


def _status(
    programme: Programme, *, actual: Fraction, goal: Fraction, expected: Fraction, ended: bool, cumulative: bool
) -> ProgressStatus:
    """The programme's rule, in exact fractions so that 80% is 80% at the edge."""
    if actual >= goal and (cumulative or ended):
        return ProgressStatus.DONE
    if ended:
        return ProgressStatus.BEHIND
    if not expected:
        return ProgressStatus.ON_TRACK  # nothing is expected yet
    ratio = actual * 100 / expected
    if ratio >= programme.on_track_percent:
        return ProgressStatus.ON_TRACK
    if ratio >= programme.at_risk_percent:
        return ProgressStatus.AT_RISK
    return ProgressStatus.BEHIND


def _elapsed(start: date, due: date, as_of: date) -> Fraction:
    """The share of the days from `start` to `due` (both counted) that have passed by the end of `as_of`."""
    if as_of < start:
        return Fraction(0)
    if as_of >= due:
        return Fraction(1)
    return Fraction((as_of - start).days + 1, (due - start).days + 1)


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT)


# --- which periods count ------------------------------------------------------------------------------


def _code_at(kind: str, day: date) -> str:
    """The code of the period of type `kind` (not a phase) that holds `day`."""
    if kind == PeriodType.YEAR:
        return f"{day.year}"
    if kind == PeriodType.HALF:
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if kind == PeriodType.QUARTER:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _periods(indicator: Indicator, first_day: date, last_day: date) -> list[Period]:
    """What to read the roll-ups for: the span as one period, or the phases (none before the start)."""
    if last_day < first_day:
        return []
    if indicator.period_type == PeriodType.PHASE:
        return _phases(first_day, last_day)
    return [_window(indicator, first_day, last_day)]


def _window(indicator: Indicator, first_day: date, last_day: date) -> Period:
    """The span of the indicator's periods that overlap `first_day`…`last_day`, as one (unsaved) period.

    The roll-up selector sums a longer period's periods (a stock: takes the latest with figures),
    so the whole span is one roll-up.
    """
    first = period_get(_code_at(indicator.period_type, first_day))
    last = period_get(_code_at(indicator.period_type, last_day))
    if first.code == last.code:
        return first
    return Period(code=f"{first.code}…{last.code}", type=PeriodType.PHASE, start=first.start, end=last.end)


def _phases(first_day: date, last_day: date) -> list[Period]:
    """Phases with reports that overlap the span, oldest first (a phase is a stored period or has no figures)."""
    return list(Period.objects.filter(type=PeriodType.PHASE, start__lte=last_day, end__gte=first_day).order_by("start"))


def _figure(user: Any, unit: AdminUnit, indicator: Indicator, periods: list[Period]) -> tuple[Decimal, list[Rollup]]:
    """The indicator's roll-up over `unit` for the span: one roll-up, or one per phase folded the same way."""
    rollups = [rollup(user=user, unit=unit, indicator=indicator, period=p) for p in periods]
    if indicator.time_aggregation == Indicator.TimeAggregation.LAST:
        latest = [r for r in rollups if r.count]
        return (latest[-1].value if latest else Decimal(0)), rollups
    return sum((r.value for r in rollups), Decimal(0)), rollups


def _per_unit(user: Any, target: Target, periods: list[Period]) -> tuple[list[UnitFigure], list[Rollup]]:
    """Each unit of the target's level below its unit, with its roll-up: one roll-up by child per parent."""
    units = list(
        AdminUnit.objects.filter(era_id=target.unit.era_id, level=target.level, path__prefix=target.unit.path).order_by(
            "path"
        )
    )
    wanted = {u.path: u for u in units}
    parents = list(AdminUnit.objects.filter(pk__in={u.parent_id for u in units}).order_by("path"))
    found: dict[str, tuple[Decimal, int]] = {}
    rollups: list[Rollup] = []
    stock = target.indicator.time_aggregation == Indicator.TimeAggregation.LAST
    for parent in parents if periods else []:
        for period in periods:
            r = rollup(user=user, unit=parent, indicator=target.indicator, period=period, by="child")
            rollups.append(r)
            for row in r.rows:
                if row.key not in wanted:
                    continue
                value, count = found.get(row.key, (Decimal(0), 0))
                if stock:  # phases oldest first: the latest with figures wins
                    found[row.key] = (row.value, row.count) if row.count else (value, count)
                else:
                    found[row.key] = (value + row.value, count + row.count)
    figures = [UnitFigure(u, *found.get(u.path, (Decimal(0), 0))) for u in units]
    return figures, rollups
