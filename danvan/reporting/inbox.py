"""Reporting's kinds of work on the home page: reports to fill, reports to review (see `org.inbox`)."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from datetime import date
from functools import reduce
from typing import Any

from django.db.models import Case, CharField, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.dates import format_date
from danvan.org import inbox
from danvan.org.access import Action, may_anywhere, scope_q
from danvan.reporting.models import Submission
from danvan.reporting.selectors import reports_to_fill, reports_to_fill_q, review_queue

FILL, REVIEW = "reporting.fill", "reporting.review"


def _fill_items(user: Any, limit: int) -> Sequence[inbox.Item]:
    today = timezone.localdate()
    return [_fill_item(s, today) for s in reports_to_fill(user=user).order_by("due", "pk")[:limit]]


def _fill_item(s: Submission, today: date) -> inbox.Item:
    return inbox.Item(
        label=f"{s.form.label} · {s.unit.name}",
        detail=_("%(period)s · %(status)s · due %(due)s")
        % {"period": s.period.code, "status": Submission.Status(s.status).label, "due": format_date(s.due)},
        url=reverse("reporting:grid", args=[s.pk]),
        severity=inbox.severity_of(s.due, today),
    )


def _review_items(user: Any, limit: int) -> Sequence[inbox.Item]:
    return [_review_item(s) for s in review_queue(user=user).order_by("submitted_at", "due", "pk")[:limit]]


def _review_item(s: Submission) -> inbox.Item:
    return inbox.Item(
        label=f"{s.form.label} · {s.unit.name}",
        detail=_("%(period)s · submitted %(date)s")
        % {"period": s.period.code, "date": format_date(s.submitted_at) if s.submitted_at else "—"},
        url=reverse("reporting:grid", args=[s.pk]) + "#state",
    )


def _batch(user: Any, limit: int) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    """Both kinds in one query: the same conditions as `reports_to_fill` and `review_queue` (`review_filter`)."""
    wheres: dict[str, Q] = {}
    if may_anywhere(user, Action.REPORT):
        wheres[FILL] = reports_to_fill_q(user)
    if may_anywhere(user, Action.REVIEW):
        review = scope_q(user, org_field="organization", action=Action.REVIEW, above=True, path_field="unit_path")
        wheres[REVIEW] = Q(status=Submission.Status.SUBMITTED) & review
    if not wheres:
        return {}
    # only what an item shows
    qs = Submission.objects.select_related("form", "unit", "period").only(
        "status", "due", "submitted_at", "form__name", "form__name_en", "unit__name", "period__code"
    )
    # to fill: by due date; to review: first submitted first (the kinds' own orders, as one)
    submitted_first = Case(When(status=Submission.Status.SUBMITTED, then=F("submitted_at")))
    order = [submitted_first, F("due"), F("pk")]
    # the statuses of both kinds on top as well: the (unit_path, status) index then reads only open reports
    statuses = Q(status__in=(Submission.Status.DRAFT, Submission.Status.RETURNED, Submission.Status.SUBMITTED))
    matching = reduce(operator.or_, wheres.values()) & statuses
    submitted = Q(status=Submission.Status.SUBMITTED)  # a matching row is to review once submitted, else to fill
    kind = Case(When(submitted, then=Value(REVIEW)), default=Value(FILL), output_field=CharField())
    found = inbox.first_rows(qs, wheres, order_by=order, limit=limit, matching=matching, kind=kind)
    today = timezone.localdate()
    return {
        code: (n, [_fill_item(s, today) if code == FILL else _review_item(s) for s in rows])
        for code, (n, rows) in found.items()
    }


inbox.register(
    inbox.Kind(
        code=FILL,
        title=gettext_lazy("Reports to fill in"),
        count=lambda user: reports_to_fill(user=user).count(),
        items=_fill_items,
        see_all=lambda user: reverse("reporting:list") + f"?status={Submission.Status.DRAFT}",
        applies=lambda user: may_anywhere(user, Action.REPORT),
        order=10,
    ),
    inbox.Kind(
        code=REVIEW,
        title=gettext_lazy("Reports to review"),
        count=lambda user: review_queue(user=user).count(),
        items=_review_items,
        see_all=lambda user: reverse("reporting:review"),
        applies=lambda user: may_anywhere(user, Action.REVIEW),
        order=20,
    ),
)
inbox.register_batch([FILL, REVIEW], _batch)
