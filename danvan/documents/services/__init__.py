"""Every write of the documents app, one module per area."""

from danvan.documents.services.imports import (
    KIND_INITIATIVES,
    KIND_REPORTS,
    MAX_ERRORS_KEPT,
    import_finish,
    import_run,
    import_start,
)
from danvan.documents.services.review import (
    narrative_restore,
    narrative_save,
    review_generate,
    review_report_create,
    review_report_update,
    review_run,
)

__all__ = [
    "KIND_INITIATIVES",
    "KIND_REPORTS",
    "MAX_ERRORS_KEPT",
    "import_finish",
    "import_run",
    "import_start",
    "narrative_restore",
    "narrative_save",
    "review_generate",
    "review_report_create",
    "review_report_update",
    "review_run",
]
