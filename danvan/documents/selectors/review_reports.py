"""Reads of review reports, their drafts and their generations, scoped by `org.access`.

A report belongs to its unit: whoever may see the unit may read the report and download its
files; everyone else is told it does not exist. (`selectors.review` reads the report's figures.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.documents.models import NarrativePart, ReviewJob, ReviewNarrative, ReviewReport
from danvan.geo.models import AdminUnit, Level
from danvan.org.access import Action, can, is_national, scope_filter, scope_roots


def review_report_list(*, user: Any) -> QuerySet[ReviewReport]:
    if not getattr(user, "is_authenticated", False):
        return ReviewReport.objects.none()
    qs = ReviewReport.objects.select_related("unit", "period", "created_by").order_by(
        "-period__start", "unit__path", "-pk"
    )
    return scope_filter(qs, user, unit_field="unit", org_field=None)


def review_report_get(*, user: Any, pk: int) -> ReviewReport:
    report = review_report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFound(_("This review report does not exist or is not in your area."))
    return report


def review_units(*, user: Any) -> list[AdminUnit]:
    """The units a user usually writes a report for: the top of their managed area and the level below.

    A national manager gets the provinces; a province's manager the province and its districts (or,
    on the 2025 map, its communes). Any other unit in scope comes through `review_unit_get` (the
    dashboard's link names it).
    """
    roots = list(scope_roots(user, Action.MANAGE))
    if is_national(user) or not roots:  # the provinces of both maps; a district or commune comes by link
        return roots
    children = AdminUnit.objects.filter(parent__in=roots).exclude(level=Level.VILLAGE).select_related("era", "parent")
    return sorted([*roots, *children], key=lambda u: u.path)


def review_unit_get(*, user: Any, pk: int) -> AdminUnit:
    """A unit the user manages, or NotFound."""
    unit = AdminUnit.objects.select_related("era", "parent").filter(pk=pk).first()
    if unit is None or not can(user, Action.MANAGE, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    return unit


def review_periods(*, user: Any) -> QuerySet[Any]:
    """The periods a report can cover: reporting's, newest first (years, halves and phases)."""
    from danvan.reporting.selectors.catalogue import period_list

    return period_list(user=user).filter(type__in=("year", "half", "phase", "quarter")).order_by("-start", "end")


def narrative_drafts(*, report: ReviewReport) -> dict[str, list[ReviewNarrative]]:
    """Every draft of each part, newest first (the first is the one the file uses), in one query."""
    drafts: dict[str, list[ReviewNarrative]] = {part: [] for part in NarrativePart.values}
    for draft in ReviewNarrative.objects.filter(report=report).select_related("author").order_by("-created_at", "-pk"):
        drafts.setdefault(draft.part, []).append(draft)
    return drafts


def narrative_latest(*, report: ReviewReport) -> dict[str, ReviewNarrative]:
    return {part: drafts[0] for part, drafts in narrative_drafts(report=report).items() if drafts}


def narrative_draft_get(*, report: ReviewReport, pk: int) -> ReviewNarrative:
    draft = ReviewNarrative.objects.filter(report=report, pk=pk).select_related("report__unit").first()
    if draft is None:
        raise NotFound(_("There is no such draft."))
    return draft


def review_job_latest(*, report: ReviewReport) -> ReviewJob | None:
    return ReviewJob.objects.filter(report=report).order_by("-created_at", "-pk").first()


def review_job_get(*, report: ReviewReport, pk: int) -> ReviewJob:
    job = ReviewJob.objects.filter(report=report, pk=pk).first()
    if job is None:
        raise NotFound(_("There is no such generation of this report."))
    return job
