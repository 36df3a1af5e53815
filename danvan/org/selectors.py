"""Reads of organisations and people, scoped by `org.access`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.org.access import Scope, scope_filter, scope_of
from danvan.org.models import Membership, Organization, OrganizationKind


def organization_kind_list() -> QuerySet[OrganizationKind]:
    return OrganizationKind.objects.filter(active=True)


def organization_list(
    *, user: Any, unit_path: str | None = None, kind: str | None = None, q: str | None = None
) -> QuerySet[Organization]:
    qs = scope_filter(Organization.objects.all(), user, org_field="pk").select_related("kind", "unit", "unit__era")
    if unit_path:
        qs = qs.filter(unit__path__startswith=unit_path)
    if kind:
        qs = qs.filter(kind_id=kind)
    if q and fold(q):
        needle = fold(q)
        qs = qs.filter(Q(name_ascii__startswith=needle) | Q(name_ascii__contains=" " + needle))
    return qs.order_by("unit__path", "name")


def organization_get(*, user: Any, pk: int) -> Organization:
    org = organization_list(user=user).filter(pk=pk).first()
    if org is None:
        raise NotFound(_("No such organisation."))
    return org


def membership_list(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("unit", "unit__era", "organization")


def user_scope(*, user: Any) -> Scope:
    return scope_of(user)
