"""Background tasks (django-tasks; `danvan db_worker` runs them from the database queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_rebuild(*, job_id: int) -> None:
    from danvan.reporting.services import rollup_rebuild_run

    rollup_rebuild_run(job_id=job_id)
