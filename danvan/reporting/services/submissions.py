"""A report's way up the chain: opened (its period stored then), submitted, approved, returned, reopened."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can
from danvan.org.models import Organization
from danvan.org.models.notifications import Kind as NoticeKind
from danvan.org.services.notifications import notify
from danvan.reporting.models import (
    Period,
    ReportForm,
    Submission,
)
from danvan.reporting.periods import form_levels
from danvan.reporting.rollup import cells_apply
from danvan.reporting.services.common import CellErrors, Status, _rule_problems, due_date

# --- opening a report ---------------------------------------------------------------------------


def period_ensure(*, period: Period) -> Period:
    """The stored row of `period` (as `periods.period_get` reads it), created the first time a report needs it.

    The one place a period is written: reads build unsaved periods and never store them.
    """
    if period.pk is not None:
        return period
    stored, _created = Period.objects.get_or_create(
        code=period.code, defaults={"type": period.type, "start": period.start, "end": period.end}
    )
    return stored


def submission_open(
    *, actor: Any, form: ReportForm, unit: AdminUnit, period: Period, organization: Organization | None = None
) -> Submission:
    """The report of `unit` (and `organization`) for `period`, created as a draft the first time."""
    if not can(actor, Action.REPORT, unit, organization):
        raise DomainError(_("You cannot report for %(unit)s.") % {"unit": unit.name}, code="forbidden", status=403)
    if not form.active:
        raise DomainError(_("This report form is no longer in use."), code="inactive_form")
    if period.type != form.period_type:
        raise DomainError(
            _("“%(form)s” is reported per %(type)s, not for %(period)s.")
            % {"form": form.label, "type": form.get_period_type_display(), "period": period.code},
            code="bad_period",
        )
    if not form.is_reported_by(unit):
        raise DomainError(
            _("“%(form)s” is not reported by a %(level)s.") % {"form": form.label, "level": unit.get_level_display()},
            code="bad_level",
        )
    if unit.level not in form_levels(form, period):
        raise DomainError(
            _("There is no %(level)s level on the map of %(period)s: “%(form)s” is not reported by it.")
            % {"level": unit.get_level_display(), "period": period.code, "form": form.label},
            code="bad_level",
        )
    kinds = {k.pk for k in form.organization_kinds.all()}
    if kinds and organization is None:
        raise DomainError(_("Choose the organisation this report is for."), code="organization_required")
    if organization is not None:
        if not kinds or organization.kind_id not in kinds:
            raise DomainError(_("This organisation does not report on this form."), code="bad_organization")
        if organization.unit_id != unit.pk:
            raise DomainError(_("This organisation belongs to another unit."), code="bad_organization")
    with transaction.atomic():
        period = period_ensure(period=period)
        submission, created = Submission.objects.get_or_create(
            form=form, unit=unit, period=period, organization=organization, defaults={"due": due_date(form, period)}
        )
        if created:
            audit(actor=actor, verb="report.open", target=submission)
    return submission


# --- up the chain -------------------------------------------------------------------------------


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit", "period", "organization")
        .get(pk=submission.pk)
    )


def submission_submit(*, actor: Any, submission: Submission) -> Submission:
    with transaction.atomic():
        submission = _locked(submission)
        if not can(actor, Action.REPORT, submission.unit, submission.organization):
            raise DomainError(
                _("You cannot report for %(unit)s.") % {"unit": submission.unit.name}, code="forbidden", status=403
            )
        if not submission.editable:
            raise DomainError(_("This report has already been submitted."), code="bad_status", status=409)
        values = list(submission.values.select_related("indicator"))
        indicators = {i.code: i for i in submission.form.indicators.all()}
        problems = _rule_problems(indicators, {(v.indicator.code, v.category): v.value for v in values})
        if problems:
            raise CellErrors(problems)
        submission.status = Status.SUBMITTED
        submission.submitted_at, submission.submitted_by = timezone.now(), actor
        submission.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        cells_apply(values, total_sign=+1, approved_sign=0)
        audit(actor=actor, verb="report.submit", target=submission, values=len(values))
    return submission


def _require_reviewer(actor: Any, submission: Submission) -> None:
    if not can(actor, Action.REVIEW, submission.unit, submission.organization, above=True):
        raise DomainError(_("Only a reviewer of the level above can do this."), code="forbidden", status=403)


def submission_approve(*, actor: Any, submission: Submission) -> Submission:
    with transaction.atomic():
        submission = _locked(submission)
        _require_reviewer(actor, submission)
        if submission.status != Status.SUBMITTED:
            raise DomainError(_("Only a submitted report can be approved."), code="bad_status", status=409)
        submission.status = Status.APPROVED
        submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
        submission.save(update_fields=["status", "reviewed_at", "reviewed_by", "updated_at"])
        cells_apply(submission.values.all(), total_sign=0, approved_sign=+1, count_sign=0)
        audit(actor=actor, verb="report.approve", target=submission)
        _tell_reporter(actor, submission, NoticeKind.REPORT_APPROVED)
    return submission


def _tell_reporter(actor: Any, submission: Submission, kind: str, reason: str = "") -> None:
    """Notify whoever submitted the report (in this transaction; the e-mail goes after the commit)."""
    params = {"report": str(submission), "actor": str(actor), "reason": reason}
    url = reverse("reporting:grid", kwargs={"pk": submission.pk})
    notify(recipients=[submission.submitted_by], kind=kind, params=params, url=url, actor=actor)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason."), code="reason_required")
    return reason[:2000]


def submission_return(*, actor: Any, submission: Submission, reason: str) -> Submission:
    """Send a submitted report back to its unit for correction: its values leave the roll-ups."""
    reason = _reason(reason)
    with transaction.atomic():
        submission = _locked(submission)
        _require_reviewer(actor, submission)
        if submission.status != Status.SUBMITTED:
            raise DomainError(_("Only a submitted report can be returned."), code="bad_status", status=409)
        submission.status, submission.note = Status.RETURNED, reason
        submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
        submission.save(update_fields=["status", "note", "reviewed_at", "reviewed_by", "updated_at"])
        cells_apply(submission.values.all(), total_sign=-1, approved_sign=0)
        audit(actor=actor, verb="report.return", target=submission, reason=reason)
        _tell_reporter(actor, submission, NoticeKind.REPORT_RETURNED, reason=reason)
    return submission


def submission_reopen(*, actor: Any, submission: Submission, reason: str) -> Submission:
    """Unlock an approved report so its unit can correct it; its values leave the roll-ups until resubmitted."""
    reason = _reason(reason)
    with transaction.atomic():
        submission = _locked(submission)
        _require_reviewer(actor, submission)
        if submission.status != Status.APPROVED:
            raise DomainError(_("Only an approved report can be reopened."), code="bad_status", status=409)
        submission.status, submission.note = Status.RETURNED, reason
        submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
        submission.save(update_fields=["status", "note", "reviewed_at", "reviewed_by", "updated_at"])
        cells_apply(submission.values.all(), total_sign=-1, approved_sign=-1)
        audit(actor=actor, verb="report.reopen", target=submission, reason=reason)
        _tell_reporter(actor, submission, NoticeKind.REPORT_REOPENED, reason=reason)
    return submission
