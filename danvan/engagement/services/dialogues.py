"""Writes for dialogues: record one, change it, and track each issue raised as a petition.

An issue raised at a dialogue is a `Petition` with source "dialogue": the host promised in public
to settle it, so it starts accepted, with the owner organisation, an optional handler and the
promised date as its settle-by date. The petitions' own pages and services take it from there.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any, TypeAlias

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.dates import format_date
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.engagement.minutes import read_minutes
from danvan.engagement.models import (
    DeadlineRule,
    Dialogue,
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionSource,
    PetitionStatus,
    Topic,
)
from danvan.engagement.services.checks import check_count, check_organization, check_place
from danvan.org.access import Action, can, users_who_may
from danvan.org.models import Organization

OPEN_STATUSES = (PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED, PetitionStatus.IN_PROGRESS)
Upload: TypeAlias = "UploadedFile[bytes]"  # the minutes a secretary attaches
DIALOGUE_FIELDS: tuple[str, ...] = ("title", "format", "held_on", "unit", "place_detail", "host", "participants_count")
DIALOGUE_FIELDS += ("participants", "summary")


def _clean(actor: Any, values: dict[str, Any]) -> dict[str, Any]:
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise DomainError(_("Give the dialogue a title."), code="title")
    values["title"] = title[:255]
    if values.get("format") not in Dialogue.Format.values:
        raise DomainError(_("Choose the format of the dialogue."), code="format")
    held_on = values.get("held_on")
    if not isinstance(held_on, date):
        raise DomainError(_("Give the date of the dialogue."), code="held_on")
    if held_on > timezone.localdate():
        raise DomainError(_("A dialogue is recorded once it has been held: the date is in the future."), code="future")
    host = check_organization(actor, values.get("host"), what=_("a host organisation"))
    check_place(actor, values.get("unit"), host)
    values["participants_count"] = check_count(values.get("participants_count"), _("Participants"))
    return values


def _attach(dialogue: Dialogue, minutes: Upload | None) -> None:
    if minutes is None:
        return
    data, name = read_minutes(minutes)
    old = dialogue.minutes.name if dialogue.minutes else ""
    dialogue.minutes.save(name, ContentFile(data), save=False)
    if old:
        transaction.on_commit(lambda: dialogue.minutes.storage.delete(old))


@transaction.atomic
def dialogue_create(*, actor: Any, minutes: Upload | None = None, **values: Any) -> Dialogue:
    values = _clean(actor, {k: values.get(k) for k in DIALOGUE_FIELDS})
    dialogue = Dialogue(**{k: v for k, v in values.items() if v is not None}, created_by=actor)
    _attach(dialogue, minutes)
    try:
        dialogue.save()
    except Exception:
        if dialogue.minutes:
            dialogue.minutes.delete(save=False)
        raise
    audit(actor=actor, verb="dialogue.create", target=dialogue)
    return dialogue


@transaction.atomic
def dialogue_update(*, actor: Any, dialogue: Dialogue, minutes: Upload | None = None, **values: Any) -> Dialogue:
    if not can(actor, Action.REPORT, dialogue.unit, dialogue.host):
        raise DomainError(_("You may not change this dialogue."), code="forbidden", status=403)
    merged = {k: values.get(k, getattr(dialogue, k)) for k in DIALOGUE_FIELDS}
    merged = _clean(actor, merged)
    changed = [k for k in DIALOGUE_FIELDS if getattr(dialogue, k) != merged[k]]
    for k in DIALOGUE_FIELDS:
        setattr(dialogue, k, merged[k] if merged[k] is not None else "")
    _attach(dialogue, minutes)
    dialogue.save()
    audit(actor=actor, verb="dialogue.update", target=dialogue, fields=changed, minutes=minutes is not None)
    return dialogue


def _tracking_code() -> str:
    return "DT-" + secrets.token_hex(5).upper()


def _as_datetime(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


@transaction.atomic
def dialogue_issue_add(
    *,
    actor: Any,
    dialogue: Dialogue,
    subject: str,
    text: str = "",
    owner: Organization | None,
    deadline: date | None,
    handler: Any = None,
    topic: Topic | None = None,
    kind: str = PetitionKind.RECOMMENDATION,
) -> Petition:
    """One issue raised at `dialogue`, owned by `owner`, promised by `deadline`: a tracked petition."""
    if not can(actor, Action.REPORT, dialogue.unit, dialogue.host):
        raise DomainError(_("You may not add issues to this dialogue."), code="forbidden", status=403)
    subject = " ".join((subject or "").split())
    if not subject:
        raise DomainError(_("Say what the issue is."), code="subject")
    owner = check_organization(actor, owner, what=_("the organisation that owns the issue"), action=Action.VIEW)
    if deadline is None:
        raise DomainError(_("Give the date promised for settling the issue."), code="deadline")
    if deadline < dialogue.held_on:
        raise DomainError(_("The promised date cannot be before the dialogue."), code="deadline")
    if handler is not None and not can(handler, Action.REPORT, owner.unit, owner):
        raise DomainError(
            _("The chosen handler cannot handle issues of %(org)s.") % {"org": owner.name}, code="handler"
        )
    if kind not in PetitionKind.values:
        raise DomainError(_("Choose the kind of issue."), code="kind")
    topic = topic or Topic.objects.filter(code="other").first() or Topic.objects.first()
    if topic is None:
        raise DomainError(_("No petition topics are configured."), code="topic")
    rule = DeadlineRule.objects.filter(kind=kind, instance=1, remote=False).first()
    received = _as_datetime(dialogue.held_on)
    now = timezone.now()
    body = (text or "").strip() or subject
    for attempt in range(5):  # a clash of random codes is rare; try another
        try:
            with transaction.atomic():
                issue = Petition.objects.create(
                    tracking_code=_tracking_code(),
                    kind=kind,
                    topic=topic,
                    unit=dialogue.unit,
                    place_detail=dialogue.place_detail,
                    subject=subject[:200],
                    text=body,
                    text_folded=fold(body),
                    source=PetitionSource.DIALOGUE,
                    dialogue=dialogue,
                    organization=owner,
                    handler=handler,
                    status=PetitionStatus.ACCEPTED,
                    received_at=received,
                    accept_due=dialogue.held_on + timedelta(days=rule.accept_days if rule else 10),
                    accepted_at=received,
                    settle_due=deadline,
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    PetitionEvent.objects.create(
        petition=issue,
        actor=actor,
        verb="received",
        to_status=PetitionStatus.RECEIVED,
        to_organization=owner,
        note=_("Raised at the dialogue “%(title)s”.") % {"title": dialogue.title},
    )
    PetitionEvent.objects.create(
        petition=issue,
        actor=actor,
        verb="accepted",
        from_status=PetitionStatus.RECEIVED,
        to_status=PetitionStatus.ACCEPTED,
        public=True,
        public_note=_("Promised at the dialogue for %(date)s.") % {"date": format_date(deadline)},
    )
    if handler is not None:
        PetitionEvent.objects.create(petition=issue, actor=actor, verb="assigned", note=str(handler))
    audit(actor=actor, verb="dialogue.issue_add", target=dialogue, petition=issue.pk, at=now.isoformat())
    return issue


def may_settle(actor: Any, issue: Petition) -> bool:
    if issue.handler_id is not None and issue.handler_id == getattr(actor, "pk", None):
        return True
    return issue.organization is not None and can(actor, Action.REPORT, issue.organization.unit, issue.organization)


@transaction.atomic
def dialogue_issue_settle(*, actor: Any, issue: Petition, answer: str) -> Petition:
    """The owner says what was done: the issue is answered, and the next dialogue shows it."""
    issue = Petition.objects.select_for_update().get(pk=issue.pk)  # no outer join: PostgreSQL cannot lock one
    if issue.source != PetitionSource.DIALOGUE:
        raise DomainError(_("Only issues raised at a dialogue are settled here."), code="not_dialogue")
    if not may_settle(actor, issue):
        raise DomainError(_("Only the owner or the handler settles this issue."), code="forbidden", status=403)
    if issue.status not in OPEN_STATUSES:
        raise DomainError(_("This issue is already settled."), code="invalid_transition", status=409)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Say what was done."), code="answer")
    before = issue.status
    issue.status = PetitionStatus.ANSWERED
    issue.answered_at = timezone.now()
    issue.public_answer = answer
    issue.save(update_fields=["status", "answered_at", "public_answer", "updated_at"])
    PetitionEvent.objects.create(
        petition=issue,
        actor=actor,
        verb="answered",
        from_status=before,
        to_status=issue.status,
        public=True,
        public_note=answer,
    )
    audit(actor=actor, verb="dialogue.issue_settle", target=issue)
    return issue


def handler_choices(owner: Organization | None) -> Any:
    """Accounts that may handle issues of `owner`: those who may work (REPORT) on its place for it."""
    User = get_user_model()
    if owner is None:
        return User.objects.none()
    ids = [u.pk for u in users_who_may(Action.REPORT, owner.unit, owner)]
    return User.objects.filter(pk__in=ids).order_by("username")
