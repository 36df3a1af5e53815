"""Reads of the documents app: a user's own imports, and the policy documents models name."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.documents.models import ImportJob, PolicyDocument


def import_job_list(*, user: Any) -> QuerySet[ImportJob]:
    """An import is its uploader's alone: the file may name people and places outside anyone else's scope."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(owner=user).defer("errors")


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    job = (
        ImportJob.objects.filter(owner=user).filter(pk=pk).first() if getattr(user, "is_authenticated", False) else None
    )
    if job is None:
        raise NotFound(_("No such import."))
    return job


def policy_document_list() -> list[PolicyDocument]:
    """Every policy document: they are national data, named in models anywhere."""
    return list(PolicyDocument.objects.order_by("number", "issuer"))


RECENT_IMPORT_DAYS = 7


def import_jobs_finished_q(user: Any, days: int = RECENT_IMPORT_DAYS) -> Q:
    """The user's own imports that finished (saved or failed) in the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    done = (ImportJob.Status.SUCCEEDED, ImportJob.Status.FAILED)
    return Q(owner_id=getattr(user, "pk", None), status__in=done, updated_at__gte=since)


def import_jobs_finished(*, user: Any, days: int = RECENT_IMPORT_DAYS) -> QuerySet[ImportJob]:
    """The user's own imports that finished lately, newest first (see `import_jobs_finished_q`)."""
    return import_job_list(user=user).filter(import_jobs_finished_q(user, days)).order_by("-updated_at", "-pk")
