"""The map's own reads, which know no user: a path's ancestors, and a unit's area across eras.

They sit below `org` (its access policy is built on them), so they import nothing but the map's
models; the reads for a user, which start from `org.access`, are `geo.selectors`'.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery

from danvan.geo.models import AdminUnit, Succession


def ancestor_paths(path: str) -> list[str]:
    """ "2024/22/193/06823/" -> ["2024/22/", "2024/22/193/"]"""
    era, *codes = path.strip("/").split("/")
    return [f"{era}/{'/'.join(codes[: i + 1])}/" for i in range(len(codes) - 1)]


def unit_equivalents(unit: AdminUnit) -> list[AdminUnit]:
    """Units of the other eras that lie wholly inside `unit`'s area, as few (highest) as possible.

    A manager of today's Tuyên Quang is responsible for what was recorded under the old Tuyên
    Quang and Hà Giang; a reporter of an old ward merged into a larger new one is not
    responsible for the new ward. Two queries, whatever the size of the subtree: every signed-in
    request computes its user's scope with it, before anything else on the page.
    """
    inside = Q(path__prefix=unit.path)
    # candidates: units a unit inside went to, or came from (one UNION query)
    forward = Succession.objects.filter(predecessor__path__prefix=unit.path).values_list("successor_id")
    backward = Succession.objects.filter(successor__path__prefix=unit.path).values_list("predecessor_id")
    candidates = [pk for (pk,) in forward.union(backward)]
    if not candidates:
        return []
    # a candidate is inside only if every unit it came from / went to is inside too
    came_from_outside = Succession.objects.filter(successor_id=OuterRef("pk")).exclude(
        predecessor__path__prefix=unit.path
    )
    went_outside = Succession.objects.filter(predecessor_id=OuterRef("pk")).exclude(successor__path__prefix=unit.path)
    found = (
        AdminUnit.objects.filter(pk__in=candidates)
        .exclude(inside)
        .exclude(Exists(came_from_outside))
        .exclude(Exists(went_outside))
        .order_by("path")
    )
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
        return Q(**{f"{field}__in": _UnitsToday(unit.path)})
    q = Q(**{f"{field}__path__prefix": unit.path})
    for other in _equivalents(unit):
        q |= Q(**{f"{field}__path__prefix": other.path})
    return q


class _UnitsToday(Subquery):
    """`unit_id IN (the ids of the units whose latest_path is under the prefix)`: the same records
    as joining the units and filtering their `latest_path`, but the database starts from the
    area's units (an index range) and then the records' own index on their unit. Joined, SQLite
    (no histogram of paths) overestimates how many units a range of paths keeps, and walks instead
    an index of the records' own columns over the whole country: a province's models by status and year
    read 77,000 rows for 761 (0.3 s instead of 0.02). Its repr names the prefix, so a statement
    built from it is cached by its text (`reporting.computed`)."""

    def __init__(self, prefix: str, **extra: Any) -> None:
        super().__init__(AdminUnit.objects.filter(latest_path__prefix=prefix).values("pk"), **extra)
        self.prefix = prefix

    def __repr__(self) -> str:
        return f"UnitsToday({self.prefix!r})"


def in_area(place: AdminUnit, unit: AdminUnit) -> bool:
    """Is `place` in `unit`'s area? The same reading as `area_q`, for one unit already in hand
    (a decision's recipients, a campaign's registrants: no query per unit)."""
    if unit.latest_path == unit.path:
        return place.latest_path.startswith(unit.path)
    return place.path.startswith((unit.path, *(other.path for other in _equivalents(unit))))


def _equivalents(unit: AdminUnit) -> list[AdminUnit]:
    """`unit_equivalents`, asked many times per page (one per computed figure): kept on the instance."""
    others = getattr(unit, "_equivalents", None)
    if others is None:
        others = unit_equivalents(unit)
        unit._equivalents = others  # type: ignore[attr-defined]
    return others
