"""Writes of reporting: open a report, save its values, and move it up the chain.

Values are typed only while their report is a draft or returned. Submitting puts them in every
roll-up above (so the province sees them the same second); approving marks them approved and
locks them; returning or reopening (a reviewer above, with a reason) takes them out again. Each
step is one transaction with its roll-up deltas and its audit row: nothing is ever half-done.
"""

from __future__ import annotations

from danvan.reporting.services.common import MAX_VALUE, CellErrors, CellProblem, SaveResult, Status, cell_name, due_date
from danvan.reporting.services.programmes import (
    TargetsRefused,
    programme_create,
    programme_delete,
    programme_update,
    target_delete,
    target_set,
    targets_set,
)
from danvan.reporting.services.rebuild import rollup_rebuild_queue, rollup_rebuild_run, rollup_rebuild_start
from danvan.reporting.services.submissions import (
    period_ensure,
    submission_approve,
    submission_open,
    submission_reopen,
    submission_return,
    submission_submit,
)
from danvan.reporting.services.values import jump_warnings, values_save, values_upsert

__all__ = [
    "MAX_VALUE",
    "CellErrors",
    "CellProblem",
    "SaveResult",
    "Status",
    "TargetsRefused",
    "cell_name",
    "due_date",
    "jump_warnings",
    "period_ensure",
    "programme_create",
    "programme_delete",
    "programme_update",
    "rollup_rebuild_queue",
    "rollup_rebuild_run",
    "rollup_rebuild_start",
    "submission_approve",
    "submission_open",
    "submission_reopen",
    "submission_return",
    "submission_submit",
    "target_delete",
    "target_set",
    "targets_set",
    "values_save",
    "values_upsert",
]
