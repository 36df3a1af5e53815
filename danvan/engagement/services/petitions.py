"""Writes of petitions: submit (public), the lifecycle, routing, assignment, extension and rating.

Lifecycle: received → accepted | rejected (reason) → in_progress → answered → closed; answered or
closed → in_progress again on reopening (reason). Each write is atomic, checks the rules and the
actor's rights (`petition_selectors.permissions`), records a `PetitionEvent` (public ones carry
only their `public_note` to the tracking page) and an audit row.

A submission writes the petition, its sender, its files, its first events and the throttle row in
one transaction; the tracking code is returned only once that transaction has committed, so a
code shown to a sender always names a stored petition. A likely duplicate (same commune, near
identical text, last 30 days) is linked with `duplicate_of` and stays `received`: a handler then
rejects it as a duplicate (or unlinks it), so it is not handled twice.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import (
    IDENTIFIED_KINDS,
    Complexity,
    Instance,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionExtension,
    PetitionKind,
    PetitionSender,
    PetitionSource,
    PetitionStatus,
    Topic,
)
from danvan.engagement.petition_rules import abuse, deadlines, routing
from danvan.engagement.selectors.petitions import CODE_ALPHABET, CODE_LENGTH, format_code, permissions
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization

S = PetitionStatus
MAX_SUBJECT = 200


@dataclass(frozen=True)
class SenderData:
    full_name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    consent: bool = False

    @property
    def given(self) -> bool:
        return any(v.strip() for v in (self.full_name, self.id_number, self.phone, self.email, self.address))


def identity_problem(kind: str, sender: SenderData) -> tuple[str, str]:
    """The rule on contact details: (the field to point at, the message), or ("", "") when they are fine."""
    has_contact = sender.address.strip() or sender.phone.strip() or sender.id_number.strip()
    if kind in IDENTIFIED_KINDS and not (sender.full_name.strip() and has_contact):
        return "full_name", _(
            "A complaint or a denunciation must give the sender's full name and an address, "
            "a phone number or an ID card number: the law does not allow anonymous ones."
        )
    if sender.given and not sender.consent:
        return "consent", _(
            "Tick the box to agree that your contact details are kept and used to handle your petition."
        )
    return "", ""


def new_code() -> str:
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


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


def petition_submit(
    *,
    kind: str,
    topic: Topic,
    unit: AdminUnit,
    subject: str,
    text: str,
    sender: SenderData,
    uploads: list[Any] = (),  # type: ignore[assignment]
    place_detail: str = "",
    source: str = PetitionSource.PUBLIC_FORM,
    client: str | None = None,
    honeypot: str = "",
    actor: Any = None,
    dialogue: Any = None,
    now: datetime | None = None,
    instance: int = Instance.FIRST,
) -> Petition:
    """Store a petition from the public (or recorded by staff); the caller shows the code after this returns."""
    abuse.check_honeypot(honeypot)
    if kind not in PetitionKind.values:
        raise DomainError(_("Choose what kind of petition this is."))
    _check_instance(kind, instance)
    if not topic.active:
        raise DomainError(_("Choose one of the topics in the list."))
    subject, text = subject.strip(), text.strip()
    if not subject or not text:
        raise DomainError(_("Write a subject and the content of the petition."))
    if len(subject) > MAX_SUBJECT or len(text) > abuse.MAX_TEXT:
        raise DomainError(_("The content is too long: at most %(n)s characters.") % {"n": abuse.MAX_TEXT})
    _field, problem = identity_problem(kind, sender)
    if problem:
        raise DomainError(problem, code="identity_required")
    files = abuse.check_files(list(uploads))
    saved: list[PetitionAttachment] = []
    try:
        with transaction.atomic():
            petition = _store(
                kind=kind,
                topic=topic,
                unit=unit,
                subject=subject,
                text=text,
                sender=sender,
                files=files,
                saved=saved,
                place_detail=place_detail,
                source=source,
                client=client,
                actor=actor,
                dialogue=dialogue,
                now=now,
                instance=instance,
            )
    except BaseException:
        for attachment in saved:  # the rows are gone with the transaction; the files must go too
            attachment.file.delete(save=False)
        raise
    return petition


def _store(
    *,
    kind: str,
    topic: Topic,
    unit: AdminUnit,
    subject: str,
    text: str,
    sender: SenderData,
    files: list[abuse.CheckedFile],
    saved: list[PetitionAttachment],
    place_detail: str,
    source: str,
    client: str | None,
    actor: Any,
    dialogue: Any,
    now: datetime | None,
    instance: int = Instance.FIRST,
) -> Petition:
    now = now or timezone.now()
    key = abuse.client_key(client) if client else None
    if key:
        abuse.throttle_check(key, now)
    remote = deadlines.is_remote(unit)
    rule = deadlines.rule_for(kind, remote=remote, instance=instance)
    folded = abuse.fold_text(text)
    duplicate = abuse.find_duplicate(unit=unit, folded=folded, now=now)
    organization, routing_rule = routing.route(place=unit, topic_id=topic.pk, kind=kind)
    petition = Petition(
        kind=kind,
        topic=topic,
        unit=unit,
        place_detail=place_detail.strip()[:255],
        subject=subject,
        text=text,
        source=source,
        dialogue=dialogue,
        organization=organization,
        received_at=now,
        accept_due=deadlines.accept_due(now, rule),
        remote=remote,
        instance=instance,
        text_folded=folded,
        duplicate_of=duplicate,
    )
    for _attempt in range(5):  # 60 random bits: a clash is all but impossible, and then just retried
        petition.tracking_code = new_code()
        try:
            with transaction.atomic():
                petition.save()
            break
        except IntegrityError:
            if not Petition.objects.filter(tracking_code=petition.tracking_code).exists():
                raise
    else:  # pragma: no cover
        raise DomainError(_("The petition could not be stored. Please try again."), status=503)
    if sender.given:
        PetitionSender.objects.create(
            petition=petition,
            full_name=sender.full_name.strip()[:150],
            id_number=sender.id_number.strip()[:20],
            phone=sender.phone.strip()[:30],
            email=sender.email.strip()[:254],
            address=sender.address.strip()[:255],
            consent_at=now if sender.consent else None,
        )
    for checked in files:
        attachment = PetitionAttachment(
            petition=petition,
            original_name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
        )
        attachment.file.save(
            (Path(checked.name).stem[:60] or "file") + checked.ext, ContentFile(checked.data), save=False
        )
        saved.append(attachment)
        attachment.save()
    _event(petition, actor, "received", to_status=S.RECEIVED, public=True)
    if organization is not None:
        note = f"rule {routing_rule.pk}" if routing_rule else "fallback: commune"
        _event(petition, actor, "routed", to_organization=organization, note=note)
    if duplicate is not None:
        _event(petition, actor, "duplicate", note=duplicate.tracking_code)
    if key:
        abuse.throttle_check(key, now, lock=True)
        abuse.throttle_record(key)
    audit(actor=actor, verb="petition.submit", target=petition, source=source)
    return petition


# --- the lifecycle -------------------------------------------------------------------------------


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


@transaction.atomic
def petition_rate(*, code: str, rating: int, comment: str = "") -> Petition:
    """The sender's rating of the answer, once, after closing; the tracking code is the only key."""
    petition = Petition.objects.select_for_update().filter(tracking_code=format_code(code)).first()
    if petition is None:
        raise DomainError(_("No petition has this tracking code. Check the code and try again."), status=404)
    if petition.status != S.CLOSED:
        raise DomainError(_("A petition can be rated once it is closed."), code="not_closed", status=409)
    if petition.rating is not None:
        raise DomainError(_("This petition has already been rated."), code="already_rated", status=409)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."))
    petition.rating = rating
    petition.rating_comment = (comment or "").strip()[:500]
    petition.save()
    _event(petition, None, "rated", note=str(rating))
    audit(actor=None, verb="petition.rate", target=petition, rating=rating)
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
