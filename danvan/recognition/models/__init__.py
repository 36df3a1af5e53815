"""recognition's data, one module per area; everything is importable from `danvan.recognition.models`."""

from danvan.recognition.models.awards import AWARDER_RANK, Award, AwardAuthority, Awarder, Category, Recipient
from danvan.recognition.models.campaigns import (
    Campaign,
    CampaignStatus,
    Commitment,
    CriteriaSet,
    Criterion,
    Registration,
    ResultRule,
    Subject,
)
from danvan.recognition.models.conferences import Conference
from danvan.recognition.models.decisions import AwardDecision, Certificate, DecisionStatus, NumberSeries
from danvan.recognition.models.evaluations import (
    Council,
    CouncilMember,
    CouncilScore,
    Evaluation,
    EvaluationEvent,
    EvaluationStatus,
    Evidence,
    SelfScore,
)

__all__ = [
    "AWARDER_RANK",
    "Award",
    "AwardAuthority",
    "AwardDecision",
    "Awarder",
    "Campaign",
    "CampaignStatus",
    "Category",
    "Certificate",
    "Commitment",
    "Conference",
    "Council",
    "CouncilMember",
    "CouncilScore",
    "CriteriaSet",
    "Criterion",
    "DecisionStatus",
    "Evaluation",
    "EvaluationEvent",
    "EvaluationStatus",
    "Evidence",
    "NumberSeries",
    "Recipient",
    "Registration",
    "ResultRule",
    "SelfScore",
    "Subject",
]
