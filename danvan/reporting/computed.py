"""Indicators the system computes from its own records, so nobody types a figure it already knows.

Each app that owns records registers its sources in its `indicators.py`, imported from its
AppConfig.ready():

    @record_source("initiatives.registered")
    def registered(start: date, end: date, where: Where) -> Rows:
        qs = Initiative.objects.filter(where("unit"), year__range=(start.year, end.year), ...)
        return qs.values_list("unit_id", "field").annotate(n=Count("id")).order_by()

A source returns (unit id, category, value) rows for records dated in [start, end]; `where(field)`
is a Q narrowing them to the area asked for (pass the name of the record's AdminUnit foreign
key). The roll-up maps each unit onto the asked era's map exactly as it maps typed values, so a
computed and a typed figure add up the same way. The category is "" unless the indicator has a
breakdown (e.g. the model's field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

Where = Callable[[str], Q]
Rows = Iterable[tuple[int, str, int | Decimal | float]]
Source = Callable[[date, date, Where], Rows]

_SOURCES: dict[str, Source] = {}
Categories = list[tuple[str, Any]]  # (code, label); a label may be a lazy translation
_BREAKDOWNS: dict[str, Callable[[], Categories]] = {}


def record_source(key: str) -> Callable[[Source], Source]:
    def register(fn: Source) -> Source:
        _SOURCES[key] = fn
        return fn

    return register


def source_keys() -> list[str]:
    return sorted(_SOURCES)


def source_rows(key: str, start: date, end: date, where: Where) -> Rows:
    """Rows of a registered source; a key nobody registered (an app not installed) gives none."""
    fn = _SOURCES.get(key)
    return fn(start, end, where) if fn is not None else []


def record_breakdown(key: str) -> Callable[[Callable[[], Categories]], Callable[[], Categories]]:
    """Register the categories of a breakdown (`Indicator.Breakdown`) from the app that owns them:

    @record_breakdown("field")
    def fields() -> list[tuple[str, str]]:
        return list(Field.choices)
    """

    def register(fn: Callable[[], Categories]) -> Callable[[], Categories]:
        _BREAKDOWNS[key] = fn
        return fn

    return register


def breakdown_categories(key: str) -> Categories:
    """(code, label) of each category of a breakdown; none for a breakdown no installed app registered."""
    fn = _BREAKDOWNS.get(key)
    return fn() if fn is not None else []
