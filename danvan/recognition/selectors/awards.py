"""Reads of the titles and forms of commendation: what an awarder decides on a day, what he proposes upward.

The rows are the law, public to every signed-in user; `user` is taken like every selector's so that a
later scope (campaigns of a unit) starts here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from danvan.geo.models import Level
from danvan.recognition.models import AWARDER_RANK, Award, AwardAuthority, Awarder
from danvan.recognition.models.awards import awarder_chain

LEVEL_AWARDER = {
    Level.PROVINCE: Awarder.PROVINCE_CHAIR,
    Level.DISTRICT: Awarder.DISTRICT_CHAIR,
    Level.COMMUNE: Awarder.COMMUNE_CHAIR,
}


def _in_force(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def award_list(*, user: Any, on: date | None = None, category: str | None = None) -> QuerySet[Award]:
    """Active awards with the authorities in force on `on` (all of them when no day is given)."""
    authorities = AwardAuthority.objects.order_by("valid_from", "awarder")
    if on is not None:
        authorities = authorities.filter(_in_force(on))
    qs = Award.objects.filter(active=True).prefetch_related(Prefetch("authorities", queryset=authorities))
    return qs.filter(category=category) if category else qs


def awarder_of_level(level: str) -> Awarder | None:
    """The chairman who awards at a level of the map (None for a village: it proposes)."""
    return LEVEL_AWARDER.get(Level(level)) if level in Level.values else None


def awards_decided_by(*, user: Any, awarder: str, on: date) -> list[Award]:
    """What `awarder` may decide on `on`."""
    return [a for a in award_list(user=user, on=on) if any(x.awarder == awarder for x in a.authorities.all())]


def awards_to_propose(*, user: Any, awarder: str, on: date) -> list[Award]:
    """What `awarder` does not decide on `on` but proposes to a higher authority that does."""
    rank = AWARDER_RANK[Awarder(awarder)]
    out = []
    for award in award_list(user=user, on=on):
        deciders = [x.awarder for x in award.authorities.all() if awarder_chain(x.awarder) == awarder_chain(awarder)]
        if awarder not in deciders and any(AWARDER_RANK[Awarder(d)] > rank for d in deciders):
            out.append(award)
    return out


PARTY_KINDS = {"dang-uy", "chi-bo", "ban-dan-van", "ban-tuyen-giao-dan-van"}
FRONT_KINDS = {"mttq", "hoi-cuu-chien-binh", "hoi-lhpn", "doan-thanh-nien", "hoi-nong-dan", "cong-doan"}


def awarder_of(organization: Any, *, on: date) -> Awarder | None:
    """Whom an issuing organisation stands for: its kind and its unit's level (None: it proposes upward)."""
    kind, level = organization.kind_id, organization.unit.level
    top = level == Level.PROVINCE
    if kind in PARTY_KINDS:
        return Awarder.PARTY_PROVINCE if top else Awarder.PARTY_LOCAL
    if kind in FRONT_KINDS:
        return Awarder.FRONT_PROVINCE if top else Awarder.FRONT_LOCAL
    if kind == "chinh-quyen":
        return awarder_of_level(level)
    if kind == "doanh-nghiep":
        return Awarder.ENTERPRISE_HEAD
    if kind in ("cong-an", "quan-su", "truong-hoc"):
        return Awarder.AGENCY_HEAD
    return None
