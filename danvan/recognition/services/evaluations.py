"""Writes of evaluations: self-assessment, the council's scores, approval and publication.

Every step asks org.access (who may report for, manage or belongs to a unit) and the council's own
roster (who sits on it); a published result is never written again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.dates import format_date
from danvan.core.errors import DomainError
from danvan.org.access import Action, belongs_to, can
from danvan.recognition.models import (
    Campaign,
    Council,
    CouncilMember,
    CouncilScore,
    CriteriaSet,
    Criterion,
    Evaluation,
    EvaluationEvent,
    EvaluationStatus,
    Evidence,
    Registration,
    ResultRule,
    SelfScore,
)
from danvan.recognition.services.campaigns import forbidden, may_manage_campaign

CENT = Decimal("0.01")
Scores = Mapping[int, tuple[Decimal | str | int, str]]  # criterion id -> (score, explanation or note)


def council_result(rule: str, totals: Sequence[Decimal]) -> Decimal:
    """The council's result from its members' totals: the average, or without the highest and lowest.

    Without extremes needs three scores at least; with fewer it is the plain average.
    """
    values = sorted(totals)
    if not values:
        raise DomainError(_("No council member has scored this evaluation yet."), code="no_scores", status=409)
    if rule == ResultRule.TRIMMED and len(values) >= 3:
        values = values[1:-1]
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def _locked(evaluation_id: int) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related(
            "registration__unit",
            "registration__organization",
            "registration__person",
            "registration__campaign__unit",
            "registration__campaign__organization",
            "criteria_set",
        )
        .get(pk=evaluation_id)
    )


def _move(evaluation: Evaluation, *, actor: Any, to: str, reason: str = "") -> None:
    frm = evaluation.status
    evaluation.status = to
    evaluation.save()
    EvaluationEvent.objects.create(evaluation=evaluation, actor=actor, from_status=frm, to_status=to, reason=reason)
    audit(actor=actor, verb="evaluation.transition", target=evaluation, frm=frm, to=to, reason=reason)


def _not_published(evaluation: Evaluation) -> None:
    if evaluation.status == EvaluationStatus.PUBLISHED:
        raise DomainError(_("A published result never changes."), code="published", status=409)


def _score(raw: Decimal | str | int, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("Criterion %(n)s: the score is not a number.") % {"n": criterion.position}) from None
    if not value.is_finite() or value < 0:
        raise DomainError(_("Criterion %(n)s: the score cannot be negative.") % {"n": criterion.position})
    if value > criterion.max_score:
        raise DomainError(
            _("Criterion %(n)s: the score %(score)s is above the maximum of %(max)s.")
            % {"n": criterion.position, "score": value, "max": criterion.max_score},
            code="above_maximum",
        )
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _registrant(actor: Any, registration: Registration) -> None:
    if not can(actor, Action.REPORT, registration.unit, registration.organization):
        raise forbidden()


def _current_set(registration: Registration) -> CriteriaSet:
    cs = (
        CriteriaSet.objects.filter(campaign_id=registration.campaign_id, subject=registration.subject)
        .order_by("-version")
        .first()
    )
    if cs is None:
        raise DomainError(_("The campaign has no standards for this subject yet."), code="no_criteria", status=409)
    return cs


@transaction.atomic
def evaluation_start(*, actor: Any, registration: Registration) -> Evaluation:
    """The registrant's self-assessment, against the newest version of the standards (which it then freezes)."""
    _registrant(actor, registration)
    existing = Evaluation.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    evaluation = Evaluation.objects.create(registration=registration, criteria_set=_current_set(registration))
    audit(actor=actor, verb="evaluation.start", target=evaluation)
    return evaluation


@transaction.atomic
def evaluation_self_score(*, actor: Any, evaluation: Evaluation, scores: Scores) -> Evaluation:
    evaluation = _locked(evaluation.pk)
    _registrant(actor, evaluation.registration)
    _not_published(evaluation)
    if evaluation.status != EvaluationStatus.DRAFT:
        raise DomainError(_("Only a draft can be changed; ask for it to be returned."), code="not_draft", status=409)
    criteria = {c.pk: c for c in evaluation.criteria_set.criteria.all()}
    unknown = [k for k in scores if k not in criteria]
    if unknown:
        raise DomainError(_("Unknown criterion."), code="unknown_criterion")
    for cid, (raw, explanation) in scores.items():
        SelfScore.objects.update_or_create(
            evaluation=evaluation,
            criterion=criteria[cid],
            defaults={"score": _score(raw, criteria[cid]), "explanation": explanation.strip()},
        )
    evaluation.self_total = sum((s.score for s in evaluation.self_scores.all()), Decimal(0))
    evaluation.save(update_fields=["self_total", "updated_at"])
    audit(actor=actor, verb="evaluation.self_score", target=evaluation, criteria=sorted(scores))
    return evaluation


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    evaluation: Evaluation,
    criterion: Criterion,
    kind: str,
    label: str,
    object_id: int | None = None,
    url: str = "",
    file: Any = None,
) -> Evidence:
    evaluation = _locked(evaluation.pk)
    _registrant(actor, evaluation.registration)
    if evaluation.status != EvaluationStatus.DRAFT:
        raise DomainError(_("Only a draft can be changed; ask for it to be returned."), code="not_draft", status=409)
    if criterion.criteria_set_id != evaluation.criteria_set_id:
        raise DomainError(_("Unknown criterion."), code="unknown_criterion")
    if kind not in Evidence.Kind.values:
        raise DomainError(_("Unknown kind of evidence."))
    if kind == Evidence.Kind.FILE and not file:
        raise DomainError(_("Choose a file."), code="file_required")
    if kind != Evidence.Kind.FILE and object_id is None:
        raise DomainError(_("Choose the record this evidence is."), code="record_required")
    item = Evidence.objects.create(
        evaluation=evaluation,
        criterion=criterion,
        kind=kind,
        label=" ".join(label.split())[:500] or str(Evidence.Kind(kind).label),
        object_id=object_id,
        url=url,
        file=file or "",
        added_by=actor,
    )
    audit(actor=actor, verb="evidence.add", target=item, evaluation=evaluation.pk, kind=kind)
    return item


@transaction.atomic
def evaluation_submit(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    evaluation = _locked(evaluation.pk)
    _registrant(actor, evaluation.registration)
    if evaluation.status != EvaluationStatus.DRAFT:
        raise DomainError(_("Only a draft can be submitted."), code="not_draft", status=409)
    missing = evaluation.criteria_set.criteria.exclude(
        pk__in=evaluation.self_scores.values("criterion_id")
    ).values_list("position", flat=True)
    if missing:
        raise DomainError(
            _("Score every criterion before submitting (missing: %(list)s).")
            % {"list": ", ".join(str(n) for n in missing)},
            code="incomplete",
        )
    _move(evaluation, actor=actor, to=EvaluationStatus.SUBMITTED)
    return evaluation


def _member(actor: Any, campaign: Campaign) -> CouncilMember | None:
    if not getattr(actor, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(council__campaign=campaign, user=actor).select_related("council").first()


def _may_steer(actor: Any, campaign: Campaign) -> bool:
    """The council's chair or secretary, or the standing body, moves evaluations into and out of review."""
    member = _member(actor, campaign)
    steering = (
        member is not None
        and not member.is_removed
        and member.role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)
    )
    return steering or may_manage_campaign(actor, campaign)


@transaction.atomic
def evaluation_open_review(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    evaluation = _locked(evaluation.pk)
    if not _may_steer(actor, evaluation.registration.campaign):
        raise forbidden()
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise DomainError(_("Only a submitted evaluation goes to the council."), code="not_submitted", status=409)
    _move(evaluation, actor=actor, to=EvaluationStatus.COUNCIL_REVIEW)
    return evaluation


@transaction.atomic
def evaluation_return(*, actor: Any, evaluation: Evaluation, reason: str) -> Evaluation:
    """Back to the registrant with a reason (a rejection always says why); the council's scores are cleared."""
    evaluation = _locked(evaluation.pk)
    campaign = evaluation.registration.campaign
    if not _may_steer(actor, campaign):
        raise forbidden()
    _not_published(evaluation)
    if evaluation.status not in (
        EvaluationStatus.SUBMITTED,
        EvaluationStatus.COUNCIL_REVIEW,
        EvaluationStatus.APPROVED,
    ):
        raise DomainError(_("Only a submitted evaluation can be returned."), code="not_submitted", status=409)
    if evaluation.status == EvaluationStatus.APPROVED and not may_manage_campaign(actor, campaign):
        raise forbidden()
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give a reason."), code="reason_required")
    evaluation.council_scores.all().delete()
    evaluation.result = None
    _move(evaluation, actor=actor, to=EvaluationStatus.DRAFT, reason=reason)
    return evaluation


@transaction.atomic
def council_score(*, actor: Any, evaluation: Evaluation, scores: Scores) -> list[CouncilScore]:
    """One member's own scores; never on their own unit, organisation or self."""
    evaluation = _locked(evaluation.pk)
    registration = evaluation.registration
    member = _member(actor, registration.campaign)
    if member is None:
        raise forbidden()
    if member.removed_at is not None:
        raise DomainError(
            _("You were removed from this council on %(day)s and no longer score.")
            % {"day": format_date(member.removed_at)},
            code="member_removed",
            status=403,
        )
    _not_published(evaluation)
    if evaluation.status != EvaluationStatus.COUNCIL_REVIEW:
        raise DomainError(_("The council scores only during its review."), code="not_in_review", status=409)
    own_person = registration.person is not None and registration.person.user_id == actor.pk
    if own_person or belongs_to(actor, registration.unit, registration.organization):
        raise DomainError(
            _("A council member does not score their own unit, organisation or self."),
            code="conflict_of_interest",
            status=403,
        )
    criteria = {c.pk: c for c in evaluation.criteria_set.criteria.all()}
    if any(k not in criteria for k in scores):
        raise DomainError(_("Unknown criterion."), code="unknown_criterion")
    out = []
    for cid, (raw, note) in scores.items():
        row, _created = CouncilScore.objects.update_or_create(
            evaluation=evaluation,
            member=member,
            criterion=criteria[cid],
            defaults={"score": _score(raw, criteria[cid]), "note": note.strip()},
        )
        out.append(row)
    audit(actor=actor, verb="council.score", target=evaluation, member=member.pk, criteria=sorted(scores))
    return out


def member_totals(evaluation: Evaluation) -> dict[int, Decimal]:
    """Each sitting member's total, for members who scored every criterion; a partial scorer is an error.

    A member removed from the council does not count (see `council_member_remove`).
    """
    n = evaluation.criteria_set.criteria.count()
    by_member: dict[int, list[Decimal]] = {}
    for s in evaluation.council_scores.filter(member__removed_at__isnull=True):
        by_member.setdefault(s.member_id, []).append(s.score)
    partial = [m for m, v in by_member.items() if len(v) != n]
    if partial:
        raise DomainError(
            _("%(n)s council members have not scored every criterion.") % {"n": len(partial)},
            code="partial_scores",
            status=409,
        )
    return {m: sum(v, Decimal(0)) for m, v in by_member.items()}


@transaction.atomic
def evaluation_approve(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """The standing body approves the council's result, computed now by the campaign's rule and kept."""
    evaluation = _locked(evaluation.pk)
    campaign = evaluation.registration.campaign
    if not may_manage_campaign(actor, campaign):
        raise forbidden()
    if evaluation.status != EvaluationStatus.COUNCIL_REVIEW:
        raise DomainError(_("Only an evaluation the council has reviewed can be approved."), status=409)
    evaluation.result = council_result(campaign.result_rule, list(member_totals(evaluation).values()))
    _move(evaluation, actor=actor, to=EvaluationStatus.APPROVED)
    return evaluation


@transaction.atomic
def evaluation_publish(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    evaluation = _locked(evaluation.pk)
    if not may_manage_campaign(actor, evaluation.registration.campaign):
        raise forbidden()
    if evaluation.status != EvaluationStatus.APPROVED:
        raise DomainError(_("Only an approved result can be published."), code="not_approved", status=409)
    evaluation.published_at = timezone.now()
    _move(evaluation, actor=actor, to=EvaluationStatus.PUBLISHED)
    return evaluation


@transaction.atomic
def council_set(*, actor: Any, campaign: Campaign, name: str, members: Sequence[tuple[Any, str]]) -> Council:
    """The council of the campaign's level and its roster; members already scoring stay (their scores are theirs)."""
    if not may_manage_campaign(actor, campaign):
        raise forbidden()
    council, _created = Council.objects.update_or_create(
        campaign=campaign, defaults={"name": " ".join(name.split()) or _("Emulation council")}
    )
    for user, role in members:
        if role not in CouncilMember.Role.values:
            raise DomainError(_("Unknown council role %(value)s.") % {"value": role})
        member, _new = CouncilMember.objects.update_or_create(council=council, user=user, defaults={"role": role})
        if member.removed_at is not None:  # named again: back on the council, the removal stays in the audit trail
            audit(actor=actor, verb="council.member_reinstate", target=member, reason=member.removal_reason)
            member.removed_at, member.removed_by, member.removal_reason = None, None, ""
            member.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    audit(actor=actor, verb="council.set", target=council, members=[getattr(u, "pk", None) for u, _r in members])
    return council


@transaction.atomic
def council_member_remove(*, actor: Any, member: CouncilMember, reason: str) -> CouncilMember:
    """Take a member off the council, with a reason; the standing body does it, as it names the council.

    The rule: a removed member no longer scores, steers or sees the council's work. Their scores on
    evaluations not yet approved stop counting: the result, computed at approval, comes from the
    remaining members' scores alone (`member_totals`). Results already approved or published were
    computed and kept then, so they do not move, and the member's scores on them stay as history.
    Nothing is deleted: the seat stays with who removed the member, when and why (the scores keep
    pointing at it); naming the person again in `council_set` puts them back.
    """
    member = (
        CouncilMember.objects.select_for_update(of=("self",))
        .select_related("council__campaign__unit", "council__campaign__organization", "user")
        .get(pk=member.pk)
    )
    campaign = member.council.campaign
    if not may_manage_campaign(actor, campaign):
        raise forbidden()
    if member.removed_at is not None:
        raise DomainError(
            _("%(name)s was already removed from the council.") % {"name": member.user.full_name or member.user},
            code="already_removed",
            status=409,
        )
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_("Give a reason for the removal."), code="reason_required")
    member.removed_at = timezone.now()
    member.removed_by = actor
    member.removal_reason = reason[:5000]
    member.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    pending = set(
        CouncilScore.objects.filter(member=member, evaluation__status=EvaluationStatus.COUNCIL_REVIEW).values_list(
            "evaluation_id", flat=True
        )
    )
    audit(
        actor=actor,
        verb="council.member_remove",
        target=member,
        user=member.user_id,
        reason=member.removal_reason,
        scores_no_longer_counted=sorted(pending),
    )
    return member
