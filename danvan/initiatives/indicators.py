"""The reporting figures the models registry already knows: registered, recognised and typical, by field.

The same counting as `selectors.initiative_stats`: drafts, returned and discontinued models are not
working models and are not counted. A model counts in its registration year.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from danvan.initiatives.models import Field, Initiative, Status
from danvan.reporting.computed import Categories, Rows, Where, record_breakdown, record_source

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
