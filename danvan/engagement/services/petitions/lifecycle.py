"""The lifecycle: accept, reject, start, answer, close, reopen and extend (by a written decision), one entry point."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import (
    Complexity,
    Petition,
    PetitionExtension,
)
from danvan.engagement.petition_rules import deadlines
from danvan.engagement.selectors.petitions import permissions
from danvan.engagement.services.petitions.common import (
    S,
    _check_instance,
    _event,
    _expect,
    _locked,
    _may_handle,
    _move,
    _reason,
)
from danvan.engagement.services.petitions.dispatch import petition_unlink_duplicate


def _set_complexity(petition: Petition, complexity: str) -> None:
    if complexity not in Complexity.values:
        raise DomainError(_("Choose how complicated the case is."), code="complexity")
    petition.complex = complexity != Complexity.SIMPLE
    petition.especially_complex = complexity == Complexity.ESPECIALLY_COMPLEX


@transaction.atomic
def petition_accept(
    *,
    actor: Any,
    petition: Petition,
    complex: bool = False,
    complexity: str | None = None,
    instance: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Petition:
    """Accepted (thụ lý): the settling time starts, by the case's complexity and, for a complaint, its instance.

    `complexity` (simple, complex, especially_complex) wins over the older flag `complex`.
    """
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.RECEIVED)
    if instance is not None:
        _check_instance(petition.kind, instance)
        petition.instance = instance
    _set_complexity(petition, complexity or (Complexity.COMPLEX if complex else Complexity.SIMPLE))
    petition.accepted_at = now or timezone.now()
    petition.settle_due = deadlines.settle_due(petition, deadlines.petition_rule(petition))
    return _move(petition, actor, S.ACCEPTED, "accepted", note=note)


@transaction.atomic
def petition_reject(*, actor: Any, petition: Petition, reason: str, now: datetime | None = None) -> Petition:
    """Not accepted (e.g. not in our remit, or a duplicate): the reason is shown to the sender."""
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.RECEIVED)
    petition.rejection_reason = _reason(reason)
    petition.closed_at = now or timezone.now()  # the file is closed: the retention period runs from here
    return _move(petition, actor, S.REJECTED, "rejected", public_note=petition.rejection_reason)


@transaction.atomic
def petition_start(*, actor: Any, petition: Petition, note: str = "") -> Petition:
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.ACCEPTED)
    return _move(petition, actor, S.IN_PROGRESS, "started", note=note)


@transaction.atomic
def petition_answer(
    *, actor: Any, petition: Petition, answer: str, note: str = "", now: datetime | None = None
) -> Petition:
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.ACCEPTED, S.IN_PROGRESS)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Write the answer that the sender will read."), code="answer_required")
    petition.public_answer = answer
    petition.answered_at = now or timezone.now()
    return _move(petition, actor, S.ANSWERED, "answered", note=note)


@transaction.atomic
def petition_close(*, actor: Any, petition: Petition, note: str = "", now: datetime | None = None) -> Petition:
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.ANSWERED)
    petition.closed_at = now or timezone.now()
    return _move(petition, actor, S.CLOSED, "closed", note=note)


@transaction.atomic
def petition_reopen(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """Answered or closed, but not settled after all: back to work, the earlier answer kept on the timeline."""
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.ANSWERED, S.CLOSED)
    reason = _reason(reason)
    petition.answered_at = None
    petition.closed_at = None
    return _move(petition, actor, S.IN_PROGRESS, "reopened", public_note=reason)


@transaction.atomic
def petition_extend(
    *,
    actor: Any,
    petition: Petition,
    reason: str,
    decision_number: str = "",
    decision_date: date | None = None,
    complexity: str | None = None,
    days: int | None = None,
    now: datetime | None = None,
) -> Petition:
    """Record a written decision extending the settling time, where the law allows it.

    Law on Denunciations 2018, art. 30: a simple case is never extended; a complicated one once, an
    especially complicated one twice, each by at most 30 days, by a written decision with its reason.
    The decision may (re)classify the case, never below what the extensions already made need.
    """
    petition = _locked(petition)
    _may_handle(actor, petition)
    _expect(petition, S.ACCEPTED, S.IN_PROGRESS)
    rule = deadlines.petition_rule(petition)
    reason = _reason(reason)
    decision_number = (decision_number or "").strip()
    if complexity is not None:
        _set_complexity(petition, complexity)
    days, decided_on = deadlines.check_extension(
        petition, rule, decision_number=decision_number, decision_date=decision_date, days=days, now=now
    )
    petition.extensions += 1
    PetitionExtension.objects.create(
        petition=petition,
        number=petition.extensions,
        decision_number=decision_number,
        decision_date=decided_on,
        reason=reason,
        days=days,
        complexity=petition.complexity,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    added = sum(e.days for e in petition.extension_decisions.all())
    petition.settle_due = deadlines.settle_due(petition, rule, added)
    petition.save()
    _event(
        petition,
        actor,
        "extended",
        note=f"{decision_number} ({decided_on.isoformat()}): {reason}",
        public_note=_("The time limit was extended by decision %(number)s of %(date)s.")
        % {"number": decision_number, "date": decided_on.strftime("%d/%m/%Y")},
    )
    audit(
        actor=actor,
        verb="petition.extend",
        target=petition,
        extensions=petition.extensions,
        decision=decision_number,
        days=days,
    )
    return petition


ACTIONS = {
    "accept": petition_accept,
    "reject": petition_reject,
    "start": petition_start,
    "answer": petition_answer,
    "close": petition_close,
    "reopen": petition_reopen,
    "extend": petition_extend,
    "not_duplicate": petition_unlink_duplicate,
}


def allowed_actions(*, actor: Any, petition: Petition) -> list[str]:
    """The buttons to offer: what the status allows and the actor may do (the services check again)."""
    perms = permissions(actor, petition)
    if not perms.handle:
        return []
    by_status = {
        S.RECEIVED: ["accept", "reject"],
        S.ACCEPTED: ["start", "answer", "extend"],
        S.IN_PROGRESS: ["answer", "extend"],
        S.ANSWERED: ["close", "reopen"],
        S.CLOSED: ["reopen"],
        S.REJECTED: [],
    }
    out = list(by_status[S(petition.status)])
    if "extend" in out:
        rule = deadlines.petition_rule(petition)
        if not rule.extension_days or petition.extensions >= rule.max_extensions:
            out.remove("extend")  # a simple case is offered the button: the decision may classify it
    if petition.duplicate_of_id:
        out.append("not_duplicate")
    return out


def petition_act(
    *,
    actor: Any,
    petition: Petition,
    action: str,
    reason: str = "",
    answer: str = "",
    complex: bool = False,
    note: str = "",
    complexity: str | None = None,
    instance: int | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
) -> Petition:
    """One entry point for the lifecycle buttons and the API's transition endpoint."""
    if action == "accept":
        return petition_accept(
            actor=actor, petition=petition, complex=complex, complexity=complexity, instance=instance, note=note
        )
    if action == "extend":
        return petition_extend(
            actor=actor,
            petition=petition,
            reason=reason,
            decision_number=decision_number,
            decision_date=decision_date,
            complexity=complexity,
        )
    if action == "reject":
        return petition_reject(actor=actor, petition=petition, reason=reason)
    if action == "reopen":
        return petition_reopen(actor=actor, petition=petition, reason=reason)
    if action == "answer":
        return petition_answer(actor=actor, petition=petition, answer=answer, note=note)
    if action == "start":
        return petition_start(actor=actor, petition=petition, note=note)
    if action == "close":
        return petition_close(actor=actor, petition=petition, note=note)
    if action == "not_duplicate":
        return petition_unlink_duplicate(actor=actor, petition=petition)
    raise DomainError(_("Unknown action."), code="invalid_action")
