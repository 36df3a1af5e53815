"""Shape checks for the reporting pages, by area; what is allowed is decided by `reporting.services`."""

from __future__ import annotations

from danvan.reporting.forms.entry import OpenForm, ReasonForm, SubmissionFilterForm, TaggedSelect
from danvan.reporting.forms.programmes import ProgrammeForm, TargetForm, TargetUploadForm

__all__ = [
    "OpenForm",
    "ProgrammeForm",
    "ReasonForm",
    "SubmissionFilterForm",
    "TaggedSelect",
    "TargetForm",
    "TargetUploadForm",
]
