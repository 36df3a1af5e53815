"""Writes of award decisions: drafted with recipients, issued with the next number, revoked with a reason.

Who may decide which award is the law's (recognition.defaults, as data) read through the issuer:
the awarder an organisation stands for (its kind and level), and whether the actor may manage it
(org.access). The number comes from the issuer's series row, locked in the issuing transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.geo.lineage import in_area
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_commend
from danvan.org.access import Action, can
from danvan.org.models import Organization, Person
from danvan.recognition.models import (
    Award,
    AwardDecision,
    Campaign,
    Certificate,
    DecisionStatus,
    Evaluation,
    NumberSeries,
    Subject,
)
from danvan.recognition.selectors.awards import awarder_of, awards_decided_by
from danvan.recognition.services.campaigns import forbidden

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


def new_code() -> str:
    """Ten characters of 32: 2^50 codes, so a guessed code is practically never a real one."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))


@dataclass(frozen=True)
class RecipientSpec:
    unit: AdminUnit
    organization: Organization | None = None
    person: Person | None = None
    name: str = ""
    position: str = ""
    reason: str = ""
    initiative: Initiative | None = None
    evaluation: Evaluation | None = None
    new_person: bool = False  # an individual not yet in DanVan: a Person named `name` is created with the decision


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    issuer: Organization,
    award: Award,
    year: int,
    title: str,
    reason: str,
    signer_name: str,
    signer_title: str,
    suffix: str,
    recipients: Sequence[RecipientSpec],
    place: str = "",
    campaign: Campaign | None = None,
    doc_type: str = "QĐ",
    on: date | None = None,
) -> AwardDecision:
    """A draft decision with its recipients; nothing is numbered until it is issued."""
    if not can(actor, Action.MANAGE, issuer.unit, issuer):
        raise forbidden()
    on = on or timezone.localdate()
    awarder = awarder_of(issuer, on=on)
    if awarder is None or award.pk not in {a.pk for a in awards_decided_by(user=actor, awarder=awarder, on=on)}:
        raise DomainError(
            _("%(issuer)s may not award %(award)s; propose it to the level that does.")
            % {"issuer": issuer, "award": award.label},
            code="award_not_allowed",
            status=403,
        )
    if not recipients:
        raise DomainError(_("A decision needs at least one recipient."), code="recipients_required")
    if not (suffix := suffix.strip().upper()) or not (title := " ".join(title.split())):
        raise DomainError(_("Give the title and the issuer's abbreviation."), code="header_required")
    if not signer_name.strip():
        raise DomainError(_("Give the signer's name."), code="signer_required")
    decision = AwardDecision.objects.create(
        issuer=issuer,
        awarder=awarder,
        award=award,
        campaign=campaign,
        year=year,
        doc_type=doc_type.strip() or "QĐ",
        suffix=suffix,
        place=place.strip(),
        signer_name=" ".join(signer_name.split()),
        signer_title=" ".join(signer_title.split()),
        title=title,
        reason=reason.strip(),
        created_by=actor,
    )
    rows = []
    people: list[Person] = []
    for i, r in enumerate(recipients, start=1):
        subject = Subject.INDIVIDUAL if r.person is not None or r.new_person else Subject.COLLECTIVE
        if subject not in award.recipients:
            raise DomainError(
                _("%(award)s is not given to a %(who)s (recipient %(n)s).")
                % {"award": award.label, "who": Subject(subject).label, "n": i},
                code="recipient_kind",
            )
        if not in_area(r.unit, issuer.unit):
            raise DomainError(
                _("Recipient %(n)s (%(unit)s) is outside %(issuer)s's area.")
                % {"n": i, "unit": r.unit, "issuer": issuer},
                code="outside_area",
            )
        name = " ".join((r.name or str(r.person or r.organization or r.unit)).split())
        person = r.person
        if person is None and r.new_person:
            person = Person(full_name=name, position=r.position.strip())
            people.append(person)
        rows.append(
            Certificate(
                decision=decision,
                subject=subject,
                unit=r.unit,
                organization=r.organization,
                person=person,
                name=name,
                position=r.position.strip(),
                reason=r.reason.strip(),
                initiative=r.initiative,
                evaluation=r.evaluation,
                code=new_code(),
                order=i,
            )
        )
    Person.objects.bulk_create(
        people, batch_size=1000
    )  # ids set (PostgreSQL, SQLite ≥ 3.35): the certificates take them
    Certificate.objects.bulk_create(rows, batch_size=1000)
    audit(actor=actor, verb="decision.create", target=decision, recipients=len(rows))
    return decision


def _next_number(decision: AwardDecision) -> int:
    """The issuer's next number, under the series row's lock: concurrent issuers wait, none skips or repeats."""
    key = {"organization_id": decision.issuer_id, "year": decision.year, "doc_type": decision.doc_type}
    NumberSeries.objects.bulk_create([NumberSeries(**key)], ignore_conflicts=True)
    series = NumberSeries.objects.select_for_update().get(**key)
    series.last += 1
    series.save(update_fields=["last"])
    return series.last


@transaction.atomic
def decision_issue(*, actor: Any, decision: AwardDecision, signed_on: date) -> AwardDecision:
    """Signed and numbered; the models it names become commended through the registry's own service."""
    decision = AwardDecision.objects.select_for_update(of=("self",)).select_related("issuer__unit").get(pk=decision.pk)
    if not can(actor, Action.MANAGE, decision.issuer.unit, decision.issuer):
        raise forbidden()
    if decision.status != DecisionStatus.DRAFT:
        raise DomainError(_("This decision is already issued."), code="already_issued", status=409)
    decision.number = _next_number(decision)
    decision.signed_on = signed_on
    decision.status = DecisionStatus.ISSUED
    decision.save(update_fields=["number", "signed_on", "status", "updated_at"])
    named = Initiative.objects.filter(certificates__decision=decision).distinct().order_by("pk")
    for initiative in named:
        initiative_commend(actor=actor, initiative=initiative, reference=decision.number_text)
    audit(actor=actor, verb="decision.issue", target=decision, number=decision.number_text)
    return decision


@transaction.atomic
def decision_revoke(*, actor: Any, decision: AwardDecision, reason: str) -> AwardDecision:
    """Its certificates then verify as revoked; the number stays taken (no reuse, no gap)."""
    decision = AwardDecision.objects.select_for_update(of=("self",)).select_related("issuer__unit").get(pk=decision.pk)
    if not can(actor, Action.MANAGE, decision.issuer.unit, decision.issuer):
        raise forbidden()
    if decision.status != DecisionStatus.ISSUED:
        raise DomainError(_("Only an issued decision can be revoked."), code="not_issued", status=409)
    if not (reason := reason.strip()):
        raise DomainError(_("Give a reason."), code="reason_required")
    decision.status = DecisionStatus.REVOKED
    decision.revoked_reason = reason
    decision.save(update_fields=["status", "revoked_reason", "updated_at"])
    audit(actor=actor, verb="decision.revoke", target=decision, reason=reason)
    return decision
