"""Reads of campaigns, registrations and evaluations for a user, starting from org.access.

A campaign is seen by everyone inside its unit or above it; a registration by those who may see its
unit, the campaign's standing body, and its council's members (who score units outside their own scope).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from danvan.core import compiled
from danvan.core.errors import DomainError, NotFound
from danvan.org.access import belongs_to, scope_filter, scope_or_above_filter
from danvan.recognition.models import (
    Campaign,
    CouncilMember,
    CouncilScore,
    CriteriaSet,
    Evaluation,
    EvaluationEvent,
    EvaluationStatus,
    Registration,
)
from danvan.recognition.services.campaigns import may_manage_campaign
from danvan.recognition.services.evaluations import council_result, member_totals


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    seen = scope_or_above_filter(Campaign.objects.all(), user)
    on_council = Campaign.objects.filter(
        council__members__user_id=getattr(user, "pk", 0) or 0, council__members__removed_at__isnull=True
    )
    return (
        Campaign.objects.filter(Q(pk__in=seen.values("pk")) | Q(pk__in=on_council.values("pk")))
        .select_related("unit", "unit__era", "organization")
        .annotate(registered=Count("registrations", distinct=True))
        .order_by("-starts_on", "name")
    )


def campaign_get(*, user: Any, pk: int) -> Campaign:
    campaign = campaign_list(user=user).filter(pk=pk).first()
    if campaign is None:
        raise NotFound(_("No such campaign."))
    return campaign


def is_council_member(*, user: Any, campaign: Campaign) -> bool:
    """Sitting on the campaign's council now (a removed member no longer does)."""
    return CouncilMember.objects.filter(
        council__campaign=campaign, user_id=getattr(user, "pk", 0) or 0, removed_at__isnull=True
    ).exists()


def registration_list(*, user: Any, campaign: Campaign) -> QuerySet[Registration]:
    qs = Registration.objects.filter(campaign=campaign).select_related(
        "unit", "unit__era", "organization", "person", "evaluation"
    )
    if not (may_manage_campaign(user, campaign) or is_council_member(user=user, campaign=campaign)):
        qs = scope_filter(qs, user, org_field="organization")
    return qs.order_by("unit__path", "organization__name", "person__full_name", "pk")


def evaluation_get(*, user: Any, pk: int) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related(
            "registration__campaign__unit",
            "registration__campaign__organization",
            "registration__unit",
            "registration__organization",
            "registration__person",
            "criteria_set",
        )
        .filter(pk=pk)
        .first()
    )
    if (
        evaluation is None
        or not registration_list(user=user, campaign=evaluation.registration.campaign)
        .filter(pk=evaluation.registration_id)
        .exists()
    ):
        raise NotFound(_("No such evaluation."))
    return evaluation


def evaluations_to_score(*, user: Any) -> list[Evaluation]:
    """In the council's review, on a council the user sits on, not his own, and not yet fully scored by him."""
    if not getattr(user, "is_authenticated", False):
        return []
    # on the home page of every signed-in user: the statement is compiled once per user and process
    rows = compiled.models(("recognition.evaluations_to_score", user.pk), lambda: _evaluations_in_review(user))
    out: list[Evaluation] = []
    for e in rows:
        reg = e.registration
        if e.mine >= e.criteria_n or (reg.person is not None and reg.person.user_id == user.pk):
            continue
        if not belongs_to(user, reg.unit, reg.organization):
            out.append(e)
    return out


def _evaluations_in_review(user: Any) -> QuerySet[Evaluation]:
    """In the council's review on a council the user sits on, with the criteria and the user's scores counted."""
    return (
        Evaluation.objects.filter(
            status=EvaluationStatus.COUNCIL_REVIEW,
            registration__campaign__council__members__user=user,
            registration__campaign__council__members__removed_at__isnull=True,
        )
        .select_related(
            "registration__campaign",
            "registration__unit",
            "registration__organization",
            "registration__person",
            "criteria_set",
        )
        .annotate(
            criteria_n=Count("criteria_set__criteria", distinct=True),
            mine=Count("council_scores", filter=Q(council_scores__member__user=user), distinct=True),
        )
        .order_by("registration__campaign_id", "registration__unit__path", "pk")
    )


# --- what the campaign and evaluation pages show --------------------------------------------------


def registration_get(*, user: Any, pk: int) -> Registration:
    registration = Registration.objects.select_related("campaign__unit", "campaign__organization").filter(pk=pk).first()
    if registration is None or not registration_list(user=user, campaign=registration.campaign).filter(pk=pk).exists():
        raise NotFound(_("No such registration."))
    return registration


def criteria_set_list(*, campaign: Campaign) -> list[CriteriaSet]:
    """Every version of the campaign's standards, newest first per subject, with their criteria."""
    return list(
        CriteriaSet.objects.filter(campaign=campaign)
        .prefetch_related("criteria")
        .annotate(used=Count("evaluations", distinct=True))
        .order_by("subject", "-version")
    )


def council_members(*, campaign: Campaign, removed: bool = False) -> list[CouncilMember]:
    """The sitting members, by role; with `removed`, those taken off the council instead, latest first."""
    rows = CouncilMember.objects.filter(council__campaign=campaign, removed_at__isnull=not removed)
    if removed:
        return list(rows.select_related("user", "removed_by", "council").order_by("-removed_at", "pk"))
    return list(rows.select_related("user", "council").order_by("role", "pk"))


def council_role(*, user: Any, campaign: Campaign) -> str | None:
    """The user's role on the campaign's council, or None (also once removed from it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    member = CouncilMember.objects.filter(council__campaign=campaign, user=user, removed_at__isnull=True).first()
    return member.role if member is not None else None


def council_member_get(*, user: Any, campaign: Campaign, pk: int) -> CouncilMember:
    """A sitting member of a campaign the user can see (the service decides who may remove one)."""
    member = (
        CouncilMember.objects.filter(council__campaign=campaign, pk=pk, removed_at__isnull=True)
        .select_related("user", "council")
        .first()
    )
    if member is None:
        raise NotFound(_("No such council member."))
    return member


def member_pending_scores(*, member: CouncilMember) -> int:
    """Evaluations still in the council's review that the member has scored: what a removal stops counting."""
    return (
        Evaluation.objects.filter(status=EvaluationStatus.COUNCIL_REVIEW, council_scores__member=member)
        .distinct()
        .count()
    )


def may_score(*, user: Any, evaluation: Evaluation) -> bool:
    """Offer the score form: in review, on the council, and not the member's own unit, organisation or self.

    The same answer as the service's checks: what `evaluations_to_score` lists, or one the member already scored.
    """
    if evaluation.status != EvaluationStatus.COUNCIL_REVIEW or not getattr(user, "is_authenticated", False):
        return False
    if any(e.pk == evaluation.pk for e in evaluations_to_score(user=user)):
        return True
    return CouncilScore.objects.filter(
        evaluation=evaluation, member__user=user, member__removed_at__isnull=True
    ).exists()


def evaluation_events(*, evaluation: Evaluation) -> list[EvaluationEvent]:
    return list(evaluation.events.select_related("actor").order_by("at", "pk"))


@dataclass(frozen=True)
class MemberScore:
    member: CouncilMember
    total: Decimal
    scored: int  # criteria scored
    counted: bool  # in the council's result: sitting, or removed only after the result was approved


def member_scores(*, evaluation: Evaluation) -> list[MemberScore]:
    """Each member who scored, by role, and whether their scores count (see `council_member_remove`)."""
    totals: dict[int, tuple[Decimal, int]] = {}
    for row in evaluation.council_scores.values("member_id").annotate(total=Sum("score"), n=Count("pk")):
        totals[row["member_id"]] = (row["total"] or Decimal(0), row["n"])
    members = list(CouncilMember.objects.filter(pk__in=totals).select_related("user").order_by("role", "pk"))
    approved_at = None
    if evaluation.status in (EvaluationStatus.APPROVED, EvaluationStatus.PUBLISHED) and any(
        m.removed_at is not None for m in members
    ):
        approved_at = (
            evaluation.events.filter(to_status=EvaluationStatus.APPROVED).order_by("-at").values_list("at", flat=True)
        ).first()
    return [
        MemberScore(
            member=m,
            total=totals[m.pk][0],
            scored=totals[m.pk][1],
            counted=m.removed_at is None or (approved_at is not None and m.removed_at > approved_at),
        )
        for m in members
    ]


def provisional_result(*, evaluation: Evaluation) -> Decimal | None:
    """What approving now would give: the campaign's rule over the sitting members' totals (None: not yet possible)."""
    if evaluation.status != EvaluationStatus.COUNCIL_REVIEW:
        return None
    try:
        return council_result(evaluation.registration.campaign.result_rule, list(member_totals(evaluation).values()))
    except DomainError:
        return None
