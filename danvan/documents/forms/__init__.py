"""The documents app's forms, one module per area."""

from danvan.documents.forms.imports import ImportUploadForm
from danvan.documents.forms.review import NarrativeForm, ReviewHeaderForm, ReviewReportForm

__all__ = ["ImportUploadForm", "NarrativeForm", "ReviewHeaderForm", "ReviewReportForm"]
