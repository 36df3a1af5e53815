"""Listening to the people, one module per area: petitions, dialogues, activities (Three Together), persons."""

from danvan.engagement.models.activities import GrassrootsActivity
from danvan.engagement.models.dialogues import Dialogue
from danvan.engagement.models.persons import EthnicGroup, PersonEngagement, PrestigiousPerson
from danvan.engagement.models.petitions import (
    IDENTIFIED_KINDS,
    Complexity,
    DayCount,
    DeadlineRule,
    Holiday,
    Instance,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionExtension,
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
    "Complexity",
    "DayCount",
    "DeadlineRule",
    "Dialogue",
    "EthnicGroup",
    "GrassrootsActivity",
    "Holiday",
    "Instance",
    "PersonEngagement",
    "Petition",
    "PetitionAttachment",
    "PetitionEvent",
    "PetitionExtension",
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
