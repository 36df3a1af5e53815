"""Checks shared by the dialogue, Three Together and prestigious-person services: where and for whom."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can
from danvan.org.models import Organization
from danvan.org.selectors import organization_list

MAX_VND = 10**15  # a thousand trillion đồng: anything above is a typing slip
MAX_COUNT = 10_000_000  # more people than any commune has: a typing slip


def check_organization(
    actor: Any, organization: Organization | None, *, what: str, action: Action = Action.REPORT
) -> Organization:
    """The organisation must be one the actor may do `action` on: record for (REPORT, the forms'
    choices) or, for an issue's owner, see (VIEW).
    """
    if organization is None or not organization_list(user=actor).filter(pk=organization.pk).exists():
        raise DomainError(_("Choose %(what)s in your scope.") % {"what": what}, code="organization")
    if action != Action.VIEW and not organization_list(user=actor, action=action).filter(pk=organization.pk).exists():
        raise DomainError(
            _("You may not record anything for %(org)s.") % {"org": organization.name}, code="forbidden", status=403
        )
    return organization


def check_place(actor: Any, unit: AdminUnit | None, organization: Organization | None = None) -> AdminUnit:
    """The actor must be allowed to record (REPORT) at the unit, for the organisation if narrowed to one."""
    if unit is None:
        raise DomainError(_("Choose a place."), code="unit")
    if not can(actor, Action.REPORT, unit, organization):
        raise DomainError(
            _("You may not record anything at %(unit)s (for this organisation).") % {"unit": unit.name},
            code="forbidden",
            status=403,
        )
    return unit


def check_grassroots(unit: AdminUnit) -> None:
    if unit.level not in (Level.COMMUNE, Level.VILLAGE):
        raise DomainError(
            _("Choose a commune, ward or village: %(unit)s is a %(level)s.")
            % {"unit": unit.name, "level": unit.get_level_display()},
            code="unit_level",
        )


def check_count(value: Any, label: str, *, maximum: int = MAX_COUNT) -> int:
    if value is None:
        return 0
    if int(value) < 0:
        raise DomainError(_("%(field)s cannot be negative.") % {"field": label}, code="negative")
    if int(value) > maximum:
        raise DomainError(_("%(field)s is too large.") % {"field": label}, code="too_large_number")
    return int(value)
