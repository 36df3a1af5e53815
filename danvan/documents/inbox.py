"""Documents' kind of work on the home page: the user's imports that finished or failed lately (see `org.inbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.dates import format_datetime
from danvan.documents.models import ImportJob
from danvan.documents.selectors import import_jobs_finished
from danvan.org import inbox


def _items(user: Any, limit: int) -> Sequence[inbox.Item]:
    rows = import_jobs_finished(user=user)[:limit]
    return [
        inbox.Item(
            label=job.original_name,
            detail=_("%(status)s · %(when)s · %(saved)s rows saved, %(problems)s problems")
            % {
                "status": job.get_status_display(),
                "when": format_datetime(job.updated_at),
                "saved": job.saved,
                "problems": job.error_count,
            },
            url=reverse("documents:import", args=[job.pk]),
            severity=inbox.Severity.LATE if job.status == ImportJob.Status.FAILED else inbox.Severity.NORMAL,
        )
        for job in rows
    ]


inbox.register(
    inbox.Kind(
        code="documents.imports",
        title=gettext_lazy("Your imports finished in the last 7 days"),
        count=lambda user: import_jobs_finished(user=user).count(),
        items=_items,
        see_all=lambda user: reverse("documents:imports"),
        order=90,
    ),
)
