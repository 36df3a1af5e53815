"""Reads of the map for a user: every function here returns only what that user may see.

They start from `org.access`, so this module sits above org; the map's own reads, which know no
user (ancestors by path, the other eras' units inside an area), are `geo.lineage`'s, below org.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.geo.lineage import ancestor_paths, area_q, unit_equivalents
from danvan.geo.models import AdminUnit, Era, Level, Succession
from danvan.org.access import visible_units

__all__ = ["ancestor_paths", "area_q", "unit_equivalents"]  # the map's own reads, kept importable from here


def era_list() -> QuerySet[Era]:
    return Era.objects.all()


def era_in_force(on: date) -> Era | None:
    return (
        Era.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def current_era() -> Era | None:
    return Era.objects.filter(valid_to__isnull=True).order_by("-valid_from").first()


def unit_list(
    *,
    user: Any,
    era: str | None = None,
    level: str | None = None,
    parent: AdminUnit | None = None,
    q: str | None = None,
    as_of: date | None = None,
) -> QuerySet[AdminUnit]:
    qs = visible_units(user)
    if era:
        qs = qs.filter(era_id=era)
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if as_of is not None:
        qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=as_of)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=as_of)
        )
    if q:
        qs = unit_search(qs, q)
    return qs


def unit_search(qs: QuerySet[AdminUnit], q: str) -> QuerySet[AdminUnit]:
    """Diacritics optional: "uong bi" and "Uông Bí" both find Thành phố Uông Bí.

    Matches at the start of a word, so "uong bi" does not find "Phường Biên Giang".
    """
    needle = fold(q)
    if not needle:
        return qs
    return qs.filter(Q(name_ascii__startswith=needle) | Q(name_ascii__contains=" " + needle))


def unit_get(*, user: Any, era: str, code: str) -> AdminUnit:
    if "\x00" in era or "\x00" in code:  # PostgreSQL refuses NUL in text: no unit can have it
        raise NotFound(_("No administrative unit %(code)s in era %(era)s.") % {"code": code, "era": era})
    unit = unit_list(user=user).filter(era_id=era, code=code).select_related("era", "parent").first()
    if unit is None:
        raise NotFound(_("No administrative unit %(code)s in era %(era)s.") % {"code": code, "era": era})
    return unit


def unit_tree_level(*, user: Any, era: str | None = None, parent: AdminUnit | None = None) -> QuerySet[AdminUnit]:
    """One level of the map as a lazy tree shows it: the provinces of `era`, or `parent`'s children.

    Each unit carries `has_children`: whether `user` can see any unit below it, so the tree offers
    to expand only what will show something (one query, whatever the number of units).
    """
    qs = unit_list(user=user, era=era, level=Level.PROVINCE) if parent is None else unit_list(user=user, parent=parent)
    below = unit_list(user=user).filter(parent=OuterRef("pk"))
    return qs.annotate(has_children=Exists(below)).order_by("path")


def units_by_paths(*, user: Any, paths: list[str] | tuple[str, ...]) -> QuerySet[AdminUnit]:
    """The units at exactly these paths (e.g. a scope's roots in every era), in path order."""
    return unit_list(user=user).filter(path__in=list(paths)).select_related("era").order_by("path")


def unit_subtree(*, user: Any, unit: AdminUnit, include_self: bool = True) -> QuerySet[AdminUnit]:
    qs = unit_list(user=user).filter(path__prefix=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def unit_ancestors(*, user: Any, unit: AdminUnit) -> QuerySet[AdminUnit]:
    return unit_list(user=user).filter(path__in=ancestor_paths(unit.path)).order_by("path")


def unit_successors(*, user: Any, unit: AdminUnit) -> list[tuple[AdminUnit, Succession]]:
    visible = unit_list(user=user)
    rows = (
        Succession.objects.filter(predecessor=unit, successor__in=visible)
        .select_related("successor", "successor__era")
        .order_by("-is_default", "successor__path")
    )
    return [(s.successor, s) for s in rows]


def unit_predecessors(*, user: Any, unit: AdminUnit) -> list[tuple[AdminUnit, Succession]]:
    visible = unit_list(user=user)
    rows = (
        Succession.objects.filter(successor=unit, predecessor__in=visible)
        .select_related("predecessor", "predecessor__era")
        .order_by("predecessor__path")
    )
    return [(s.predecessor, s) for s in rows]


def unit_covering(*, user: Any, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The unit(s) in force on `on` that cover `unit`'s place.

    Forward in time a unit has one default successor; backward a merged unit had several
    predecessors, so the answer is a list.
    """
    era = era_in_force(on)
    if era is None or era.code == unit.era_id:
        return [unit] if era is not None else []
    visible = unit_list(user=user).select_related("era")
    if unit.era.valid_to and era.valid_from and era.valid_from > unit.era.valid_to:
        return list(visible.filter(incoming__predecessor=unit, incoming__is_default=True, era=era))
    return list(visible.filter(outgoing__successor=unit, era=era).order_by("path"))
