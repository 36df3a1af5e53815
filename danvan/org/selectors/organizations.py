"""Reads of organisations and people, scoped by `org.access`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, memberships_shown, organizations_usable
from danvan.org.models import Organization, OrganizationKind, Person


def organization_kind_list() -> QuerySet[OrganizationKind]:
    return OrganizationKind.objects.filter(active=True)


def organization_list(
    *,
    user: Any,
    unit_path: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    action: Action = Action.VIEW,
) -> QuerySet[Organization]:
    """Organisations the user may do `action` on (VIEW: see; REPORT: record models, reports, activities for)."""
    qs = organizations_usable(user, action).select_related("kind", "unit", "unit__era")
    if unit_path:
        qs = qs.filter(unit__path__prefix=unit_path)
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


def person_list(*, user: Any, action: Action = Action.VIEW) -> QuerySet[Person]:
    """People of the organisations the user may do `action` on (REPORT: register them, name them as cadres).

    A person belongs to no place but through their organisation: one without an organisation is in no one's scope.
    """
    return (
        Person.objects.filter(organization__in=organizations_usable(user, action).values("pk"))
        .select_related("organization", "organization__unit", "organization__unit__era")
        .order_by("organization__unit__path", "organization__name", "full_name", "pk")
    )


def person_get(*, user: Any, pk: int, action: Action = Action.VIEW) -> Person:
    person = person_list(user=user, action=action).filter(pk=pk).first()
    if person is None:
        raise NotFound(_("No such person."))
    return person


def membership_list(*, user: Any) -> list[tuple[Any, list[AdminUnit]]]:
    """The user's own roles, each with the units of the other map versions it also covers."""
    return memberships_shown(user)
