"""What every petition write shares: the locked row, the handler's right, the expected status, one event."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import (
    Instance,
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
)
from danvan.engagement.selectors.petitions import permissions

S = PetitionStatus


def _event(
    petition: Petition, actor: Any, verb: str, *, public_note: str = "", public: bool = False, **kw: Any
) -> None:
    PetitionEvent.objects.create(
        petition=petition,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        public=public or bool(public_note),
        public_note=public_note,
        **kw,
    )


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("unit", "organization").get(pk=petition.pk)


def _may_handle(actor: Any, petition: Petition) -> None:
    if not permissions(actor, petition).handle:
        raise DomainError(_("You may not handle this petition."), code="forbidden", status=403)


def _expect(petition: Petition, *statuses: str) -> None:
    if petition.status not in statuses:
        raise DomainError(
            _("This cannot be done while the petition is “%(status)s”.") % {"status": petition.get_status_display()},
            code="invalid_transition",
            status=409,
        )


def _move(petition: Petition, actor: Any, to: str, verb: str, *, note: str = "", public_note: str = "") -> Petition:
    frm = petition.status
    petition.status = to
    petition.save()
    _event(petition, actor, verb, from_status=frm, to_status=to, note=note, public_note=public_note, public=True)
    audit(actor=actor, verb=f"petition.{verb}", target=petition, status=to)
    return petition


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), code="reason_required")
    return reason


def _check_instance(kind: str, instance: int) -> None:
    if instance not in Instance.values:
        raise DomainError(_("Choose whether this is a first or a second complaint."), code="instance")
    if instance != Instance.FIRST and kind != PetitionKind.COMPLAINT:
        raise DomainError(_("Only a complaint can be a second complaint."), code="instance")
