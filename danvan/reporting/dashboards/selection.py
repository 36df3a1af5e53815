"""What a dashboard, a completeness list or an export is asked for: the GET parameters, resolved.

Era, unit (or the nation), period and the indicator or form; a bad parameter is a message and a
status (404 where a unit is out of scope, as for a missing one), never an exception for the view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import AdminUnit, Era
from danvan.org.access import Action, home_unit, is_national, may_anywhere
from danvan.reporting import selectors
from danvan.reporting.models import Indicator, Period, PeriodType, ReportForm
from danvan.reporting.periods import last_year_code, period_get, period_parse, period_same_last_year, periods_get

T = TypeVar("T")


@dataclass
class Selection:
    """The resolved GET parameters of a dashboard, completeness list or export."""

    era: str
    unit: AdminUnit | None  # None is the nation
    period: Period
    indicator: Indicator | None = None
    approved_only: bool = False
    form: ReportForm | None = None
    eras: list[Era] = field(default_factory=list)  # every map, read once for the page's links
    memo: dict[str, Any] = field(default_factory=dict, compare=False)  # what several parts of a page ask alike
    # the period, last year's, the trend's phase and its years, read together (`page_period_codes`)
    periods: dict[str, Period] = field(default_factory=dict, compare=False)

    def era_list(self) -> list[Era]:
        if not self.eras:
            self.eras = list(geo_selectors.era_list())
        return self.eras

    @property
    def node(self) -> str:
        return self.unit.path if self.unit is not None else f"{self.era}/"

    @cached_property
    def last_period(self) -> Period | None:
        """The same period last year, for every comparison on the page."""
        return period_same_last_year(self.period, known=self.periods)

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
    *, user: Any, params: Mapping[str, str], need: str = "indicator", indicators: list[Indicator] | None = None
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
    era_rows = list(geo_selectors.era_list())
    eras = [e.code for e in era_rows]
    raw_era = (params.get("era") or "").strip()
    if raw_era and raw_era not in eras:
        problem.add(DomainError(_("There is no map version “%(value)s”.") % {"value": raw_era[:20]}))
        era, unit = _current_era(), None  # a unit's code means nothing without its map: not looked up
    else:
        era, unit = _place(user, params, raw_era, eras, problem)
    known.update(era=era, unit=unit)

    period, periods = _period(params.get("period"), problem, user=user, unit=unit, era=era)
    indicator = form = None
    raw = (params.get(need) or "").strip()
    if need == "indicator":
        indicator = _indicator(user, raw, problem, indicators)
    else:
        form = _form(user, raw, problem, period)
    known.update(period=period, indicator=indicator, form=form)
    if problem.messages or period is None or (indicator is None and form is None):
        return None, problem, known
    approved = (params.get("approved") or "").lower() in {"1", "on", "true", "yes"}
    return Selection(era, unit, period, indicator, approved, form, era_rows, periods=periods), problem, known


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
    return period_get(_default_period_code(user, unit, era))


def _default_period_code(user: Any, unit: AdminUnit | None, era: str) -> str:
    from django.utils import timezone

    code = selectors.latest_year_with_figures(user=user, unit=unit, era=era)
    return code or str(timezone.localdate().year - 1)


TREND_YEARS = 5


def trend_code(period: Period) -> str:
    """The trend's phase: the five years up to the period, or the phase asked for."""
    if period.type == PeriodType.PHASE:
        return period.code
    year = period.end.year
    return f"{year - TREND_YEARS + 1}-{year}"


def page_period_codes(period: Period) -> list[str]:
    """Every period a dashboard of `period` reads: itself, last year's, the trend's phase and its years."""
    codes = [period.code, last_year_code(period), trend_code(period)]
    phase = trend_code(period)
    try:
        _norm, _kind, start, end = period_parse(phase)
    except DomainError:
        return codes
    return codes + [str(y) for y in range(start.year, end.year + 1)]


def _period(
    raw: str | None, problem: Problem, *, user: Any, unit: AdminUnit | None, era: str
) -> tuple[Period | None, dict[str, Period]]:
    """The period asked for (or the default one), and with it every period the page reads, in one query."""
    raw = (raw or "").strip()
    try:
        norm, kind, start, end = period_parse(raw or _default_period_code(user, unit, era))
    except DomainError as exc:
        problem.add(DomainError(exc.message))
        return None, {}
    periods = periods_get(page_period_codes(Period(code=norm, type=kind, start=start, end=end)))
    return periods[norm], periods


def _indicator(user: Any, raw: str, problem: Problem, active: list[Indicator] | None) -> Indicator | None:
    """The indicator asked for by its code, else the first active one (from `active` when the page has them)."""
    if raw and active is not None:
        found = next((i for i in active if i.code == raw), None)
        if found is not None:
            return found
    if raw:
        try:
            return selectors.indicator_get(user=user, code=raw)
        except DomainError as exc:
            problem.add(DomainError(exc.message))  # a bad parameter, not a place: 400
            return None
    first = active[0] if active else (selectors.indicator_list(user=user).first() if active is None else None)
    if first is None:
        problem.add(DomainError(_("No indicator is in use yet.")))
    return first


def _form(user: Any, raw: str, problem: Problem, period: Period | None) -> ReportForm | None:
    form: ReportForm | None
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


def require(choice: T | None) -> T:
    """The selection's indicator (or form), which this part of a dashboard cannot do without."""
    if choice is None:
        raise ValueError("this part of a dashboard needs the selection's indicator (or form)")
    return choice


def counts_approved_only(sel: Selection, indicator: Indicator) -> bool:
    """Records are not approved report by report: an indicator computed only from them always counts them."""
    return sel.approved_only and indicator.source != Indicator.Source.RECORDS
