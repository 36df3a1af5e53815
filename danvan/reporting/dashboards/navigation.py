"""The way around a dashboard: up the ancestors, down to the children, across to the other map."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.templatetags.danvan import localized_name
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import AdminUnit, Era
from danvan.org.access import Action, can, is_national, scope_roots
from danvan.reporting.dashboards.selection import Selection
from danvan.reporting.models import Period


@dataclass
class Crumb:
    label: str
    unit: AdminUnit | None
    nation: bool = False
    link: bool = True


def crumbs(*, user: Any, sel: Selection) -> list[Crumb]:
    """The nation and the unit's ancestors; linked only where the user may read the figures."""
    national = is_national(user)
    out = [Crumb(_("Whole country"), None, nation=True, link=national)]
    if sel.unit is not None:
        out += [
            Crumb(a.name, a, link=can(user, Action.VIEW, a))
            for a in geo_selectors.unit_ancestors(user=user, unit=sel.unit)
        ]
        out.append(Crumb(sel.unit.name, sel.unit, link=False))
    else:
        out[0].link = False
    return out


@dataclass
class EraLink:
    era: str
    label: str
    current: bool
    targets: list[tuple[AdminUnit | None, str]]  # (unit or the nation, label): where the switch leads


def era_links(*, user: Any, sel: Selection) -> list[EraLink]:
    """For each map, the same area on it: the nation, the unit's visible successors (forward) or
    predecessors (back), else the user's own scope roots on that map; none if nothing there is theirs.
    """
    out = []
    for era in sel.era_list():
        label = localized_name(era)
        if era.code == sel.era:
            out.append(EraLink(era.code, label, True, []))
            continue
        out.append(EraLink(era.code, label, False, _counterparts(user, sel, era.code)))
    return out


def _counterparts(user: Any, sel: Selection, era: str) -> list[tuple[AdminUnit | None, str]]:
    """The selection's area on `era`'s map; the map switch and the reports' link ask the same, read once."""
    key = f"counterparts:{era}"
    if key not in sel.memo:
        sel.memo[key] = _read_counterparts(user, sel.unit, era)
    return sel.memo[key]


def _read_counterparts(user: Any, unit: AdminUnit | None, era: str) -> list[tuple[AdminUnit | None, str]]:
    if unit is None:
        return [(None, _("Whole country"))]
    linked = [u for u, _s in geo_selectors.unit_successors(user=user, unit=unit)]
    linked += [u for u, _s in geo_selectors.unit_predecessors(user=user, unit=unit)]
    found = _highest([u for u in linked if u.era_id == era and can(user, Action.VIEW, u)])
    if not found:
        if is_national(user):
            return [(None, _("Whole country"))]
        found = list(scope_roots(user, era=era))
    return [(u, u.name) for u in found[:12]]


def _highest(units: list[AdminUnit]) -> list[AdminUnit]:
    """Drop the units that lie inside another one of the list (a province and its districts: the province)."""
    kept: list[AdminUnit] = []
    for u in sorted({u.pk: u for u in units}.values(), key=lambda u: u.path):
        if not any(u.path.startswith(k.path) for k in kept):
            kept.append(u)
    return kept


def children(*, user: Any, sel: Selection) -> list[AdminUnit]:
    """The units one level down (the provinces below the nation), as the drill-down lists them."""
    if sel.unit is None:
        return list(geo_selectors.unit_list(user=user, era=sel.era, level="province").order_by("code"))
    return list(geo_selectors.unit_list(user=user, parent=sel.unit).order_by("code"))


def era_of_period(period: Period, eras: Iterable[Era] | None = None) -> str | None:
    """The map in force when the period ended: the map its reports were made on (2024 for the year
    2024, on the 63 provinces; 2025 for the year 2025, due after the change of 1 July 2025)."""
    for era in eras if eras is not None else geo_selectors.era_list():
        started = era.valid_from is None or era.valid_from <= period.end
        if started and (era.valid_to is None or period.end <= era.valid_to):
            return era.code
    return None


@dataclass
class ReportLink:
    label: str  # empty: the same area (no need to name it); else the area on the reports' map
    query: str


def report_links(*, user: Any, sel: Selection, **changes: Any) -> tuple[str, list[ReportLink]]:
    """Where to read who reported for the selection's period: the same area, on the map the period's
    reports were made on. A dashboard of today's Quảng Ninh for 2024 leads to the old Quảng Ninh of
    2024 (its communes reported then), never to today's 54 communes that did not exist yet.
    Returns (that map, links); one link per counterpart when the area was several units then."""
    era = era_of_period(sel.period, sel.era_list())
    if era is None or era == sel.era:
        return sel.era, [ReportLink("", sel.query(**changes))]
    found = _counterparts(user, sel, era)
    if not found:
        return sel.era, [ReportLink("", sel.query(**changes))]
    return era, [
        ReportLink(_("%(name)s (map %(era)s)") % {"name": label, "era": era}, sel.query(unit=u, era=era, **changes))
        for u, label in found
    ]
