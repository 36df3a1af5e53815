"""Policy documents, import jobs and (by area, one module each) what the app writes up."""

from danvan.documents.models.imports import ImportJob
from danvan.documents.models.policies import PolicyDocument
from danvan.documents.models.review import NarrativePart, ReviewJob, ReviewNarrative, ReviewReport

__all__ = ["ImportJob", "NarrativePart", "PolicyDocument", "ReviewJob", "ReviewNarrative", "ReviewReport"]
