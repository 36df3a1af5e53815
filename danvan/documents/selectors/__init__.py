"""Every read of the documents app, one module per area."""

from danvan.documents.selectors.imports import (
    RECENT_IMPORT_DAYS,
    import_job_get,
    import_job_list,
    import_jobs_finished,
    import_jobs_finished_q,
    policy_document_list,
)

__all__ = [
    "RECENT_IMPORT_DAYS",
    "import_job_get",
    "import_job_list",
    "import_jobs_finished",
    "import_jobs_finished_q",
    "policy_document_list",
]
