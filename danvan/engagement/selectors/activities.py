"""Reads of "Three Together" activities, starting from `org.access` (by the place and the organisation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.engagement.models import GrassrootsActivity
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import area_q
from danvan.org.access import scope_filter
from danvan.org.models import Organization

_MAX_ID = 2**63 - 1
TOTALS = ("cadres_count", "people_count", "houses_built", "houses_repaired", "money", "workdays")


@dataclass(frozen=True)
class ActivityFilters:
    unit: AdminUnit | None = None
    organization: Organization | None = None
    activity: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def activity_list(*, user: Any, filters: ActivityFilters | None = None) -> QuerySet[GrassrootsActivity]:
    qs = scope_filter(GrassrootsActivity.objects.all(), user, unit_field="unit", org_field="organization")
    f = filters or ActivityFilters()
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit, "unit"))
    if f.organization is not None:
        qs = qs.filter(organization=f.organization)
    if f.activity:
        # JSON containment is not on SQLite: the codes are plain words, so a quoted match is exact
        qs = qs.filter(activities__icontains=f'"{f.activity}"')
    if f.date_from:
        qs = qs.filter(end_date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(start_date__lte=f.date_to)
    return qs.select_related("unit", "unit__parent", "organization", "organization__kind").order_by(
        "-start_date", "-pk"
    )


def activity_get(*, user: Any, pk: int) -> GrassrootsActivity:
    found = None if pk > _MAX_ID else activity_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such activity."))
    return found


def activity_totals(qs: QuerySet[GrassrootsActivity]) -> dict[str, Any]:
    """Σ of the figures of a filtered list, and how many activities and organisations it holds."""
    sums = qs.order_by().aggregate(
        **{name: Sum(name) for name in TOTALS},
        activities=Count("pk"),
        organizations=Count("organization", distinct=True),
    )
    out = {k: (v or 0) for k, v in sums.items()}
    out["money"] = Decimal(out["money"])
    out["houses"] = out["houses_built"] + out["houses_repaired"]
    return out
