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

from django.db.models import Count, F, Q, Sum

from danvan.engagement.models import Dialogue, GrassrootsActivity, PrestigiousPerson
from danvan.geo.models import Level
from danvan.reporting.computed import Rows, Where, record_source


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
