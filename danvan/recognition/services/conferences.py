"""Writes of the review conference: held by a unit or an organisation, with the decisions handed out there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can
from danvan.org.models import Organization
from danvan.recognition.models import AwardDecision, Conference, DecisionStatus
from danvan.recognition.services.campaigns import forbidden


@transaction.atomic
def conference_create(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    held_on: date,
    organization: Organization | None = None,
    place: str = "",
    report_url: str = "",
    report_file: UploadedFile[Any] | None = None,
    decisions: Sequence[AwardDecision] = (),
) -> Conference:
    """Only a manager of the unit (or organisation) holds it; only issued decisions it may see are handed out."""
    if organization is not None and organization.unit_id != unit.pk:
        raise DomainError(_("The organisation is not at this unit."), code="organization_unit")
    if not can(actor, Action.MANAGE, unit, organization):
        raise forbidden()
    if any(not can(actor, Action.VIEW, d.issuer.unit, d.issuer) for d in decisions):
        raise forbidden()
    if not (title := " ".join(title.split())):
        raise DomainError(_("Give the conference a title."), code="title_required")
    if any(d.status == DecisionStatus.DRAFT for d in decisions):
        raise DomainError(_("Only issued decisions are handed out at a conference."), code="decision_draft")
    conference = Conference.objects.create(
        unit=unit,
        organization=organization,
        title=title,
        held_on=held_on,
        place=" ".join(place.split()),
        report_url=report_url.strip(),
        created_by=actor,
    )
    if report_file is not None:
        conference.report_file.save(report_file.name or "report", report_file, save=True)
    conference.decisions.set(decisions)
    audit(actor=actor, verb="conference.create", target=conference, decisions=len(decisions))
    return conference
