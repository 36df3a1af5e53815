"""The reporting figures the models registry already knows: registered, recognised and typical, by field.

The same counting as `selectors.initiative_stats`: drafts, returned and discontinued models are not
working models and are not counted. A model counts in its registration year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Count, Q

from danvan.initiatives.models import Field, Initiative, Status
from danvan.reporting.computed import (
    Categories,
    Rows,
    Span,
    Where,
    bucketed,
    record_breakdown,
    record_source,
    record_source_bucketed,
)

REGISTERED = [Status.REGISTERED, Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED]
RECOGNISED = [Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED]
TYPICAL = [Status.TYPICAL, Status.COMMENDED]


def _count(statuses: list[str], start: date, end: date, where: Where) -> Rows:
    qs = Initiative.objects.filter(where("unit"), status__in=statuses, year__gte=start.year, year__lte=end.year)
    return qs.order_by().values_list("unit_id", "field").annotate(n=Count("pk"))


@record_source("initiatives.registered")
def registered(start: date, end: date, where: Where) -> Rows:
    return _count(REGISTERED, start, end, where)


@record_source("initiatives.recognised")
def recognised(start: date, end: date, where: Where) -> Rows:
    return _count(RECOGNISED, start, end, where)


@record_source("initiatives.typical")
def typical(start: date, end: date, where: Where) -> Rows:
    return _count(TYPICAL, start, end, where)


@record_breakdown("field")
def fields() -> Categories:
    """The "by field of model" breakdown: one category per field of a model."""
    return list(Field.choices)


def _bucketed(key: str, statuses: Sequence[str], spans: list[Span], where: Where) -> list[Any]:
    qs = Initiative.objects.filter(where("unit"), status__in=statuses)
    return [bucketed(qs, key, spans, _years, value=Count("pk"), category="field")]


def _years(start: date, end: date) -> Q:
    return Q(year__gte=start.year, year__lte=end.year)


@record_source_bucketed("initiatives.registered")
def registered_bucketed(spans: list[Span], where: Where) -> list[Any]:
    return _bucketed("initiatives.registered", REGISTERED, spans, where)


@record_source_bucketed("initiatives.recognised")
def recognised_bucketed(spans: list[Span], where: Where) -> list[Any]:
    return _bucketed("initiatives.recognised", RECOGNISED, spans, where)


@record_source_bucketed("initiatives.typical")
def typical_bucketed(spans: list[Span], where: Where) -> list[Any]:
    return _bucketed("initiatives.typical", TYPICAL, spans, where)
