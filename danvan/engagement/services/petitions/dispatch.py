"""Who handles a petition: assignment, transfer to another organisation, and unlinking a wrong duplicate."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import (
    Petition,
)
from danvan.engagement.petition_rules import routing
from danvan.engagement.selectors.petitions import permissions
from danvan.engagement.services.petitions.common import S, _event, _expect, _locked, _may_handle, _reason
from danvan.org.access import Action
from danvan.org.models import Organization
from danvan.org.models.notifications import Kind as NoticeKind
from danvan.org.services.notifications import notify, unit_people


def petition_url(petition: Petition) -> str:
    return reverse("engagement:petition_detail", kwargs={"pk": petition.pk})


def _notice(petition: Petition, actor: Any) -> dict[str, Any]:
    # the code only: the sender's words (which may name people) stay out of e-mails
    return {"code": petition.tracking_code, "actor": str(actor)}


@transaction.atomic
def petition_assign(*, actor: Any, petition: Petition, handler: Any) -> Petition:
    petition = _locked(petition)
    if not permissions(actor, petition).dispatch:
        raise DomainError(_("You may not assign this petition."), code="forbidden", status=403)
    allowed = routing.handler_choices(actor=actor, petition=petition) if handler is not None else []
    if handler is not None and handler.pk not in {u.pk for u in allowed}:
        raise DomainError(
            _("Choose a handler from the list: only people who work on this petition's place may handle it."),
            code="invalid_handler",
        )
    petition.handler = handler
    petition.save()
    _event(petition, actor, "assigned", note=str(handler) if handler else "")
    audit(actor=actor, verb="petition.assign", target=petition, handler=getattr(handler, "pk", None))
    notify(
        recipients=[handler],
        kind=NoticeKind.PETITION_ASSIGNED,
        actor=actor,
        params=_notice(petition, actor),
        url=petition_url(petition),
    )
    return petition


@transaction.atomic
def petition_transfer(*, actor: Any, petition: Petition, organization: Organization, reason: str) -> Petition:
    """To another organisation, with a reason; the handler is cleared (the new organisation assigns its own)."""
    petition = _locked(petition)
    if not permissions(actor, petition).dispatch:
        raise DomainError(_("You may not transfer this petition."), code="forbidden", status=403)
    _expect(petition, S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS)
    if organization.pk == petition.organization_id:
        raise DomainError(_("The petition is already with this organisation."))
    if not routing.transfer_targets(actor=actor, petition=petition).filter(pk=organization.pk).exists():
        raise DomainError(_("Choose an organisation from the list."), code="invalid_target")
    reason = _reason(reason)
    frm = petition.organization
    petition.organization = organization
    petition.handler = None
    petition.save()
    _event(petition, actor, "transferred", from_organization=frm, to_organization=organization, note=reason)
    audit(actor=actor, verb="petition.transfer", target=petition, organization=organization.pk)
    notify(
        recipients=unit_people(Action.REVIEW, organization.unit, organization),  # its dispatchers
        kind=NoticeKind.PETITION_TRANSFERRED,
        actor=actor,
        params={**_notice(petition, actor), "organization": organization.name, "reason": reason},
        url=petition_url(petition),
    )
    return petition


@transaction.atomic
def petition_unlink_duplicate(*, actor: Any, petition: Petition) -> Petition:
    petition = _locked(petition)
    _may_handle(actor, petition)
    if petition.duplicate_of_id is None:
        raise DomainError(_("This petition is not marked as a duplicate."))
    original = petition.duplicate_of
    petition.duplicate_of = None
    petition.save()
    _event(petition, actor, "not_duplicate", note=original.tracking_code if original else "")
    audit(actor=actor, verb="petition.not_duplicate", target=petition)
    return petition
