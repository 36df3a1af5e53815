"""The commended collectives and individuals the reporting roll-up reads from issued decisions.

A recipient counts at its own unit in the year its decision was signed; a revoked decision counts
nothing. The indicators are "both": what was awarded outside DanVan is typed beside these.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, Value

from danvan.recognition.models import Certificate, DecisionStatus, Subject
from danvan.reporting.computed import Rows, Span, Where, bucketed, record_source, record_source_bucketed


def _count(subject: str, start: date, end: date, where: Where) -> Rows:
    qs = Certificate.objects.filter(
        where("unit"),
        subject=subject,
        decision__status=DecisionStatus.ISSUED,
        decision__signed_on__gte=start,
        decision__signed_on__lte=end,
    )
    return (
        qs.order_by().values_list("unit_id").annotate(cat=Value(""), n=Count("pk")).values_list("unit_id", "cat", "n")
    )


@record_source("recognition.awards_collective")
def collectives(start: date, end: date, where: Where) -> Rows:
    return _count(Subject.COLLECTIVE, start, end, where)


@record_source("recognition.awards_individual")
def individuals(start: date, end: date, where: Where) -> Rows:
    return _count(Subject.INDIVIDUAL, start, end, where)


def _signed(start: date, end: date) -> Q:
    return Q(decision__signed_on__gte=start, decision__signed_on__lte=end)


def _bucketed(key: str, subject: str, spans: list[Span], where: Where) -> list[Any]:
    qs = Certificate.objects.filter(where("unit"), subject=subject, decision__status=DecisionStatus.ISSUED)
    return [bucketed(qs, key, spans, _signed, value=Count("pk"))]


@record_source_bucketed("recognition.awards_collective")
def collectives_bucketed(spans: list[Span], where: Where) -> list[Any]:
    return _bucketed("recognition.awards_collective", Subject.COLLECTIVE, spans, where)


@record_source_bucketed("recognition.awards_individual")
def individuals_bucketed(spans: list[Span], where: Where) -> list[Any]:
    return _bucketed("recognition.awards_individual", Subject.INDIVIDUAL, spans, where)
