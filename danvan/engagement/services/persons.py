"""Writes for prestigious persons (người có uy tín) and their engagements log.

Ethnicity, religion, phone and address are sensitive personal data: only someone who may read
them (a reviewer or manager of the person's place, see `person_selectors.may_see_sensitive`) may
write them, so nobody sets what they are not allowed to see.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models import EthnicGroup, PersonEngagement, PrestigiousPerson
from danvan.engagement.models.persons import MASKED_STANDING, SENSITIVE_STANDINGS
from danvan.engagement.selectors.persons import SENSITIVE_FIELDS, may_see_sensitive
from danvan.engagement.services.checks import check_place
from danvan.geo.models import Level
from danvan.org.access import Action, can

PLAIN_FIELDS = ("full_name", "birth_year", "gender", "village", "standing", "since", "until", "notes")


def _clean(actor: Any, values: dict[str, Any]) -> dict[str, Any]:
    name = " ".join(str(values.get("full_name") or "").split())
    if not name:
        raise DomainError(_("Give the person's full name."), code="full_name")
    values["full_name"] = name[:150]
    village = check_place(actor, values.get("village"))
    if village.level not in (Level.COMMUNE, Level.VILLAGE):
        raise DomainError(_("Choose the village (or commune) where the person lives."), code="village")
    if values.get("standing") not in PrestigiousPerson.Standing.values:
        raise DomainError(_("Choose the person's standing."), code="standing")
    since, until = values.get("since"), values.get("until")
    if not isinstance(since, date):
        raise DomainError(_("Give the date since when the person is recognised."), code="since")
    if since > timezone.localdate():
        raise DomainError(_("The recognition date is in the future."), code="since")
    if until is not None and until < since:
        raise DomainError(_("“Until” cannot be before “since”."), code="until")
    year = values.get("birth_year")
    if year is not None and not 1900 <= int(year) <= timezone.localdate().year:
        raise DomainError(_("The year of birth is not plausible."), code="birth_year")
    if values.get("gender") not in ("", None, "male", "female"):
        raise DomainError(_("Choose male or female, or leave it empty."), code="gender")
    values["gender"] = values.get("gender") or ""
    values["notes"] = (values.get("notes") or "").strip()
    return values


def _standing(actor: Any, village: Any, standing: Any, person: PrestigiousPerson | None = None) -> Any:
    """A religious dignitary's standing reveals a religion: recorded, like the religion, only by who may see it.

    Who may not see it was shown "other" for it: sending "other" back keeps the stored standing.
    """
    if standing in SENSITIVE_STANDINGS and not may_see_sensitive(actor, village):
        raise DomainError(
            _("Only a reviewer or manager of the place may record that a person is a religious dignitary."),
            code="sensitive_forbidden",
            status=403,
        )
    if (
        person is not None
        and person.standing in SENSITIVE_STANDINGS
        and standing == MASKED_STANDING
        and not may_see_sensitive(actor, person.village)
    ):
        return person.standing
    return standing


def _clean_sensitive(actor: Any, village: Any, sensitive: dict[str, Any]) -> dict[str, Any]:
    given = {k: v for k, v in sensitive.items() if v not in (None, "")}
    if given and not may_see_sensitive(actor, village):
        raise DomainError(
            _("Only a reviewer or manager of the place may record ethnicity, religion or contacts."),
            code="sensitive_forbidden",
            status=403,
        )
    group = sensitive.get("ethnic_group")
    if group is not None and not isinstance(group, EthnicGroup):
        raise DomainError(_("Choose an ethnic group from the official list."), code="ethnic_group")
    return {
        "ethnic_group": group,
        "religion": (sensitive.get("religion") or "").strip()[:60],
        "phone": (sensitive.get("phone") or "").strip()[:30],
        "address": (sensitive.get("address") or "").strip()[:255],
    }


@transaction.atomic
def person_create(*, actor: Any, **values: Any) -> PrestigiousPerson:
    plain = _clean(actor, {k: values.get(k) for k in PLAIN_FIELDS})
    plain["standing"] = _standing(actor, plain["village"], plain["standing"])
    sensitive = _clean_sensitive(actor, plain["village"], {k: values.get(k) for k in SENSITIVE_FIELDS})
    person = PrestigiousPerson.objects.create(**plain, **sensitive)
    audit(actor=actor, verb="person.create", target=person, sensitive=[k for k, v in sensitive.items() if v])
    return person


@transaction.atomic
def person_update(*, actor: Any, person: PrestigiousPerson, **values: Any) -> PrestigiousPerson:
    """Changes what is given; sensitive fields only when given, and only by who may see them."""
    if not can(actor, Action.REPORT, person.village):
        raise DomainError(_("You may not change this person's record."), code="forbidden", status=403)
    plain = _clean(actor, {k: values.get(k, getattr(person, k)) for k in PLAIN_FIELDS})
    plain["standing"] = _standing(actor, plain["village"], plain["standing"], person)
    changed = [k for k in PLAIN_FIELDS if getattr(person, k) != plain[k]]
    given = {k: values[k] for k in SENSITIVE_FIELDS if k in values}
    if given:
        if not may_see_sensitive(actor, plain["village"]) or not may_see_sensitive(actor, person.village):
            raise DomainError(
                _("Only a reviewer or manager of the place may record ethnicity, religion or contacts."),
                code="sensitive_forbidden",
                status=403,
            )
        current = {k: getattr(person, k) for k in SENSITIVE_FIELDS}
        sensitive = _clean_sensitive(actor, plain["village"], {**current, **given})
        changed += [k for k in SENSITIVE_FIELDS if current[k] != sensitive[k]]
        plain.update(sensitive)
    for k, v in plain.items():
        setattr(person, k, v)
    person.save()
    audit(actor=actor, verb="person.update", target=person, fields=changed)
    return person


@transaction.atomic
def person_engagement_add(
    *, actor: Any, person: PrestigiousPerson, held_on: date | None, kind: str, notes: str = ""
) -> PersonEngagement:
    if not can(actor, Action.REPORT, person.village):
        raise DomainError(_("You may not add to this person's log."), code="forbidden", status=403)
    if not isinstance(held_on, date):
        raise DomainError(_("Give the date of the contact."), code="held_on")
    if held_on > timezone.localdate():
        raise DomainError(_("The date of the contact is in the future."), code="held_on")
    if kind not in PersonEngagement.Kind.values:
        raise DomainError(_("Choose the kind of contact."), code="kind")
    engagement = PersonEngagement.objects.create(
        person=person, held_on=held_on, kind=kind, notes=(notes or "").strip(), created_by=actor
    )
    audit(actor=actor, verb="person.engagement_add", target=person, kind=kind)
    return engagement
