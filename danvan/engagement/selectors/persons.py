"""Reads of prestigious persons, starting from `org.access` (by the person's village).

Ethnicity, religion, phone and address are sensitive personal data (Law 91/2025/QH15): only a
reviewer or manager of the person's place sees them, and every read of them writes an audit row.
Viewers and reporters see the name, the village, the standing and the dates — except that the
standing "religious dignitary" reveals a religion: for them it reads "other" (`standing_shown`),
in lists, filters, pages, exports and the API alike, so neither a label nor a filter gives it away.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.engagement.models import PersonEngagement, PrestigiousPerson
from danvan.engagement.models.persons import MASKED_STANDING, SENSITIVE_STANDINGS
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import area_q, units_by_paths
from danvan.org.access import Action, can, is_national, may_anywhere, scope_filter, scope_roots

SENSITIVE_FIELDS = ("ethnic_group", "religion", "phone", "address")
_MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class PersonFilters:
    q: str | None = None
    unit: AdminUnit | None = None
    standing: str | None = None
    standing_on: date | None = None  # only those recognised on that day


def may_see_sensitive(user: Any, unit: AdminUnit) -> bool:
    return can(user, Action.REVIEW, unit)


def may_see_sensitive_anywhere(user: Any) -> bool:
    return may_anywhere(user, Action.REVIEW)


def _masked_q(user: Any) -> Q:
    """The persons whose standing `user` may not see: a sensitive standing outside the places he reviews."""
    sensitive = Q(standing__in=SENSITIVE_STANDINGS)
    if not may_see_sensitive_anywhere(user):
        return sensitive
    reviewed = scope_filter(
        PrestigiousPerson.objects.all(), user, unit_field="village", org_field=None, action=Action.REVIEW
    )
    return sensitive & ~Q(pk__in=reviewed.values("pk"))


def person_list(*, user: Any, filters: PersonFilters | None = None) -> QuerySet[PrestigiousPerson]:
    """The plain record: selecting the sensitive columns here would read them without an audit row."""
    qs: QuerySet[PrestigiousPerson] = scope_filter(
        PrestigiousPerson.objects.all(), user, unit_field="village", org_field=None
    )
    shown = Case(When(_masked_q(user), then=Value(MASKED_STANDING)), default=F("standing"), output_field=CharField())
    qs = qs.annotate(standing_shown=shown)
    f = filters or PersonFilters()
    if f.q and fold(f.q):
        qs = qs.filter(Q(full_name__icontains=f.q.strip()) | Q(village__name_ascii__contains=fold(f.q)))
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit, "village"))
    if f.standing:
        qs = qs.filter(standing_shown=f.standing)
    if f.standing_on:
        qs = qs.filter(Q(until__isnull=True) | Q(until__gte=f.standing_on), since__lte=f.standing_on)
    return qs.defer(*SENSITIVE_FIELDS).select_related("village", "village__parent")


def person_get(*, user: Any, pk: int) -> PrestigiousPerson:
    found = None if pk > _MAX_ID else person_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such person."))
    return found


def person_sensitive(*, user: Any, persons: Iterable[PrestigiousPerson], purpose: str) -> dict[int, dict[str, Any]]:
    """{person id: ethnic group, religion, phone, address} for the persons `user` may see them of.

    One audit row per person read, with the purpose (detail, list, export, api).
    """
    allowed = [p.pk for p in persons if may_see_sensitive(user, p.village)]
    if not allowed:
        return {}
    rows = PrestigiousPerson.objects.filter(pk__in=allowed).select_related("ethnic_group")
    out = {}
    for p in rows:
        out[p.pk] = {"ethnic_group": p.ethnic_group, "religion": p.religion, "phone": p.phone, "address": p.address}
        audit(actor=user, verb="person.sensitive_read", target=p, purpose=purpose)
    return out


def audit_standings(*, user: Any, persons: Iterable[PrestigiousPerson], purpose: str) -> None:
    """A sensitive standing shown (to who may see it) is a read of sensitive data: one audit row each."""
    for p in persons:
        if getattr(p, "standing_shown", None) in SENSITIVE_STANDINGS:
            audit(actor=user, verb="person.sensitive_read", target=p, purpose=purpose, field="standing")


def person_engagements(*, user: Any, person: PrestigiousPerson) -> QuerySet[PersonEngagement]:
    """The log of a person the user sees (person_get first)."""
    return person.engagements.select_related("created_by").order_by("-held_on", "-pk")


def person_counts(*, user: Any, unit: AdminUnit | None, on: date | None = None) -> list[tuple[AdminUnit, int]]:
    """Persons recognised on `on` (today) per unit one level below `unit` (the user's scope roots if none)."""
    on = on or timezone.localdate()
    qs = person_list(user=user, filters=PersonFilters(unit=unit, standing_on=on))
    paths = list(qs.values_list("village__path", flat=True))
    if unit is not None:
        depth = unit.path.count("/") + 1
    else:  # one level below the user's scope roots; provinces for national users
        roots = [] if is_national(user) else [u.path for u in scope_roots(user)]
        depth = min(p.count("/") for p in roots) + 1 if roots else 2
    counted = Counter("/".join(p.split("/")[:depth]) + "/" for p in paths if p.count("/") >= depth)
    units = {u.path: u for u in units_by_paths(user=user, paths=list(counted))}
    return sorted(((units[p], n) for p, n in counted.items() if p in units), key=lambda row: row[0].path)
