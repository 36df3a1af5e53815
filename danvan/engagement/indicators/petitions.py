"""Reporting figures from petitions: received (by date received) and resolved (by date answered).

Counted at the petition's place; a petition answered, reopened and answered again counts once,
in the period of its last answer. Rejected petitions are received but not resolved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from danvan.core.dates import days_q
from danvan.engagement.models.petitions import Petition, PetitionStatus
from danvan.reporting.computed import Rows, Span, Where, bucketed, record_source, record_source_bucketed

RESOLVED = [PetitionStatus.ANSWERED, PetitionStatus.CLOSED]


@record_source("engagement.petitions_received")
def received(start: date, end: date, where: Where) -> Rows:
    qs = Petition.objects.filter(where("unit"), days_q("received_at", start, end))
    return ((unit, "", n) for unit, n in qs.order_by().values_list("unit_id").annotate(n=Count("pk")))


@record_source("engagement.petitions_resolved")
def resolved(start: date, end: date, where: Where) -> Rows:
    qs = Petition.objects.filter(where("unit"), days_q("answered_at", start, end), status__in=RESOLVED)
    return ((unit, "", n) for unit, n in qs.order_by().values_list("unit_id").annotate(n=Count("pk")))


@record_source_bucketed("engagement.petitions_received")
def received_bucketed(spans: list[Span], where: Where) -> list[Any]:
    def on(start: date, end: date) -> Q:
        return days_q("received_at", start, end)

    qs = Petition.objects.filter(where("unit"))
    return [bucketed(qs, "engagement.petitions_received", spans, on, value=Count("pk"))]


@record_source_bucketed("engagement.petitions_resolved")
def resolved_bucketed(spans: list[Span], where: Where) -> list[Any]:
    def on(start: date, end: date) -> Q:
        return days_q("answered_at", start, end)

    qs = Petition.objects.filter(where("unit"), status__in=RESOLVED)
    return [bucketed(qs, "engagement.petitions_resolved", spans, on, value=Count("pk"))]
