"""The import as the production worker runs it: queued in the database, claimed once, never left hanging."""

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from danvan.documents import services
from danvan.documents.models import ImportJob
from danvan.initiatives.models import Initiative
from danvan.initiatives.sheets import reader
from danvan.initiatives.tests.sheets.helpers import filled, nam_khe_row, upload


@pytest.fixture
def database_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    # the worker recycles stale connections between tasks; here the connection holds the test's transaction
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _work():
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_the_upload_queues_a_task_that_the_worker_runs(
    database_queue, commune_reporter, login, django_capture_on_commit_callbacks
):
    _response, job = upload(
        login(commune_reporter), filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    task = DBTaskResult.objects.get(task_path="danvan.documents.tasks.run_import")
    assert task.args_kwargs == {"args": [], "kwargs": {"job_id": job.pk}}

    _work()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert job.saved == 1
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_a_job_runs_once(commune_reporter, login, django_capture_on_commit_callbacks):
    _response, job = upload(
        login(commune_reporter), filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks
    )
    count = Initiative.objects.count()
    services.import_run(job_id=job.pk)  # a retried or duplicated task
    assert Initiative.objects.count() == count


def test_an_unexpected_error_fails_the_job_and_saves_nothing(
    commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(reader.Reader, "parse", broken)
    before = Initiative.objects.count()
    _response, job = upload(
        login(commune_reporter), filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["message"] == "Việc nhập dừng lại do lỗi ngoài dự kiến. Chưa có gì được lưu."
    assert Initiative.objects.count() == before
