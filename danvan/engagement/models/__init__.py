"""Listening to the people, one module per area: petitions, dialogues, activities (Three Together), persons."""

from danvan.engagement.models.activities import GrassrootsActivity
from danvan.engagement.models.dialogues import Dialogue
from danvan.engagement.models.persons import EthnicGroup, PersonEngagement, PrestigiousPerson
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
