"""Reporting figures computed from dialogues, Three Together activities and prestigious persons.

The catalogue marks them source "both": a report adds only what was not recorded item by item.
An activity counts in the period of its first day. Party cells and organisations are counted once
each, at the organisation's own unit (any kind of organisation that went, not only Party cells:
Tuyên Quang's "1,008 Party cells and committees" counts committees and the organisations they
send), so a district's figure is the number of distinct organisations based in it that went.
Commune and village figures count visits, as the catalogue explains.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Count, F, Q, Sum, When

from danvan.engagement.models import Dialogue, GrassrootsActivity, PrestigiousPerson
from danvan.geo.models import Level
from danvan.reporting.computed import Rows, Span, Where, bucketed, record_source, record_source_bucketed


def _activities(start: date, end: date, where: Where, field: str = "unit"):
    return GrassrootsActivity.objects.filter(where(field), start_date__gte=start, start_date__lte=end).order_by()


def _sum(start: date, end: date, where: Where, expr) -> Rows:
    rows = _activities(start, end, where).values_list("unit_id").annotate(v=Sum(expr))
    return [(unit_id, "", v) for unit_id, v in rows if v]


@record_source("engagement.tt_party_cells")
def tt_party_cells(start: date, end: date, where: Where) -> Rows:
    rows = (
        _activities(start, end, where, "organization__unit")
        .values_list("organization__unit_id")
        .annotate(n=Count("organization", distinct=True))
    )
    return [(unit_id, "", n) for unit_id, n in rows]


@record_source("engagement.tt_cadres")
def tt_cadres(start: date, end: date, where: Where) -> Rows:
    return _sum(start, end, where, "cadres_count")


@record_source("engagement.tt_people")
def tt_people(start: date, end: date, where: Where) -> Rows:
    return _sum(start, end, where, "people_count")


@record_source("engagement.tt_communes")
def tt_communes(start: date, end: date, where: Where) -> Rows:
    """One visit per activity to the commune it was in: at the commune itself or at one of its villages."""
    qs = _activities(start, end, where).filter(unit__level__in=[Level.COMMUNE, Level.VILLAGE])
    counts: dict[int, int] = {}
    for unit_id, level, parent_id in qs.values_list("unit_id", "unit__level", "unit__parent_id"):
        commune = parent_id if level == Level.VILLAGE else unit_id
        counts[commune] = counts.get(commune, 0) + 1
    return [(unit_id, "", n) for unit_id, n in counts.items()]


@record_source("engagement.tt_villages")
def tt_villages(start: date, end: date, where: Where) -> Rows:
    rows = (
        _activities(start, end, where).filter(unit__level=Level.VILLAGE).values_list("unit_id").annotate(n=Count("pk"))
    )
    return [(unit_id, "", n) for unit_id, n in rows]


@record_source("engagement.houses")
def houses(start: date, end: date, where: Where) -> Rows:
    return _sum(start, end, where, F("houses_built") + F("houses_repaired"))


@record_source("engagement.money")
def money(start: date, end: date, where: Where) -> Rows:
    return _sum(start, end, where, "money")


@record_source("engagement.workdays")
def workdays(start: date, end: date, where: Where) -> Rows:
    return _sum(start, end, where, "workdays")


@record_source("engagement.dialogues")
def dialogues(start: date, end: date, where: Where) -> Rows:
    qs = Dialogue.objects.filter(where("unit"), held_on__gte=start, held_on__lte=end).order_by()
    return [(unit_id, "", n) for unit_id, n in qs.values_list("unit_id").annotate(n=Count("pk"))]


@record_source("engagement.prestigious_persons")
def prestigious_persons(start: date, end: date, where: Where) -> Rows:
    """A stock: the persons recognised on the period's last day."""
    standing = Q(since__lte=end) & (Q(until__isnull=True) | Q(until__gte=end))
    qs = PrestigiousPerson.objects.filter(where("village"), standing).order_by()
    return [(unit_id, "", n) for unit_id, n in qs.values_list("village_id").annotate(n=Count("pk"))]


# --- the same figures for many periods in one read (dashboards) -----------------------------------


def _started(start: date, end: date) -> Q:
    return Q(start_date__gte=start, start_date__lte=end)


def _sum_bucketed(key: str, expr: Any) -> Any:
    def build(spans: list[Span], where: Where) -> list[Any]:
        return [bucketed(GrassrootsActivity.objects.filter(where("unit")), key, spans, _started, value=Sum(expr))]

    return record_source_bucketed(key)(build)


_sum_bucketed("engagement.tt_cadres", "cadres_count")
_sum_bucketed("engagement.tt_people", "people_count")
_sum_bucketed("engagement.houses", F("houses_built") + F("houses_repaired"))
_sum_bucketed("engagement.money", "money")
_sum_bucketed("engagement.workdays", "workdays")


@record_source_bucketed("engagement.tt_party_cells")
def tt_party_cells_bucketed(spans: list[Span], where: Where) -> list[Any]:
    qs = GrassrootsActivity.objects.filter(where("organization__unit"))
    key = "engagement.tt_party_cells"
    value = Count("organization", distinct=True)
    return [bucketed(qs, key, spans, _started, value=value, unit="organization__unit_id")]


@record_source_bucketed("engagement.tt_communes")
def tt_communes_bucketed(spans: list[Span], where: Where) -> list[Any]:
    qs = GrassrootsActivity.objects.filter(where("unit"), unit__level__in=[Level.COMMUNE, Level.VILLAGE])
    commune = Case(When(unit__level=Level.VILLAGE, then=F("unit__parent_id")), default=F("unit_id"))
    return [bucketed(qs, "engagement.tt_communes", spans, _started, value=Count("pk"), unit=commune)]


@record_source_bucketed("engagement.tt_villages")
def tt_villages_bucketed(spans: list[Span], where: Where) -> list[Any]:
    qs = GrassrootsActivity.objects.filter(where("unit"), unit__level=Level.VILLAGE)
    return [bucketed(qs, "engagement.tt_villages", spans, _started, value=Count("pk"))]


@record_source_bucketed("engagement.dialogues")
def dialogues_bucketed(spans: list[Span], where: Where) -> list[Any]:
    def held(start: date, end: date) -> Q:
        return Q(held_on__gte=start, held_on__lte=end)

    return [bucketed(Dialogue.objects.filter(where("unit")), "engagement.dialogues", spans, held, value=Count("pk"))]


@record_source_bucketed("engagement.prestigious_persons")
def prestigious_persons_bucketed(spans: list[Span], where: Where) -> list[Any]:
    """A stock: each period counts the persons standing on its last day, so one part per period."""
    qs = PrestigiousPerson.objects.filter(where("village"))
    return [
        bucketed(
            qs.filter(Q(since__lte=end) & (Q(until__isnull=True) | Q(until__gte=end))),
            "engagement.prestigious_persons",
            spans,
            None,
            value=Count("pk"),
            unit="village_id",
            at=n,
        )
        for n, (_start, end) in enumerate(spans)
    ]
