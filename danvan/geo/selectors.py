"""Reads of the map. Every function that takes `user` returns only what that user may see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.geo.models import AdminUnit, Era, Level, Succession


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
    from danvan.org.access import visible_units

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
    qs = unit_list(user=user).filter(path__startswith=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def ancestor_paths(path: str) -> list[str]:
    """ "2024/22/193/06823/" -> ["2024/22/", "2024/22/193/"]"""
    era, *codes = path.strip("/").split("/")
    return [f"{era}/{'/'.join(codes[: i + 1])}/" for i in range(len(codes) - 1)]


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


def unit_equivalents(unit: AdminUnit) -> list[AdminUnit]:
    """Units of the other eras that lie wholly inside `unit`'s area, as few (highest) as possible.

    A manager of today's Tuyên Quang is responsible for what was recorded under the old Tuyên
    Quang and Hà Giang; a reporter of an old ward merged into a larger new one is not
    responsible for the new ward. Five queries, whatever the size of the subtree.
    """
    inside = Q(path__startswith=unit.path)
    forward = Succession.objects.filter(predecessor__path__startswith=unit.path)
    backward = Succession.objects.filter(successor__path__startswith=unit.path)
    candidates = set(forward.values_list("successor_id", flat=True)) | set(
        backward.values_list("predecessor_id", flat=True)
    )
    if not candidates:
        return []
    # a candidate is inside only if every unit it came from / went to is inside too
    leaking = set(
        Succession.objects.filter(successor_id__in=candidates)
        .exclude(predecessor__path__startswith=unit.path)
        .values_list("successor_id", flat=True)
    ) | set(
        Succession.objects.filter(predecessor_id__in=candidates)
        .exclude(successor__path__startswith=unit.path)
        .values_list("predecessor_id", flat=True)
    )
    found = AdminUnit.objects.filter(pk__in=candidates - leaking).exclude(inside).order_by("path")
    kept: list[AdminUnit] = []
    for candidate in found:  # ordered by path: an ancestor comes before its descendants
        if not any(candidate.path.startswith(k.path) for k in kept):
            kept.append(candidate)
    return kept


def area_q(unit: AdminUnit, field: str = "unit") -> Q:
    """Records placed anywhere in `unit`'s area, whichever map they were recorded on.

    On the newest map, old records count under the unit that covers them today (`latest_path`,
    following default successors). On an older map, newer records count when their unit lies
    wholly inside the old one.
    """
    if unit.latest_path == unit.path:
        return Q(**{f"{field}__latest_path__startswith": unit.path})
    q = Q(**{f"{field}__path__startswith": unit.path})
    others = getattr(unit, "_equivalents", None)
    if others is None:  # asked many times per page (one per computed figure): kept on the instance
        others = unit_equivalents(unit)
        unit._equivalents = others  # type: ignore[attr-defined]
    for other in others:
        q |= Q(**{f"{field}__path__startswith": other.path})
    return q
