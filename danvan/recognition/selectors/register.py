"""Reads of the awards register: the certificates of issued (and revoked) decisions a user may see, and their counts.

Place works on either map: a unit of the 2024 map finds what was awarded under today's units that
lie inside it and the other way round (geo.lineage.area_q, the roll-up's rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.geo.lineage import area_q
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, organizations_usable, scope_filter
from danvan.recognition.models import Award, Certificate, Conference, DecisionStatus, Subject


@dataclass(frozen=True)
class RegisterFilter:
    level: str = ""  # the issuer's level on the map
    award: Award | None = None
    field: str = ""  # the field of the linked model
    year: int | None = None
    unit: AdminUnit | None = None
    include_revoked: bool = True


def register_list(*, user: Any, f: RegisterFilter | None = None) -> QuerySet[Certificate]:
    f = f or RegisterFilter()
    statuses = [DecisionStatus.ISSUED, DecisionStatus.REVOKED] if f.include_revoked else [DecisionStatus.ISSUED]
    qs = Certificate.objects.filter(
        decision__issuer__in=organizations_usable(user, Action.VIEW), decision__status__in=statuses
    )
    if f.level:
        qs = qs.filter(decision__issuer__unit__level=f.level)
    if f.award is not None:
        qs = qs.filter(decision__award=f.award)
    if f.field:
        qs = qs.filter(initiative__field=f.field)
    if f.year:
        qs = qs.filter(decision__year=f.year)
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit))
    return qs.select_related(
        "decision", "decision__issuer", "decision__issuer__unit", "decision__award", "unit", "initiative"
    ).order_by("-decision__signed_on", "decision_id", "order", "pk")


@dataclass(frozen=True)
class RegisterStats:
    by_award: list[tuple[str, int]]
    by_level: list[tuple[str, int]]
    by_year: list[tuple[int, int]]
    by_subject: list[tuple[str, int]]
    revoked: int
    total: int


def register_stats(rows: QuerySet[Certificate]) -> RegisterStats:
    """Counts of the filtered register: revoked certificates are counted apart, never in the forms' totals."""
    base = rows.order_by()
    valid = base.filter(decision__status=DecisionStatus.ISSUED)

    def count(field: str) -> list[tuple[Any, int]]:
        return list(valid.values(field).annotate(n=Count("pk")).order_by(field).values_list(field, "n"))

    return RegisterStats(
        by_award=count("decision__award__name"),
        by_level=[(str(Level(k).label), n) for k, n in count("decision__issuer__unit__level")],
        by_year=count("decision__year"),
        by_subject=[(str(Subject(k).label), n) for k, n in count("subject")],
        revoked=base.filter(decision__status=DecisionStatus.REVOKED).count(),
        total=valid.count(),
    )


def conference_list(*, user: Any) -> QuerySet[Conference]:
    """Conferences held in the user's scope, by their unit and organisation."""
    qs: QuerySet[Conference] = scope_filter(Conference.objects.all(), user, org_field="organization")
    return (
        qs.select_related("unit", "unit__era", "organization")
        .annotate(handed=Count("decisions"))
        .order_by("-held_on", "-pk")
    )


def conference_get(*, user: Any, pk: int) -> Conference:
    conference = conference_list(user=user).filter(pk=pk).first()
    if conference is None:
        raise NotFound(_("No such conference."))
    return conference
