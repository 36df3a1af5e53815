"""Reporting periods from their codes: "2024", "2024-H1", "2024-Q3", "2024-05", "2021-2025".

Periods are rows so values can point at them, but nobody creates them by hand: any valid code is
parsed, and stored only when a report is opened for it (`services.period_ensure`, called by
`submission_open`). Reading never writes: a page or an API read for a period nobody reported gets
an unsaved `Period` (its `pk` is None), which finds no values.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.reporting.models import PERIOD_TYPE_ORDER, Period, PeriodType, ReportForm

_PATTERNS = [
    (PeriodType.PHASE, re.compile(r"^(\d{4})-(\d{4})$")),
    (PeriodType.HALF, re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)),
    (PeriodType.QUARTER, re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)),
    (PeriodType.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (PeriodType.YEAR, re.compile(r"^(\d{4})$")),
]
MIN_YEAR, MAX_YEAR = 1945, 2100


def period_parse(code: str) -> tuple[str, str, date, date]:
    """(normalised code, type, start, end), or a DomainError that says what a code looks like."""
    text = (code or "").strip()
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        year, n = int(m.group(1)), int(m.group(2)) if m.lastindex and m.lastindex > 1 else 0
        if kind == PeriodType.PHASE and (n <= year or n - year > 10):
            break  # "2024-2024" or a 20-year "phase" is a typo
        if kind == PeriodType.MONTH and not 1 <= n <= 12:
            break
        if not MIN_YEAR <= year <= MAX_YEAR:
            break
        start, end, norm = _bounds(kind, year, n)
        return norm, kind, start, end
    raise DomainError(
        _(
            "“%(code)s” is not a reporting period. Write a year (2024), a half (2024-H1), a quarter (2024-Q3), "
            "a month (2024-05) or a phase (2021-2025)."
        )
        % {"code": text[:40]},
        code="bad_period",
    )


def _bounds(kind: str, year: int, n: int) -> tuple[date, date, str]:
    if kind == PeriodType.YEAR:
        return date(year, 1, 1), date(year, 12, 31), f"{year}"
    if kind == PeriodType.PHASE:
        return date(year, 1, 1), date(n, 12, 31), f"{year}-{n}"
    if kind == PeriodType.HALF:
        return date(year, 6 * n - 5, 1), _month_end(year, 6 * n), f"{year}-H{n}"
    if kind == PeriodType.QUARTER:
        return date(year, 3 * n - 2, 1), _month_end(year, 3 * n), f"{year}-Q{n}"
    return date(year, n, 1), _month_end(year, n), f"{year}-{n:02d}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


Known = Mapping[str, Period]  # periods already read by this request, by normalised code (`periods_get`)


def period_get(code: str, *, known: Known | None = None) -> Period:
    """The stored period for `code`, or an unsaved one built from the code: a read never stores a row.

    `known`: what `periods_get` already read for this request (a code found there costs no query).
    """
    norm, kind, start, end = period_parse(code)
    if known is not None and norm in known:
        return known[norm]
    return Period.objects.filter(code=norm).first() or Period(code=norm, type=kind, start=start, end=end)


def periods_get(codes: Iterable[str]) -> dict[str, Period]:
    """{normalised code: period} for every valid code of `codes`, stored or unsaved, in one read."""
    parsed = {}
    for code in codes:
        try:
            norm, kind, start, end = period_parse(code)
        except DomainError:
            continue
        parsed[norm] = (kind, start, end)
    found = {p.code: p for p in Period.objects.filter(code__in=list(parsed))} if parsed else {}
    for norm, (kind, start, end) in parsed.items():
        if norm not in found:
            found[norm] = Period(code=norm, type=kind, start=start, end=end)
    return found


def periods_within(outer: Period, kind: str, *, known: Known | None = None) -> list[Period]:
    """The periods of type `kind` that make up `outer`, oldest first; those never used are unsaved.

    `known`: the periods this request has already read (`periods_get`): only the others are read.
    """
    if PERIOD_TYPE_ORDER[kind] < PERIOD_TYPE_ORDER[outer.type]:
        return []
    if kind == outer.type:  # read again if built unsaved: a report may have stored it since
        if outer.pk is not None:
            return [outer]
        return [period_get(outer.code, known=known)]
    codes: list[str] = []
    for year in range(outer.start.year, outer.end.year + 1):
        if kind == PeriodType.YEAR:
            codes.append(f"{year}")
        elif kind == PeriodType.HALF:
            codes += [f"{year}-H{h}" for h in (1, 2)]
        elif kind == PeriodType.QUARTER:
            codes += [f"{year}-Q{q}" for q in (1, 2, 3, 4)]
        elif kind == PeriodType.MONTH:
            codes += [f"{year}-{m:02d}" for m in range(1, 13)]
    found = {c: known[c] for c in codes if c in known} if known is not None else {}
    missing = [c for c in codes if c not in found]
    if missing:
        found.update({p.code: p for p in Period.objects.filter(code__in=missing)})
    for code in codes:
        if code not in found:
            norm, kind_, start, end = period_parse(code)
            found[code] = Period(code=norm, type=kind_, start=start, end=end)
    inside = [found[c] for c in codes if outer.start <= found[c].start and found[c].end <= outer.end]
    return inside


def previous_code(period: Period) -> str:
    """The code of the period of the same type just before `period`."""
    year = period.start.year
    if period.type == PeriodType.YEAR:
        return f"{year - 1}"
    if period.type == PeriodType.PHASE:
        length = period.end.year - year + 1
        return f"{year - length}-{year - 1}"
    if period.type == PeriodType.HALF:
        return f"{year}-H1" if period.start.month == 7 else f"{year - 1}-H2"
    if period.type == PeriodType.QUARTER:
        q = (period.start.month - 1) // 3 + 1
        return f"{year}-Q{q - 1}" if q > 1 else f"{year - 1}-Q4"
    m = period.start.month
    return f"{year}-{m - 1:02d}" if m > 1 else f"{year - 1}-12"


def last_year_code(period: Period) -> str:
    """The code of the same period last year (a phase: the phase before)."""
    if period.type == PeriodType.PHASE:
        return previous_code(period)
    return f"{period.start.year - 1}{period.code[4:]}"


def period_previous(period: Period, *, known: Known | None = None) -> Period | None:
    """The period of the same type just before `period` (for the jump warning and year-on-year)."""
    try:
        return period_get(previous_code(period), known=known)
    except DomainError:
        return None


def period_same_last_year(period: Period, *, known: Known | None = None) -> Period | None:
    try:
        return period_get(last_year_code(period), known=known)
    except DomainError:
        return None


def period_era(period: Period) -> str | None:
    """The code of the map in force on the period's last day: whoever exists then reports on it.

    2025-H1 ends on 30 June 2025, on the 63-province map with districts; the year 2025 ends on the
    34-province map of two-level local government, which has none.
    """
    from danvan.geo.selectors import era_in_force

    era = era_in_force(period.end)
    return era.code if era else None


def form_levels(form: ReportForm, period: Period, *, era: str | None = None) -> list[str]:
    """The form's reporting levels that exist on the period's map: no district level after 1 July 2025.

    `era` is the period's map when the caller already knows it (one query less).
    """
    from danvan.geo.models import AdminUnit

    levels = list(form.levels or [])
    era = era or period_era(period)
    if era is None or not levels:
        return levels
    present = set(  # one query on the (era, level) index
        AdminUnit.objects.filter(era_id=era, level__in=levels).order_by().values_list("level", flat=True).distinct()
    )
    return [level for level in levels if level in present]


# how many periods of each type the "open a report" page offers, the current one and those before it
OPEN_PERIODS = {
    PeriodType.PHASE: 2,
    PeriodType.YEAR: 4,
    PeriodType.HALF: 4,
    PeriodType.QUARTER: 6,
    PeriodType.MONTH: 12,
}
PHASE_FIRST_YEAR, PHASE_YEARS = 2021, 5  # the movement's five-year phases: 2021-2025, 2026-2030…


def periods_open(kind: str, *, today: date) -> list[Period]:
    """The periods of type `kind` a report is opened for: the current one and the ones before, newest first.

    Stored rows where they exist, unsaved ones otherwise (a read stores nothing).
    """
    year = today.year
    codes: list[str] = []
    if kind == PeriodType.PHASE:
        start = PHASE_FIRST_YEAR + (year - PHASE_FIRST_YEAR) // PHASE_YEARS * PHASE_YEARS
        codes = [f"{s}-{s + PHASE_YEARS - 1}" for s in range(start, start - PHASE_YEARS * 2, -PHASE_YEARS)]
    elif kind == PeriodType.YEAR:
        codes = [f"{y}" for y in range(year, year - OPEN_PERIODS[PeriodType.YEAR], -1)]
    else:
        per_year = {PeriodType.HALF: 2, PeriodType.QUARTER: 4, PeriodType.MONTH: 12}[PeriodType(kind)]
        index = year * per_year + (today.month - 1) * per_year // 12
        for i in range(index, index - OPEN_PERIODS[PeriodType(kind)], -1):
            y, n = divmod(i, per_year)
            codes.append(
                f"{y}-H{n + 1}"
                if kind == PeriodType.HALF
                else f"{y}-Q{n + 1}"
                if kind == PeriodType.QUARTER
                else f"{y}-{n + 1:02d}"
            )
    stored = {p.code: p for p in Period.objects.filter(code__in=codes)}
    out = []
    for code in codes:
        if code in stored:
            out.append(stored[code])
        else:
            norm, kind_, start_, end = period_parse(code)
            out.append(Period(code=norm, type=kind_, start=start_, end=end))
    return out
