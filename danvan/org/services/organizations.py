"""Writes for organisations, people and memberships: each atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can, forget_scope
from danvan.org.models import Membership, Organization, OrganizationKind, Person, Role, User


def _require(actor: Any, action: Action, unit: AdminUnit) -> None:
    if actor is not None and not can(actor, action, unit):
        raise DomainError(_("You may not change %(unit)s.") % {"unit": unit}, code="forbidden", status=403)


@transaction.atomic
def organization_create(
    *, actor: Any, name: str, kind: OrganizationKind, unit: AdminUnit, parent: Organization | None = None
) -> Organization:
    """`actor=None` is the system itself (demo loader, data migrations)."""
    _require(actor, Action.MANAGE, unit)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("An organisation needs a name."))
    if Organization.objects.filter(unit=unit, name=name).exists():
        raise DomainError(_("%(unit)s already has an organisation called %(name)s.") % {"unit": unit, "name": name})
    org = Organization.objects.create(name=name, kind=kind, unit=unit, parent=parent)
    audit(actor=actor, verb="organization.create", target=org, name=name)
    return org


@transaction.atomic
def person_create(
    *,
    actor: Any,
    full_name: str,
    position: str = "",
    organization: Organization | None = None,
    user: User | None = None,
) -> Person:
    if organization is not None:
        _require(actor, Action.MANAGE, organization.unit)
    person = Person.objects.create(full_name=full_name, position=position, organization=organization, user=user)
    audit(actor=actor, verb="person.create", target=person)
    return person


@transaction.atomic
def membership_grant(
    *, actor: Any, user: User, role: Role, unit: AdminUnit, organization: Organization | None = None
) -> Membership:
    """A manager can grant roles inside their own subtree; nobody grants more than they hold."""
    _require(actor, Action.MANAGE, unit)
    membership, created = Membership.objects.get_or_create(user=user, role=role, unit=unit, organization=organization)
    if created:
        audit(actor=actor, verb="membership.grant", target=membership, role=role, unit=unit.path)
    forget_scope(user)
    return membership
