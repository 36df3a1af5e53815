"""Petitions' deadlines for org's reminders (`danvan notify_deadlines`): accepting, then settling.

Told: the assigned handler, else those who dispatch the petition's organisation at its own level.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.dates import format_date
from danvan.engagement.models.petitions import Petition, PetitionStatus
from danvan.org.access import Action
from danvan.org.models.notifications import Kind
from danvan.org.services.notifications import Reminder, deadline_source, due_window, unit_people


def _recipients(petition: Petition) -> list[Any]:
    if petition.handler is not None:
        return [petition.handler]
    organization = petition.organization
    return unit_people(Action.REVIEW, organization.unit if organization else petition.unit, organization)


@deadline_source("petitions")
def petition_deadlines(today: date) -> Iterator[Reminder]:
    soon_from, soon_to, passed_from = due_window(today)
    base = Petition.objects.select_related("unit__parent", "organization__unit__parent", "handler").order_by("pk")
    accept = base.filter(status=PetitionStatus.RECEIVED)
    settle = base.filter(status__in=[PetitionStatus.ACCEPTED, PetitionStatus.IN_PROGRESS], settle_due__isnull=False)
    checks: list[tuple[str, str, Any]] = [
        ("accept_due", Kind.DEADLINE_SOON, accept.filter(accept_due__gte=soon_from, accept_due__lte=soon_to)),
        ("accept_due", Kind.DEADLINE_PASSED, accept.filter(accept_due__gte=passed_from, accept_due__lt=today)),
        ("settle_due", Kind.DEADLINE_SOON, settle.filter(settle_due__gte=soon_from, settle_due__lte=soon_to)),
        ("settle_due", Kind.DEADLINE_PASSED, settle.filter(Q(settle_due__gte=passed_from), settle_due__lt=today)),
    ]
    for field, kind, rows in checks:
        for petition in rows:
            due = getattr(petition, field)
            phrase = "petition_accept" if field == "accept_due" else "petition_settle"
            yield Reminder(
                kind=kind,
                key=f"petition:{petition.pk}:{field}:{kind}:{due.isoformat()}",
                recipients=_recipients(petition),
                params={"phrase": phrase, "code": petition.tracking_code, "due": format_date(due)},
                url=reverse("engagement:petition_detail", kwargs={"pk": petition.pk}),
            )
