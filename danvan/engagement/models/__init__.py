"""Listening to the people: petitions (petitions.py); dialogues, Three Together, prestigious persons (activities.py)."""

from danvan.engagement.models.activities import (
    Dialogue,
    EthnicGroup,
    GrassrootsActivity,
    PersonEngagement,
    PrestigiousPerson,
)
from danvan.engagement.models.petitions import (
    IDENTIFIED_KINDS,
    DeadlineRule,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionKind,
    PetitionSender,
    PetitionSource,
    PetitionStatus,
    RemoteArea,
    RetentionRule,
    RoutingRule,
    SubmissionThrottle,
    Topic,
)

__all__ = [
    "IDENTIFIED_KINDS",
    "DeadlineRule",
    "Dialogue",
    "EthnicGroup",
    "GrassrootsActivity",
    "PersonEngagement",
    "Petition",
    "PetitionAttachment",
    "PetitionEvent",
    "PetitionKind",
    "PetitionSender",
    "PetitionSource",
    "PetitionStatus",
    "PrestigiousPerson",
    "RemoteArea",
    "RetentionRule",
    "RoutingRule",
    "SubmissionThrottle",
    "Topic",
]
