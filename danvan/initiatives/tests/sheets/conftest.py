"""Imports run in the test's own thread: the immediate task backend instead of the database queue."""

import pytest


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
