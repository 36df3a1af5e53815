"""Policy documents, import jobs and (by area, one module each) what the app writes up."""

from danvan.documents.models.imports import ImportJob
from danvan.documents.models.policies import PolicyDocument

__all__ = ["ImportJob", "PolicyDocument"]
