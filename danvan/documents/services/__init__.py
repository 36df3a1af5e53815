"""Every write of the documents app, one module per area."""

from danvan.documents.services.imports import (
    KIND_INITIATIVES,
    KIND_REPORTS,
    MAX_ERRORS_KEPT,
    import_finish,
    import_run,
    import_start,
)

__all__ = ["KIND_INITIATIVES", "KIND_REPORTS", "MAX_ERRORS_KEPT", "import_finish", "import_run", "import_start"]
