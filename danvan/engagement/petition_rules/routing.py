"""Which organisation a petition goes to: `RoutingRule`s as data, the most specific match wins.

A rule's area holds a place when the place lies in the rule unit's subtree on the same map, or
in the subtree of the unit covering it today (`latest_path`, default successors), or — for a
rule on an older map and a place on a newer one — when every predecessor of the place (or of
one of its ancestors) lay inside the rule's unit, i.e. the place is wholly inside the old area
(the same "wholly inside" as `geo.selectors.unit_equivalents`). Most specific: the deepest unit
level, then a topic over none, a kind over none, then the priority, then the oldest rule.

Without a matching rule the petition goes to the Mass Mobilization Commission (else the
Fatherland Front committee) of the place's commune; without one it stays unrouted, in the
queue of the place's reviewers and managers. The organisation is always one that exists when the
place does: of the place's own map, or (for a place on an older map) of a newer one — never of an
older map, whose city may have been dissolved since.

Once received, whoever may dispatch it (a reviewer of its place and organisation) may assign it
to an account that may work there (`handler_choices`) or transfer it to an organisation of their
own area or one at or above its place (`transfer_targets`). The forms offer exactly these and the
services accept nothing else, so a refusal never has to name a person or place the actor cannot see.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.engagement.models.petitions import RoutingRule
from danvan.engagement.petition_rules.deadlines import covering_paths
from danvan.geo.models import LEVEL_DEPTH, AdminUnit, Era, Level, Succession
from danvan.geo.selectors import ancestor_paths
from danvan.org.access import Action, organizations_usable, users_who_may
from danvan.org.models import Organization, User

FALLBACK_KINDS = ("ban-dan-van", "mttq")


def _older_areas(place: AdminUnit) -> tuple[dict[str, list[str]], set[str]]:
    """For the place and its ancestors: their predecessors' paths, and every prefix of those paths."""
    own = [place.path, *ancestor_paths(place.path)]
    preds: dict[str, list[str]] = defaultdict(list)
    for successor, predecessor in Succession.objects.filter(successor__path__in=own).values_list(
        "successor__path", "predecessor__path"
    ):
        preds[successor].append(predecessor)
    prefixes = {p for paths in preds.values() for path in paths for p in (path, *ancestor_paths(path))}
    return preds, prefixes


def holds(rule_unit: AdminUnit, place: AdminUnit, covering: set[str], preds: dict[str, list[str]]) -> bool:
    if rule_unit.path in covering:
        return True
    return any(paths and all(p.startswith(rule_unit.path) for p in paths) for paths in preds.values())


def _specificity(rule: RoutingRule) -> tuple[int, int, int, int, int]:
    return (LEVEL_DEPTH.get(rule.unit.level, 0), rule.topic_id is not None, rule.kind != "", rule.priority, -rule.pk)


def matching_rule(*, place: AdminUnit, topic_id: str, kind: str) -> RoutingRule | None:
    covering = covering_paths(place)
    preds, prefixes = _older_areas(place)
    rules = (
        RoutingRule.objects.filter(unit__path__in=covering | prefixes)
        .filter(Q(topic__isnull=True) | Q(topic_id=topic_id), kind__in=["", kind])
        .select_related("unit", "organization__unit__era")
    )
    found = [r for r in rules if holds(r.unit, place, covering, preds)]
    # the organisation must exist when the place does: one of the place's own map first; for a place
    # on an older map, one of a newer map (it handles the area today); never one of an older map
    # (a city dissolved on 1 July 2025 cannot handle a petition about today's ward)
    same = [r for r in found if r.organization.unit.era_id == place.era_id]
    if same:
        return max(same, key=_specificity)
    newer = [r for r in found if _is_newer(r.organization.unit.era, place)]
    return max(newer, key=_specificity) if newer else None


def _is_newer(era: Era, place: AdminUnit) -> bool:
    start, place_start = era.valid_from, place.era.valid_from
    if start is None or place_start is None:
        return era.code > place.era_id
    return start > place_start


def rule_label(rule: RoutingRule) -> str:
    """A rule as a person reads it: its area (and map), topic and kind, and the organisation."""
    topic = rule.topic.label if rule.topic_id and rule.topic else _("any topic")
    kind = rule.get_kind_display() if rule.kind else _("any kind")
    return _("routing rule: %(area)s (map %(era)s) · %(topic)s · %(kind)s") % {
        "area": rule.unit.name,
        "era": rule.unit.era_id,
        "topic": topic,
        "kind": kind,
    }


ROUTED_BY_FALLBACK = "fallback: commune"
_RULE_NOTE = re.compile(r"^rule (\d{1,18})$")


def routing_note(rule: RoutingRule | None) -> str:
    """What intake stores on the "routed" event: a key, shown in the reader's language by `routing_notes`."""
    return f"rule {rule.pk}" if rule is not None else ROUTED_BY_FALLBACK


def routing_notes(notes: list[str]) -> dict[str, str]:
    """The stored notes of "routed" events, each as a person reads it (one query for all of them)."""
    ids = {int(m.group(1)) for n in notes if (m := _RULE_NOTE.match(n))}
    rules = RoutingRule.objects.filter(pk__in=ids).select_related("unit", "topic")
    labels = {f"rule {r.pk}": rule_label(r) for r in rules}
    out: dict[str, str] = {}
    for note in notes:
        if note in labels:
            out[note] = labels[note]
        elif _RULE_NOTE.match(note):
            out[note] = _("a routing rule since deleted")
        elif note == ROUTED_BY_FALLBACK:
            out[note] = _("no routing rule matched: the organisation of the place's commune")
    return out


def _commune_paths(place: AdminUnit) -> list[str]:
    """The place and its ancestors, deepest first, on its own map and then on today's."""
    out: list[str] = []
    for path in (place.path, place.latest_path):
        for candidate in (path, *reversed(ancestor_paths(path))) if path else ():
            if candidate not in out:
                out.append(candidate)
    return out


def fallback_organization(place: AdminUnit) -> Organization | None:
    paths = _commune_paths(place)
    communes = AdminUnit.objects.filter(path__in=paths, level=Level.COMMUNE).values_list("path", flat=True)
    found = set(communes)
    commune_paths = [p for p in paths if p in found]
    if not commune_paths:
        return None
    orgs = list(
        Organization.objects.filter(unit__path__in=commune_paths, kind_id__in=FALLBACK_KINDS).select_related("unit")
    )
    orgs.sort(key=lambda o: (commune_paths.index(o.unit.path), FALLBACK_KINDS.index(o.kind_id), o.pk))
    return orgs[0] if orgs else None


def route(*, place: AdminUnit, topic_id: str, kind: str) -> tuple[Organization | None, RoutingRule | None]:
    rule = matching_rule(place=place, topic_id=topic_id, kind=kind)
    if rule is not None:
        return rule.organization, rule
    return fallback_organization(place), None


# --- assignment and transfer ---------------------------------------------------------------------


def _may_dispatch(actor: Any, petition: Any) -> bool:
    from danvan.engagement.selectors.petitions import permissions

    return permissions(actor, petition).dispatch


def handler_choices(*, actor: Any, petition: Any) -> list[User]:
    """Whom `actor` may make the petition's handler: accounts that may work on its place and
    organisation (reporters and up); nobody unless `actor` may dispatch it.
    """
    if not _may_dispatch(actor, petition):
        return []
    return users_who_may(Action.REPORT, petition.unit, petition.organization)


def transfer_targets(*, actor: Any, petition: Any) -> QuerySet[Organization]:
    """Where `actor` may send the petition: any organisation of their own area, or one at or above
    its place (escalation); not the one that has it now; none unless `actor` may dispatch it.
    """
    if not _may_dispatch(actor, petition):
        return Organization.objects.none()
    mine = organizations_usable(actor, Action.VIEW).values("pk")
    above = Organization.objects.filter(unit__path__in=covering_paths(petition.unit)).values("pk")
    return (
        Organization.objects.filter(Q(pk__in=mine) | Q(pk__in=above))
        .exclude(pk=petition.organization_id)
        .select_related("unit")
        .order_by("unit__path", "name")
    )
