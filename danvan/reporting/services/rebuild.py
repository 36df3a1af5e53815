"""Re-mapping history: the roll-up cells rebuilt in the background after the map changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.progress import Progress
from danvan.org.access import is_national
from danvan.reporting.models import (
    DataValue,
    RollupRebuild,
    RollupTarget,
)
from danvan.reporting.rollup import cells_rebuild
from danvan.reporting.targets import targets_recompile

# --- re-mapping history -------------------------------------------------------------------------


def rollup_rebuild_start(*, actor: Any, reason: str = "") -> RollupRebuild:
    """A national administrator asks for a re-mapping of all history onto the current map."""
    if not is_national(actor):
        raise DomainError(_("Only a national administrator can re-map the history."), code="forbidden", status=403)
    with transaction.atomic():
        if RollupRebuild.objects.filter(status=RollupRebuild.Status.QUEUED).exists():
            raise DomainError(_("A re-mapping is already waiting to run."), code="busy", status=409)
        job = _rebuild_enqueue(actor=actor, reason=reason)
        audit(actor=actor, verb="report.rebuild", target=job, reason=reason)
    return job


def rollup_rebuild_queue(*, reason: str) -> RollupRebuild | None:
    """The map changed (see `receivers`): queue one re-mapping, unless one is already waiting or there is no history."""
    if not RollupTarget.objects.exists():
        return None  # nothing compiled yet: the first report compiles against the new map anyway
    waiting = RollupRebuild.objects.filter(status=RollupRebuild.Status.QUEUED).first()
    return waiting or _rebuild_enqueue(actor=None, reason=reason)


def _rebuild_enqueue(*, actor: Any, reason: str) -> RollupRebuild:
    from danvan.reporting.tasks import run_rebuild

    job = RollupRebuild.objects.create(requested_by=actor, reason=(reason or "")[:255])
    transaction.on_commit(lambda: run_rebuild.enqueue(job_id=job.pk))
    return job


def rollup_rebuild_run(*, job_id: int) -> None:
    """Recompile every unit's targets in committed batches (progress shows), then every cell in one
    transaction. Deltas applied meanwhile may use a mix of old and new targets; the final rebuild,
    which holds the roll-up lock alone, recomputes every cell from the values, so the end is exact."""
    job = RollupRebuild.objects.get(pk=job_id)
    unit_ids = set(DataValue.objects.values_list("unit_id", flat=True).distinct())
    unit_ids |= set(RollupTarget.objects.values_list("unit_id", flat=True).distinct())
    total = len(unit_ids) + 1
    RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.RUNNING)
    progress = Progress(job)
    progress.start(total)
    try:
        targets_recompile(unit_ids, progress=lambda done, _of: progress.tick(done))
        with transaction.atomic():
            cells_rebuild()
    except Exception as exc:  # the job records why; a new rebuild can be started
        RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.FAILED, error=str(exc)[:2000])
        raise
    RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.SUCCEEDED, done=total)
