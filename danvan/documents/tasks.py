"""Background tasks (django-tasks; `danvan db_worker` runs them from the database queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(*, job_id: int) -> None:
    from danvan.documents.services import import_run

    import_run(job_id=job_id)


@task()
def run_review(*, job_id: int) -> None:
    from danvan.documents.services.review import review_run

    review_run(job_id=job_id)
