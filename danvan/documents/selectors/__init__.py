"""Every read of the documents app, one module per area."""

from danvan.documents.selectors.imports import (
    RECENT_IMPORT_DAYS,
    import_job_get,
    import_job_list,
    import_jobs_finished,
    import_jobs_finished_q,
    policy_document_list,
)
from danvan.documents.selectors.review_reports import (
    narrative_draft_get,
    narrative_drafts,
    narrative_latest,
    review_job_get,
    review_job_latest,
    review_periods,
    review_report_get,
    review_report_list,
    review_unit_get,
    review_units,
)

__all__ = [
    "RECENT_IMPORT_DAYS",
    "import_job_get",
    "import_job_list",
    "import_jobs_finished",
    "import_jobs_finished_q",
    "narrative_draft_get",
    "narrative_drafts",
    "narrative_latest",
    "policy_document_list",
    "review_job_get",
    "review_job_latest",
    "review_periods",
    "review_report_get",
    "review_report_list",
    "review_unit_get",
    "review_units",
]
