"""Reads of the catalogue (indicators, periods, forms) and of reports, each narrowed to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, may_read_figures, review_filter, scope_filter, scope_q
from danvan.reporting.models import (
    Indicator,
    Period,
    ReportForm,
    Submission,
)

BY_CHOICES = ("child", "period", "field")


def indicator_list(*, user: Any, active: bool = True) -> QuerySet[Indicator]:
    """The catalogue is the same for everyone signed in (and for the portal's public viewer)."""
    if not getattr(user, "is_authenticated", False) and not may_read_figures(user, None):
        return Indicator.objects.none()
    qs = Indicator.objects.all()
    return qs.filter(active=True) if active else qs


def indicator_get(*, user: Any, code: str) -> Indicator:
    try:
        return indicator_list(user=user, active=False).get(code=code)
    except Indicator.DoesNotExist:
        raise NotFound(_("There is no indicator “%(code)s”.") % {"code": code[:60]}) from None


def period_list(*, user: Any) -> QuerySet[Period]:
    if not getattr(user, "is_authenticated", False):
        return Period.objects.none()
    return Period.objects.all()


def form_list(*, user: Any, active: bool = True) -> QuerySet[ReportForm]:
    if not getattr(user, "is_authenticated", False):
        return ReportForm.objects.none()
    qs = ReportForm.objects.prefetch_related("organization_kinds")
    return qs.filter(active=True) if active else qs


def form_get(*, user: Any, code: str) -> ReportForm:
    try:
        return form_list(user=user, active=False).get(code=code)
    except ReportForm.DoesNotExist:
        raise NotFound(_("There is no report form “%(code)s”.") % {"code": code[:60]}) from None


def form_indicators(form: ReportForm) -> list[Indicator]:
    return [row.indicator for row in form.rows.select_related("indicator").filter(indicator__active=True)]


def submission_list(
    *,
    user: Any,
    action: Action = Action.VIEW,
    form: ReportForm | None = None,
    period: Period | None = None,
    unit: AdminUnit | None = None,
    status: str | None = None,
) -> QuerySet[Submission]:
    qs = Submission.objects.select_related("form", "unit", "period", "organization", "submitted_by", "reviewed_by")
    qs = scope_filter(qs, user, unit_field="unit", org_field="organization", action=action)
    if form is not None:
        qs = qs.filter(form=form)
    if period is not None:
        qs = qs.filter(period=period) if period.pk is not None else qs.none()  # a period never used has none
    if unit is not None:
        qs = qs.filter(unit__path__prefix=unit.path)
    if status:
        qs = qs.filter(status=status)
    return qs


def submission_get(*, user: Any, pk: int, action: Action = Action.VIEW) -> Submission:
    try:
        return submission_list(user=user, action=action).get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("This report does not exist or is not yours to see.")) from None


def review_queue(*, user: Any) -> QuerySet[Submission]:
    """Submitted reports the user may approve or return: exactly those `can(REVIEW, above=True)` allows."""
    qs = Submission.objects.select_related("form", "unit", "period", "organization", "submitted_by", "reviewed_by")
    return review_filter(qs, user, unit_field="unit", org_field="organization").filter(
        status=Submission.Status.SUBMITTED
    )


def reports_to_fill_q(user: Any) -> Q:
    """Open reports (draft or returned) the user may fill in at their own level: `can(REPORT)` allows it and no
    grant of theirs reviews it from above (those are theirs to review once submitted, not to fill).
    """
    open_ = Q(status__in=(Submission.Status.DRAFT, Submission.Status.RETURNED))
    report = scope_q(user, org_field="organization", action=Action.REPORT, path_field="unit_path")
    review = scope_q(user, org_field="organization", action=Action.REVIEW, above=True, path_field="unit_path")
    return open_ & report & ~review


def reports_to_fill(*, user: Any) -> QuerySet[Submission]:
    """The reports waiting for the user to fill them in (see `reports_to_fill_q`)."""
    qs = Submission.objects.select_related("form", "unit", "period", "organization")
    return qs.filter(reports_to_fill_q(user)) if getattr(user, "is_authenticated", False) else qs.none()
