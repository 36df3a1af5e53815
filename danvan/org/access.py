"""The one place that decides who may see and change what.

A user's memberships each give a role over a subtree of the administrative map (optionally
narrowed to one organisation). A subtree counts in every era: the scope root's equivalents in
the other eras (see `geo.lineage.unit_equivalents`) are part of it, so years recorded under the
old map stay visible to whoever is responsible for that area now. Superusers see the whole map.

Selectors start from `visible_units` or `scope_filter`; views never filter by scope themselves.
Forbidden and missing answer alike (404).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet

from danvan.geo.models import AdminUnit
from danvan.org.models import ROLE_RANK, Membership, Role


class Action(enum.Enum):
    VIEW = Role.VIEWER
    REPORT = Role.REPORTER  # create and edit records in the scope
    REVIEW = Role.REVIEWER  # approve, return, recognise
    MANAGE = Role.MANAGER  # configure: villages, typical models, reopen


@dataclass(frozen=True)
class Grant:
    role: Role
    paths: tuple[str, ...]  # the scope root's path and its equivalents' in the other eras
    organization_id: int | None
    unit_id: int


@dataclass(frozen=True)
class Scope:
    national: bool
    grants: tuple[Grant, ...]

    def paths(self, action: Action = Action.VIEW) -> list[str]:
        rank = ROLE_RANK[action.value]
        return sorted({p for g in self.grants if ROLE_RANK[g.role] >= rank for p in g.paths})


_EMPTY = Scope(national=False, grants=())


def scope_of(user: Any) -> Scope:
    """Computed once per request and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_danvan_scope", None)
    if cached is not None:
        return cached
    from danvan.geo.lineage import unit_equivalents

    if user.is_superuser:
        scope = Scope(national=True, grants=())
    else:
        grants = []
        for m in Membership.objects.filter(user=user).select_related("unit"):
            paths = (m.unit.path, *(u.path for u in unit_equivalents(m.unit)))
            grants.append(Grant(Role(m.role), paths, m.organization_id, m.unit_id))
        scope = Scope(national=False, grants=tuple(grants))
    user._danvan_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    if hasattr(user, "_danvan_scope"):
        del user._danvan_scope


def _paths_q(field: str, paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{f"{field}__startswith": p})
    return q


def visible_units(user: Any) -> QuerySet[AdminUnit]:
    """Units in the user's subtrees, plus their ancestors so a place can always be named in full."""
    scope = scope_of(user)
    qs = AdminUnit.objects.all()
    if scope.national:
        return qs
    paths = scope.paths()
    if not paths:
        return qs.none()
    from danvan.geo.lineage import ancestor_paths

    above = {a for p in paths for a in ancestor_paths(p)}
    return qs.filter(_paths_q("path", paths) | Q(path__in=above))


def units_where(user: Any, action: Action) -> QuerySet[AdminUnit]:
    """The units where `user` may do `action` (no ancestors added): e.g. where they may register models."""
    scope = scope_of(user)
    if scope.national:
        return AdminUnit.objects.all()
    paths = scope.paths(action)
    return AdminUnit.objects.filter(_paths_q("path", paths)) if paths else AdminUnit.objects.none()


def scope_filter(
    qs: QuerySet[Any],
    user: Any,
    *,
    unit_field: str = "unit",
    org_field: str | None = None,
    action: Action = Action.VIEW,
) -> QuerySet[Any]:
    """Narrow any queryset of records placed on the map to what `user` may do `action` on."""
    scope = scope_of(user)
    if scope.national:
        return qs
    rank = ROLE_RANK[action.value]
    q = Q(pk__in=[])
    for g in scope.grants:
        if ROLE_RANK[g.role] < rank:
            continue
        part = _paths_q(f"{unit_field}__path", list(g.paths))
        if g.organization_id is not None and org_field:
            part &= Q(**{org_field: g.organization_id})
        q |= part
    return qs.filter(q)


def can(user: Any, action: Action, unit: AdminUnit, organization: Model | None = None, *, above: bool = False) -> bool:
    """May `user` do `action` on something placed at `unit` (and owned by `organization`)?

    `above=True` asks for a grant strictly above `unit`: the level above reviews, not the unit itself.
    """
    scope = scope_of(user)
    if scope.national:
        return True
    rank = ROLE_RANK[action.value]
    for g in scope.grants:
        inside = [p for p in g.paths if unit.path.startswith(p) and not (above and p == unit.path)]
        if ROLE_RANK[g.role] < rank or not inside:
            continue
        if g.organization_id is None or (organization is not None and organization.pk == g.organization_id):
            return True
    return False


def can_see_unit(user: Any, unit: AdminUnit) -> bool:
    return can(user, Action.VIEW, unit)
