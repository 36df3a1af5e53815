"""Reports' deadlines for org's reminders (`danvan notify_deadlines`): opened reports not yet submitted.

A report nobody has opened yet has no row, so it is not reminded of here (the "my work" page lists it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from danvan.core.dates import format_date
from danvan.org.access import Action
from danvan.org.models.notifications import Kind
from danvan.org.services.notifications import Reminder, deadline_source, due_window, unit_people
from danvan.reporting.models import Submission


@deadline_source("reports")
def report_deadlines(today: date) -> Iterator[Reminder]:
    soon_from, soon_to, passed_from = due_window(today)
    open_reports = (
        Submission.objects.filter(status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED])
        .select_related("form", "unit__parent", "period", "organization")
        .order_by("due", "pk")
    )
    for kind, rows in (
        (Kind.DEADLINE_SOON, open_reports.filter(due__gte=soon_from, due__lte=soon_to)),
        (Kind.DEADLINE_PASSED, open_reports.filter(due__gte=passed_from, due__lt=today)),
    ):
        for submission in rows:
            yield Reminder(
                kind=kind,
                key=f"report:{submission.pk}:{kind}:{submission.due.isoformat()}",
                recipients=unit_people(Action.REPORT, submission.unit, submission.organization),
                params={"what": str(submission), "due": format_date(submission.due)},
                url=reverse("reporting:grid", kwargs={"pk": submission.pk}),
            )
