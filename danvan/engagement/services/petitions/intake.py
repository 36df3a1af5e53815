"""A petition comes in: the public submission (sender, files, duplicate check, throttle) and the sender's rating.

The tracking code is returned only once the transaction has committed, so a code shown to a
sender always names a stored petition."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
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
    Instance,
    Petition,
    PetitionAttachment,
    PetitionKind,
    PetitionSender,
    PetitionSource,
    Topic,
)
from danvan.engagement.petition_rules import abuse, deadlines, routing
from danvan.engagement.selectors.petitions import CODE_ALPHABET, CODE_LENGTH, format_code
from danvan.engagement.services.petitions.common import S, _check_instance, _event
from danvan.geo.models import AdminUnit

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
        note = routing.routing_note(routing_rule)
        _event(petition, actor, "routed", to_organization=organization, note=note)
    if duplicate is not None:
        _event(petition, actor, "duplicate", note=duplicate.tracking_code)
    if key:
        abuse.throttle_check(key, now, lock=True)
        abuse.throttle_record(key)
    audit(actor=actor, verb="petition.submit", target=petition, source=source)
    return petition


# --- the lifecycle -------------------------------------------------------------------------------


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
