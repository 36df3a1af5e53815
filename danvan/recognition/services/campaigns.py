"""Writes of campaigns, their standards and registrations: each atomic, audited, and asking org.access."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.documents.models import PolicyDocument
from danvan.geo.lineage import in_area
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can
from danvan.org.models import Organization, OrganizationKind, Person
from danvan.recognition.models import (
    Campaign,
    CampaignStatus,
    Commitment,
    CriteriaSet,
    Criterion,
    Registration,
    ResultRule,
    Subject,
)


def forbidden() -> DomainError:
    """The one refusal of recognition's services (views show it as a 404 where the object is hidden)."""
    return DomainError(_("You may not do this."), code="forbidden", status=403)


def may_manage_campaign(actor: Any, campaign: Campaign) -> bool:
    """The standing body of the launching organisation: its managers (and the levels above them)."""
    return can(actor, Action.MANAGE, campaign.unit, campaign.organization)


@dataclass(frozen=True)
class CriterionSpec:
    title: str
    max_score: Decimal | str | int
    guidance: str = ""
    evidence_expected: str = ""


@transaction.atomic
def campaign_launch(
    *,
    actor: Any,
    organization: Organization,
    name: str,
    starts_on: date,
    ends_on: date,
    theme: str = "",
    levels: Sequence[str] = (),
    organization_kinds: Iterable[OrganizationKind] = (),
    result_rule: str = ResultRule.AVERAGE,
    documents: Iterable[PolicyDocument] = (),
) -> Campaign:
    """Launched by an organisation at its own unit, open for registration at once."""
    if not can(actor, Action.MANAGE, organization.unit, organization):
        raise forbidden()
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("A campaign needs a name."), code="name_required")
    if ends_on < starts_on:
        raise DomainError(_("A campaign cannot end before it starts."), code="dates")
    bad = [lv for lv in levels if lv not in Level.values]
    if bad:
        raise DomainError(_("Unknown level %(value)s.") % {"value": bad[0]})
    if result_rule not in ResultRule.values:
        raise DomainError(_("Unknown council rule %(value)s.") % {"value": result_rule})
    campaign = Campaign.objects.create(
        organization=organization,
        unit=organization.unit,
        name=name,
        theme=theme.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        levels=list(dict.fromkeys(levels)),
        result_rule=result_rule,
        status=CampaignStatus.OPEN,
    )
    campaign.organization_kinds.set(list(organization_kinds))
    campaign.documents.set(list(documents))
    audit(actor=actor, verb="campaign.launch", target=campaign, name=name)
    return campaign


@transaction.atomic
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Registration closes; evaluations already started go on."""
    if not may_manage_campaign(actor, campaign):
        raise forbidden()
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status", "updated_at"])
    audit(actor=actor, verb="campaign.close", target=campaign)
    return campaign


def _criteria(specs: Sequence[CriterionSpec]) -> list[tuple[str, Decimal, CriterionSpec]]:
    if not specs:
        raise DomainError(_("A set of standards needs at least one criterion."), code="criteria_required")
    out = []
    for i, spec in enumerate(specs, start=1):
        title = " ".join(spec.title.split())
        try:
            top = Decimal(str(spec.max_score))
        except InvalidOperation:
            top = Decimal(0)
        if not title:
            raise DomainError(_("Criterion %(n)s needs a title.") % {"n": i}, code="criterion_title")
        if not top.is_finite() or top <= 0 or top >= Decimal(10000):
            raise DomainError(_("Criterion %(n)s needs a maximum score above zero.") % {"n": i}, code="criterion_max")
        out.append((title, top.quantize(Decimal("0.01")), spec))
    return out


@transaction.atomic
def criteria_set_create(
    *, actor: Any, campaign: Campaign, subject: str, name: str, criteria: Sequence[CriterionSpec]
) -> CriteriaSet:
    """A new version of the standards for one subject; earlier versions stay for the evaluations that used them."""
    if not may_manage_campaign(actor, campaign):
        raise forbidden()
    if subject not in Subject.values:
        raise DomainError(_("Unknown subject %(value)s.") % {"value": subject})
    rows = _criteria(criteria)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # versions numbered one at a time
    last = CriteriaSet.objects.filter(campaign=campaign, subject=subject).aggregate(v=Max("version"))["v"] or 0
    cs = CriteriaSet.objects.create(
        campaign=campaign, subject=subject, version=last + 1, name=" ".join(name.split()) or campaign.name
    )
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=cs,
            position=i,
            title=title,
            max_score=top,
            guidance=spec.guidance.strip(),
            evidence_expected=spec.evidence_expected.strip(),
        )
        for i, (title, top, spec) in enumerate(rows, start=1)
    )
    audit(actor=actor, verb="criteria_set.create", target=cs, version=cs.version, subject=subject)
    return cs


@transaction.atomic
def criteria_set_update(
    *, actor: Any, criteria_set: CriteriaSet, name: str, criteria: Sequence[CriterionSpec]
) -> CriteriaSet:
    """Edit a version no evaluation has used yet; a set in use is frozen (make a new version instead)."""
    cs = (
        CriteriaSet.objects.select_for_update()
        .select_related("campaign__unit", "campaign__organization")
        .get(pk=criteria_set.pk)
    )
    if not may_manage_campaign(actor, cs.campaign):
        raise forbidden()
    used = cs.evaluations.count()
    if used:
        raise DomainError(
            _("These standards are in use by %(n)s evaluations and cannot be changed; create a new version.")
            % {"n": used},
            code="criteria_in_use",
            status=409,
        )
    rows = _criteria(criteria)
    cs.name = " ".join(name.split()) or cs.name
    cs.save(update_fields=["name"])
    cs.criteria.all().delete()
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=cs,
            position=i,
            title=title,
            max_score=top,
            guidance=spec.guidance.strip(),
            evidence_expected=spec.evidence_expected.strip(),
        )
        for i, (title, top, spec) in enumerate(rows, start=1)
    )
    audit(actor=actor, verb="criteria_set.update", target=cs, criteria=len(rows))
    return cs


@dataclass(frozen=True)
class CommitmentSpec:
    text: str = ""
    indicator_id: int | None = None
    target_value: Decimal | None = None
    initiative_id: int | None = None


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    campaign: Campaign,
    unit: AdminUnit,
    organization: Organization | None = None,
    person: Person | None = None,
    commitments_text: str = "",
    commitments: Sequence[CommitmentSpec] = (),
) -> Registration:
    """Đăng ký thi đua: a collective or a person below the campaign's unit takes part and says what it commits to.

    A person (an individual registration) is placed at their organisation, which the registration then
    names too (given or not): whoever may report for that organisation registers them.
    """
    if campaign.status != CampaignStatus.OPEN:
        raise DomainError(_("This campaign is not open for registration."), code="campaign_closed", status=409)
    if person is not None:
        if person.organization_id is None:
            raise DomainError(
                _("%(person)s belongs to no organisation: an individual registers through their organisation.")
                % {"person": person},
                code="person_without_organization",
            )
        if organization is not None and person.organization_id != organization.pk:
            raise DomainError(_("The person belongs to another organisation."), code="person_organization")
        organization = person.organization
    if not can(actor, Action.REPORT, unit, organization):
        raise forbidden()
    if not in_area(unit, campaign.unit):
        raise DomainError(_("%(unit)s is not covered by this campaign.") % {"unit": unit}, code="outside_campaign")
    if campaign.levels and unit.level not in campaign.levels:
        raise DomainError(
            _("This campaign is for units of level: %(levels)s.")
            % {"levels": ", ".join(str(Level(v).label) for v in campaign.levels)},
            code="level_not_taking_part",
        )
    if organization is not None and organization.unit_id != unit.pk:
        raise DomainError(_("The organisation belongs to another unit."), code="organization_unit")
    kinds = set(campaign.organization_kinds.values_list("pk", flat=True))
    if kinds and (organization is None or organization.kind_id not in kinds):
        raise DomainError(
            _("Organisations of this kind do not take part in this campaign."), code="kind_not_taking_part"
        )
    # one registration each: the campaign row serialises registrations (SQLite has no NULLS NOT DISTINCT)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    if Registration.objects.filter(campaign=campaign, unit=unit, organization=organization, person=person).exists():
        raise DomainError(_("Already registered for this campaign."), code="already_registered", status=409)
    reg = Registration.objects.create(
        campaign=campaign,
        subject=Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE,
        unit=unit,
        organization=organization,
        person=person,
        commitments_text=commitments_text.strip(),
        registered_by=actor,
    )
    Commitment.objects.bulk_create(
        Commitment(
            registration=reg,
            text=c.text.strip(),
            indicator_id=c.indicator_id,
            target_value=c.target_value,
            initiative_id=c.initiative_id,
        )
        for c in commitments
        if c.text.strip() or c.indicator_id or c.initiative_id
    )
    audit(actor=actor, verb="registration.create", target=reg, campaign=campaign.pk)
    return reg
