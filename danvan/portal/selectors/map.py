"""The portal map's figures: public models per province, on the current map or an older one.

Only `public_initiatives()` is counted (the one public rule). A model is counted where the
models registry counts it (`geo.lineage.area_q`, as `initiatives.selectors.initiative_stats`
reads a unit's area):

- on the newest map, under the province that covers its unit today (`AdminUnit.latest_path`,
  which follows default successors), so a model recorded under old Hà Giang counts for today's
  Tuyên Quang;
- on an older map, under the old province its unit was recorded in, and a model recorded on a
  newer map under the old province that wholly contains its unit (all the unit's predecessors,
  or those of the nearest ancestor that has any, lie in that one old province). A model in a new
  commune formed from communes of two old provinces lies in neither: it is counted in
  `unplaced`, and the page says so.

A handful of queries whatever the number of models: no query per province.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.geo.lineage import ancestor_paths
from danvan.geo.models import AdminUnit, Era, Level, Succession
from danvan.portal.selectors.published import public_initiatives

CHUNK = 5000  # paths per query: well under SQLite's limit on bound parameters


@dataclass(frozen=True)
class ProvinceCount:
    code: str
    name: str
    count: int
    successor: str  # the code of the province that covers it on the newest map (its own code there)


@dataclass(frozen=True)
class MapCounts:
    era: Era
    newest: bool
    provinces: list[ProvinceCount]
    unplaced: int  # public models that lie in no single province of this (older) map

    @property
    def total(self) -> int:
        return sum(p.count for p in self.provinces)

    @property
    def highest(self) -> int:
        return max((p.count for p in self.provinces), default=0)


def map_eras() -> list[Era]:
    """The maps the portal offers, newest first, each with its number of `provinces` (one query)."""
    eras = Era.objects.annotate(provinces=Count("units", filter=Q(units__level=Level.PROVINCE)))
    return sorted(eras, key=lambda e: (e.valid_to is None, e.valid_from or e.valid_to or date.min), reverse=True)


def map_counts(*, era: str, eras: list[Era] | None = None) -> MapCounts:
    """`eras`: `map_eras()` when the caller already has it (saves a query)."""
    eras = eras if eras is not None else map_eras()
    found = next((e for e in eras if e.code == era), None)
    if found is None:
        raise NotFound(_("There is no map of era %(era)s.") % {"era": era})
    newest = found is eras[0]
    units = list(
        AdminUnit.objects.filter(era_id=era, level=Level.PROVINCE)
        .order_by("code")
        .values_list("code", "name", "latest_path")
    )
    if newest:
        counts, unplaced = _newest_counts(era), 0
    else:
        counts, unplaced = _older_counts(era)
    provinces = [
        ProvinceCount(code=code, name=name, count=counts.get(code, 0), successor=_province_code(latest))
        for code, name, latest in units
    ]
    return MapCounts(era=found, newest=newest, provinces=provinces, unplaced=unplaced)


def _province_code(path: str) -> str:
    """ "2025/22/06823/" -> "22" """
    return path.split("/")[1]


def _newest_counts(era: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    rows = (
        public_initiatives()
        .filter(unit__latest_path__startswith=f"{era}/")
        .order_by()
        .values_list("unit__latest_path")
        .annotate(n=Count("pk"))
    )
    for latest, n in rows:
        counts[_province_code(latest)] += n
    return counts


def _older_counts(era: str) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    elsewhere: Counter[str] = Counter()  # unit path on another map -> models
    rows = public_initiatives().order_by().values_list("unit_path").annotate(n=Count("pk"))
    for path, n in rows:
        if path.startswith(f"{era}/"):
            counts[_province_code(path)] += n
        else:
            elsewhere[path] += n
    if not elsewhere:
        return counts, 0
    # the old provinces that each candidate unit (a model's unit or one of its ancestors) came from
    candidates = sorted({p for path in elsewhere for p in (path, *ancestor_paths(path))})
    came_from: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(candidates), CHUNK):  # one query unless there are thousands of units
        links = Succession.objects.filter(successor__path__in=candidates[start : start + CHUNK]).values_list(
            "successor__path", "predecessor__path"
        )
        for successor, predecessor in links:
            came_from[successor].add(predecessor)
    unplaced = 0
    for path, n in elsewhere.items():
        origin = next((came_from[p] for p in (path, *reversed(ancestor_paths(path))) if p in came_from), set())
        provinces = {_province_code(p) for p in origin}
        if origin and all(p.startswith(f"{era}/") for p in origin) and len(provinces) == 1:
            counts[provinces.pop()] += n
        else:
            unplaced += n
    return counts, unplaced
