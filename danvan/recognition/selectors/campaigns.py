"""Reads of campaigns, registrations and evaluations for a user, starting from org.access.

A campaign is seen by everyone inside its unit or above it; a registration by those who may see its
unit, the campaign's standing body, and its council's members (who score units outside their own scope).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.org.access import belongs_to, scope_filter, scope_or_above_filter
from danvan.recognition.models import Campaign, CouncilMember, Evaluation, EvaluationStatus, Registration
from danvan.recognition.services.campaigns import may_manage_campaign


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    seen = scope_or_above_filter(Campaign.objects.all(), user)
    on_council = Campaign.objects.filter(council__members__user_id=getattr(user, "pk", 0) or 0)
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
    return CouncilMember.objects.filter(council__campaign=campaign, user_id=getattr(user, "pk", 0) or 0).exists()


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
    rows = (
        Evaluation.objects.filter(
            status=EvaluationStatus.COUNCIL_REVIEW, registration__campaign__council__members__user=user
        )
        .select_related("registration__unit", "registration__organization", "registration__person", "criteria_set")
        .annotate(
            criteria_n=Count("criteria_set__criteria", distinct=True),
            mine=Count("council_scores", filter=Q(council_scores__member__user=user), distinct=True),
        )
        .order_by("registration__campaign_id", "registration__unit__path", "pk")
    )
    out: list[Evaluation] = []
    for e in rows:
        reg = e.registration
        if e.mine >= e.criteria_n or (reg.person is not None and reg.person.user_id == user.pk):
            continue
        if not belongs_to(user, reg.unit, reg.organization):
            out.append(e)
    return out
