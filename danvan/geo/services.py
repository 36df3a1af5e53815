"""Writes to the map: the official load and the villages users add under their commune."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.geo import unit_paths
from danvan.geo.models import LEVEL_DEPTH, AdminUnit, Era, Level, Succession, make_path, village_latest_path
from danvan.geo.signals import map_changed

MAP_FILE = Path(__file__).parent / "data" / "vn_admin_map.json.gz"
_PARENT_LEVELS = {
    Level.PROVINCE: set(),
    Level.DISTRICT: {Level.PROVINCE},
    Level.COMMUNE: {Level.PROVINCE, Level.DISTRICT},
}


@dataclass(frozen=True)
class MapLoadResult:
    created: int
    updated: int
    unchanged: int
    successions: int
    kept_absent: int  # official units no longer in the file: kept, because data may point at them


Row = dict[str, Any]  # one record of the map file, as read from JSON


def _read(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, EOFError, ValueError) as exc:
        raise DomainError(_("The map file %(path)s cannot be read: %(error)s") % {"path": path, "error": exc}) from exc
    if not isinstance(data, dict) or not {"eras", "units", "successions"} <= data.keys():
        raise DomainError(_("The map file %(path)s lacks eras, units or successions.") % {"path": path})
    return data


def _validate(data: dict[str, Any]) -> tuple[dict[str, Row], dict[tuple[str, str], Row], list[Row]]:
    """Check the whole file before anything is written, so a bad file changes nothing."""
    eras: dict[str, Row] = {}
    for era in data["eras"]:
        eras[era["code"]] = era
    units: dict[tuple[str, str], Row] = {}
    for row in data["units"]:
        try:
            era, code, level, parent, type_name, name, short_name = row
        except (TypeError, ValueError) as exc:
            raise DomainError(_("A unit row is malformed: %(row)r") % {"row": row}) from exc
        if era not in eras:
            raise DomainError(_("Unit %(code)s names an unknown era %(era)s.") % {"code": code, "era": era})
        if level not in _PARENT_LEVELS:
            raise DomainError(_("Unit %(code)s has an unknown level %(level)s.") % {"code": code, "level": level})
        if (era, code) in units:
            raise DomainError(_("Unit %(code)s appears twice in era %(era)s.") % {"code": code, "era": era})
        units[(era, code)] = {
            "era": era,
            "code": code,
            "level": level,
            "parent": parent,
            "type_name": type_name,
            "name": name,
            "short_name": short_name,
        }
    for unit in units.values():
        parent = units.get((unit["era"], unit["parent"])) if unit["parent"] else None
        expected = _PARENT_LEVELS[unit["level"]]
        if (parent is None) != (not expected) or (parent and parent["level"] not in expected):
            raise DomainError(
                _("Unit %(code)s (%(era)s) has a missing or wrong parent %(parent)s.")
                % {"code": unit["code"], "era": unit["era"], "parent": unit["parent"]}
            )
    successions = []
    defaults: dict[tuple[str, str], int] = {}
    for row in data["successions"]:
        try:
            from_era, from_code, to_era, to_code, is_default, weight = row
            weight = Decimal(weight)
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise DomainError(_("A succession row is malformed: %(row)r") % {"row": row}) from exc
        for key in ((from_era, from_code), (to_era, to_code)):
            if key not in units:
                raise DomainError(
                    _("A succession names unit %(code)s (%(era)s), which is not in the map.")
                    % {"code": key[1], "era": key[0]}
                )
        if not Decimal(0) < weight <= Decimal(1):
            raise DomainError(_("A succession weight must be in (0, 1]: %(row)r") % {"row": row})
        defaults[(from_era, from_code)] = defaults.get((from_era, from_code), 0) + bool(is_default)
        successions.append(
            {"from": (from_era, from_code), "to": (to_era, to_code), "is_default": bool(is_default), "weight": weight}
        )
    split = [key for key, n in defaults.items() if n != 1]
    if split:
        raise DomainError(
            _("%(n)d units do not have exactly one default successor, e.g. %(code)s.")
            % {"n": len(split), "code": split[0][1]}
        )
    return eras, units, successions


@transaction.atomic
def map_load(*, actor: Any = None, path: Path = MAP_FILE) -> MapLoadResult:
    """Load or refresh the official map; idempotent, all or nothing.

    Units are matched on (era, code) and updated in place, so everything pointing at them keeps
    working. Successions follow the file (see `_sync_successions`); any change to the units or
    the successions tells the roll-ups (`map_changed`), which re-map history in the background.
    """
    eras, units, successions = _validate(_read(path))

    for era in eras.values():
        Era.objects.update_or_create(
            code=era["code"],
            defaults={
                "name": era["name"],
                "name_en": era.get("name_en", ""),
                "valid_from": date.fromisoformat(era["valid_from"]) if era.get("valid_from") else None,
                "valid_to": date.fromisoformat(era["valid_to"]) if era.get("valid_to") else None,
            },
        )
    existing = {(u.era_id, u.code): u for u in AdminUnit.objects.filter(official=True)}
    latest = _latest_paths(units, successions)
    created = updated = unchanged = 0
    saved: dict[tuple[str, str], AdminUnit] = {}
    fields = (
        "level", "type_name", "name", "short_name", "name_ascii", "parent_id", "path", "latest_path",
        "valid_from", "valid_to",
    )  # fmt: skip
    for depth in range(3):  # parents before children, so each row can point at a saved parent
        batch_new, batch_changed = [], []
        for key, row in units.items():
            if LEVEL_DEPTH[row["level"]] != depth:
                continue
            era = eras[row["era"]]
            parent = saved[(row["era"], row["parent"])] if row["parent"] else None
            values = {
                "level": row["level"],
                "type_name": row["type_name"],
                "name": row["name"],
                "short_name": row["short_name"],
                "name_ascii": fold(row["name"]),
                "parent_id": parent.pk if parent else None,
                "path": make_path(row["era"], parent.path if parent else None, row["code"]),
                "latest_path": latest[key],
                "valid_from": date.fromisoformat(era["valid_from"]) if era.get("valid_from") else None,
                "valid_to": date.fromisoformat(era["valid_to"]) if era.get("valid_to") else None,
            }
            unit = existing.get(key)
            if unit is None:
                unit = AdminUnit(era_id=row["era"], code=row["code"], official=True, **values)
                batch_new.append(unit)
            elif any(getattr(unit, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(unit, f, v)
                batch_changed.append(unit)
            else:
                unchanged += 1
            saved[key] = unit
        AdminUnit.objects.bulk_create(batch_new, batch_size=2000)
        AdminUnit.objects.bulk_update(batch_changed, fields, batch_size=2000)
        created += len(batch_new)
        updated += len(batch_changed)
    if updated:
        _repath_villages()
        unit_paths.resync_all()  # records carry their unit's path: follow the units that moved
    n_successions, changed = _sync_successions(saved, successions)
    kept = len(existing.keys() - units.keys())
    audit(actor=actor, verb="map.load", created=created, updated=updated, successions=n_successions,
          source=str(path.name))  # fmt: skip
    if created or updated or changed:
        map_changed.send(sender=AdminUnit, reason="map.load")
    return MapLoadResult(created, updated, unchanged, n_successions, kept)


def _latest_paths(units: dict[tuple[str, str], Row], successions: list[Row]) -> dict[tuple[str, str], str]:
    """Each unit's path on the newest map, following default successors: old records count under today's units."""
    paths: dict[tuple[str, str], str] = {}
    for depth in range(3):
        for key, row in units.items():
            if LEVEL_DEPTH[row["level"]] == depth:
                parent = paths[(row["era"], row["parent"])] if row["parent"] else None
                paths[key] = make_path(row["era"], parent, row["code"])
    default = {s["from"]: s["to"] for s in successions if s["is_default"]}
    latest: dict[tuple[str, str], str] = {}
    for key in units:
        hop, seen = key, 0
        while hop in default and seen < 16:  # a cycle in bad data stops here instead of looping
            hop, seen = default[hop], seen + 1
        latest[key] = paths[hop]
    return latest


def _sync_successions(saved: dict[tuple[str, str], AdminUnit], successions: list[Row]) -> tuple[int, int]:
    """Make the official successions match the file: links no longer in it are removed, new ones added.

    Weights someone edited are kept while a unit keeps the same successors; a unit whose
    successors changed takes the file's weights for all of them, so they still add up.
    Returns (successions in the file, successions added, removed, re-defaulted or re-weighed)."""
    current = {
        (s.predecessor_id, s.successor_id): s
        for s in Succession.objects.filter(predecessor__official=True, successor__official=True)
    }
    wanted = {(saved[s["from"]].pk, saved[s["to"]].pk): s for s in successions}
    successors_now: dict[int, set[int]] = {}
    successors_wanted: dict[int, set[int]] = {}
    for pred, succ in current:
        successors_now.setdefault(pred, set()).add(succ)
    for pred, succ in wanted:
        successors_wanted.setdefault(pred, set()).add(succ)
    reshaped = {pred for pred, succs in successors_wanted.items() if successors_now.get(pred, succs) != succs}

    gone = [s.pk for key, s in current.items() if key not in wanted]
    Succession.objects.filter(pk__in=gone).delete()
    flips = [s for key, s in current.items() if key in wanted and s.is_default != wanted[key]["is_default"]]
    for s in flips:
        s.is_default = not s.is_default
    # two passes so that "one default per predecessor" holds after each statement
    Succession.objects.bulk_update([s for s in flips if not s.is_default], ["is_default"])
    Succession.objects.bulk_update([s for s in flips if s.is_default], ["is_default"])
    reweighed = [
        s for key, s in current.items() if key in wanted and key[0] in reshaped and s.weight != wanted[key]["weight"]
    ]
    for s in reweighed:
        s.weight = wanted[(s.predecessor_id, s.successor_id)]["weight"]
    Succession.objects.bulk_update(reweighed, ["weight"], batch_size=2000)
    new = [
        Succession(predecessor_id=pred, successor_id=succ, is_default=s["is_default"], weight=s["weight"])
        for (pred, succ), s in wanted.items()
        if (pred, succ) not in current
    ]
    Succession.objects.bulk_create(new, batch_size=2000)
    return len(wanted), len(gone) + len(flips) + len(reweighed) + len(new)


def _repath_villages() -> None:
    villages = list(AdminUnit.objects.filter(level=Level.VILLAGE).select_related("parent"))
    for v in villages:
        v.path = make_path(v.era_id, v.parent.path if v.parent else None, v.code)
        v.latest_path = village_latest_path(v)
    AdminUnit.objects.bulk_update(villages, ["path", "latest_path"], batch_size=2000)


@transaction.atomic
def village_add(*, actor: Any, commune: AdminUnit, name: str, type_name: str = "Thôn") -> AdminUnit:
    """Villages and residential groups are in no official list: managers add them under a commune."""
    from danvan.org.access import Action, can  # access sits above geo

    if commune.level != Level.COMMUNE:
        raise DomainError(_("Villages can only be added under a commune or ward."))
    if not can(actor, Action.MANAGE, commune):
        raise DomainError(_("You may not add villages in %(unit)s.") % {"unit": commune}, code="forbidden", status=403)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("A village needs a name."))
    if commune.children.filter(name_ascii=fold(f"{type_name} {name}")).exists():
        raise DomainError(_("%(unit)s already has a village called %(name)s.") % {"unit": commune, "name": name})
    taken = set(commune.children.values_list("code", flat=True))
    n = len(taken) + 1
    while f"{commune.code}-{n:03d}" in taken:
        n += 1
    unit = AdminUnit(
        era=commune.era,
        code=f"{commune.code}-{n:03d}",
        level=Level.VILLAGE,
        type_name=type_name,
        name=f"{type_name} {name}",
        short_name=name,
        parent=commune,
        official=False,
        valid_from=commune.valid_from,
        valid_to=commune.valid_to,
    )
    try:
        unit.save()
    except IntegrityError as exc:
        raise DomainError(_("This village could not be saved; please try again.")) from exc
    audit(actor=actor, verb="unit.village_add", target=unit, name=unit.name)
    return unit
