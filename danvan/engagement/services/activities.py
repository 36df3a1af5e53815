"""Writes for "Three Together" (Ba cùng) activities: record one spell of work at the grassroots, change it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models import GrassrootsActivity
from danvan.engagement.services.checks import MAX_VND, check_count, check_grassroots, check_organization, check_place
from danvan.org.access import Action, can
from danvan.org.models import Person

FIELDS: tuple[str, ...] = ("organization", "unit", "start_date", "end_date", "cadres_count", "people_count")
FIELDS += ("activities", "description", "houses_built", "houses_repaired", "money", "workdays")
COUNTS = ("cadres_count", "people_count", "houses_built", "houses_repaired", "workdays")


def _labels() -> dict[str, str]:
    meta = GrassrootsActivity._meta
    return {name: str(getattr(meta.get_field(name), "verbose_name", name)) for name in (*COUNTS, "money")}


def _clean(actor: Any, values: dict[str, Any], cadres: list[Person] | None) -> dict[str, Any]:
    org = check_organization(actor, values.get("organization"), what=_("a Party cell or organisation"))
    unit = check_place(actor, values.get("unit"), org)
    check_grassroots(unit)
    start, end = values.get("start_date"), values.get("end_date")
    if not isinstance(start, date) or not isinstance(end, date):
        raise DomainError(_("Give the first and the last day of the activity."), code="dates")
    if end < start:
        raise DomainError(_("The last day cannot be before the first day."), code="dates")
    if start > timezone.localdate():
        raise DomainError(_("Record an activity once it has started: the first day is in the future."), code="future")
    labels = _labels()
    for name in COUNTS:
        values[name] = check_count(values.get(name), labels[name])
    money = Decimal(values.get("money") or 0)
    if money < 0:
        raise DomainError(_("%(field)s cannot be negative.") % {"field": labels["money"]}, code="negative")
    if money > MAX_VND or money != money.to_integral_value():
        raise DomainError(_("Money is a whole number of đồng, at most 10^15."), code="money")
    values["money"] = money
    codes = list(dict.fromkeys(values.get("activities") or []))
    if not codes:
        raise DomainError(_("Say what was done: eat, live, work, propaganda or help."), code="activities")
    unknown = [c for c in codes if c not in GrassrootsActivity.Activity.values]
    if unknown:
        raise DomainError(
            _("Unknown activity: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}, code="activities"
        )
    values["activities"] = codes
    if values["cadres_count"] < 1:
        raise DomainError(_("At least one cadre or Party member takes part."), code="cadres_count")
    if cadres is not None:
        if any(p.organization_id != org.pk for p in cadres):
            raise DomainError(_("The people who went must belong to the organisation."), code="cadres")
        if len(cadres) > values["cadres_count"]:
            raise DomainError(_("More people named than the number of cadres given."), code="cadres")
    values["description"] = (values.get("description") or "").strip()
    return values


@transaction.atomic
def activity_create(*, actor: Any, cadres: Iterable[Person] | None = None, **values: Any) -> GrassrootsActivity:
    people = list(cadres) if cadres is not None else None
    values = _clean(actor, {k: values.get(k) for k in FIELDS}, people)
    activity = GrassrootsActivity.objects.create(**values, created_by=actor)
    if people:
        activity.cadres.set(people)
    audit(actor=actor, verb="activity.create", target=activity)
    return activity


@transaction.atomic
def activity_update(
    *, actor: Any, activity: GrassrootsActivity, cadres: Iterable[Person] | None = None, **values: Any
) -> GrassrootsActivity:
    if not can(actor, Action.REPORT, activity.unit, activity.organization):
        raise DomainError(_("You may not change this activity."), code="forbidden", status=403)
    people = list(cadres) if cadres is not None else None
    merged = _clean(actor, {k: values.get(k, getattr(activity, k)) for k in FIELDS}, people)
    changed = [k for k in FIELDS if getattr(activity, k) != merged[k]]
    for k, v in merged.items():
        setattr(activity, k, v)
    activity.save()
    if people is not None:
        activity.cadres.set(people)
    audit(actor=actor, verb="activity.update", target=activity, fields=changed)
    return activity
