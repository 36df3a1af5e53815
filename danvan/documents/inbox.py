"""Documents' kind of work on the home page: the user's imports that finished or failed lately (see `org.inbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.dates import format_datetime
from danvan.documents.models import ImportJob
from danvan.documents.selectors import import_jobs_finished, import_jobs_finished_q
from danvan.org import inbox

CODE = "documents.imports"


def _items(user: Any, limit: int) -> Sequence[inbox.Item]:
    return [_item(job) for job in import_jobs_finished(user=user)[:limit]]


def _item(job: ImportJob) -> inbox.Item:
    return inbox.Item(
        label=job.original_name,
        detail=_("%(status)s · %(when)s · %(saved)s rows saved, %(problems)s problems")
        % {
            "status": ImportJob.Status(job.status).label,
            "when": format_datetime(job.updated_at),
            "saved": job.saved,
            "problems": job.error_count,
        },
        url=reverse("documents:import", args=[job.pk]),
        severity=inbox.Severity.LATE if job.status == ImportJob.Status.FAILED else inbox.Severity.NORMAL,
    )


def _batch(user: Any, limit: int) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    """The count and the first items in one query, on the selector's own condition."""
    if not getattr(user, "is_authenticated", False):
        return {CODE: (0, [])}
    qs = ImportJob.objects.defer("errors")
    order = [F("updated_at").desc(), F("pk").desc()]
    # the condition holds the time 7 days ago: a statement of its own on every call, not worth keeping
    found = inbox.first_rows(qs, {CODE: import_jobs_finished_q(user)}, order_by=order, limit=limit, cache=False)
    return {code: (n, [_item(job) for job in rows]) for code, (n, rows) in found.items()}


inbox.register(
    inbox.Kind(
        code=CODE,
        title=gettext_lazy("Your imports finished in the last 7 days"),
        count=lambda user: import_jobs_finished(user=user).count(),
        items=_items,
        see_all=lambda user: reverse("documents:imports"),
        order=90,
    ),
)
inbox.register_batch([CODE], _batch)
