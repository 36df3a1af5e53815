"""The back office for models (mô hình): list, detail with timeline and evidence, registration, edit,
lifecycle buttons, replication and statistics.

Thin on purpose: every read goes through `initiatives.selectors` (and `geo`/`org` selectors), each
starting from `org.access` with the acting user; every write through `initiatives.services` or
`initiatives.evidence`, whose `DomainError` message is shown to the user with its status. Missing
and forbidden models both answer 404. Evidence files are served here, after the same scope check,
never from MEDIA_URL.
"""

from danvan.initiatives.views.browse import model_list, person_choices, unit_choices
from danvan.initiatives.views.detail import (
    evidence_file,
    evidence_thumbnail,
    evidence_upload,
    model_detail,
    model_transition,
)
from danvan.initiatives.views.entry import model_create, model_edit, model_replicate
from danvan.initiatives.views.queue import model_queue
from danvan.initiatives.views.stats import model_stats

__all__ = [
    "evidence_file",
    "evidence_thumbnail",
    "evidence_upload",
    "model_create",
    "model_detail",
    "model_edit",
    "model_list",
    "model_queue",
    "model_replicate",
    "model_stats",
    "model_transition",
    "person_choices",
    "unit_choices",
]
