"""Writes of reporting: open a report, save its values, and move it up the chain.

Values are typed only while their report is a draft or returned. Submitting puts them in every
roll-up above (so the province sees them the same second); approving marks them approved and
locks them; returning or reopening (a reviewer above, with a reason) takes them out again. Each
step is one transaction with its roll-up deltas and its audit row: nothing is ever half-done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.numbers import NumberError, parse_number
from danvan.core.progress import Progress
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can, is_national
from danvan.org.models import Organization
from danvan.reporting.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    DataValue,
    Indicator,
    Period,
    ReportForm,
    RollupRebuild,
    RollupTarget,
    Submission,
    ValidationRule,
)
from danvan.reporting.periods import form_levels, period_previous
from danvan.reporting.rollup import cells_apply, cells_rebuild
from danvan.reporting.targets import targets_recompile

MAX_VALUE = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES) - 1
Status = Submission.Status


@dataclass
class CellProblem:
    indicator: str  # code
    category: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"indicator": self.indicator, "category": self.category, "message": self.message}


class CellErrors(DomainError):
    """Some cells are wrong; nothing was saved. `errors` names each one."""

    def __init__(self, errors: list[CellProblem]) -> None:
        first = errors[0].message if errors else ""
        message = (
            first
            if len(errors) == 1
            else _("%(count)d cells need correcting; nothing was saved.") % {"count": len(errors)}
        )
        super().__init__(message, code="invalid_values")
        self.errors = errors

    def by_cell(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(cell_name(e.indicator, e.category), []).append(e.message)
        return out


@dataclass
class SaveResult:
    saved: int = 0
    deleted: int = 0
    warnings: list[CellProblem] = field(default_factory=list)


def cell_name(indicator: str, category: str = "") -> str:
    return f"{indicator}.{category}" if category else indicator


def due_date(form: ReportForm, period: Period) -> date:
    return period.end + timedelta(days=form.deadline_days)


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
    if unit.level not in (form.levels or []):
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


# --- typing values ------------------------------------------------------------------------------


def _check_value(indicator: Indicator, raw: Any) -> tuple[Decimal | None, str | None]:
    try:
        value = parse_number(raw)  # danvan.core.numbers: "1.234,5" in Vietnamese, "1,234.5" in English
    except NumberError as exc:
        return None, exc.message
    if value is None:
        return None, None
    if value < 0:
        return None, _("A figure cannot be negative.")
    if indicator.value_type == Indicator.ValueType.INTEGER and value != value.to_integral_value():
        return None, _("“%(indicator)s” is counted in whole numbers.") % {"indicator": indicator.label}
    if value > MAX_VALUE:
        return None, _("This number is too large.")
    if value.as_tuple().exponent < -VALUE_PLACES:  # type: ignore[operator]
        return None, _("Use at most %(n)d decimal places.") % {"n": VALUE_PLACES}
    return value, None


def values_save(*, actor: Any, submission: Submission, values: dict[tuple[str, str], Any]) -> SaveResult:
    """Save typed cells {(indicator code, category): text or number; blank deletes}. All or nothing."""
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("form", "unit", "period")
            .get(pk=submission.pk)
        )
        _require_editable(actor, submission)
        indicators = {i.code: i for i in submission.form.indicators.filter(active=True)}
        existing = {(v.indicator.code, v.category): v for v in submission.values.select_related("indicator")}
        errors: list[CellProblem] = []
        changes: dict[tuple[str, str], Decimal | None] = {}
        for (code, category), raw in values.items():
            indicator = indicators.get(code)
            if indicator is None:
                errors.append(CellProblem(code, category, _("This form has no indicator “%(code)s”.") % {"code": code}))
                continue
            if not indicator.entered:
                errors.append(
                    CellProblem(
                        code,
                        category,
                        _("“%(indicator)s” is computed from the records; it is not typed.")
                        % {"indicator": indicator.label},
                    )
                )
                continue
            allowed = {c for c, _label in indicator.categories}
            if (category or "") not in (allowed or {""}):
                errors.append(
                    CellProblem(
                        code,
                        category,
                        _("“%(indicator)s” has no category “%(category)s”.")
                        % {"indicator": indicator.label, "category": category},
                    )
                )
                continue
            value, error = _check_value(indicator, raw)
            if error:
                errors.append(CellProblem(code, category, error))
            else:
                changes[(code, category or "")] = value
        merged: dict[tuple[str, str], Decimal | None] = {k: v.value for k, v in existing.items()}
        merged.update(changes)
        errors += _rule_problems(indicators, merged, only_touched=set(changes))
        if errors:
            raise CellErrors(errors)
        result = SaveResult()
        log = []
        for (code, category), value in changes.items():
            old = existing.get((code, category))
            if value is None:
                if old is not None:
                    old.delete()
                    result.deleted += 1
                    log.append({"cell": cell_name(code, category), "old": str(old.value), "new": None})
                continue
            if old is not None and old.value == value:
                continue
            before = str(old.value) if old is not None else None
            if old is None:
                DataValue.objects.create(
                    submission=submission,
                    indicator=indicators[code],
                    unit=submission.unit,
                    period=submission.period,
                    organization=submission.organization,
                    category=category,
                    value=value,
                    updated_by=actor,
                )
            else:
                old.value, old.updated_by = value, actor
                old.save(update_fields=["value", "updated_by", "updated_at"])
            result.saved += 1
            log.append({"cell": cell_name(code, category), "old": before, "new": str(value)})
        if log:
            audit(actor=actor, verb="report.values", target=submission, changes=log)
        result.warnings = jump_warnings(submission, {k: v for k, v in changes.items() if v is not None}, indicators)
    return result


def _require_editable(actor: Any, submission: Submission) -> None:
    if not can(actor, Action.REPORT, submission.unit, submission.organization):
        raise DomainError(
            _("You cannot report for %(unit)s.") % {"unit": submission.unit.name}, code="forbidden", status=403
        )
    if not submission.editable:
        if submission.status == Status.APPROVED:
            msg = _("This report was approved and is locked; a reviewer can reopen it with a reason.")
        else:
            msg = _("This report has been submitted; it can be changed only if the reviewer returns it.")
        raise DomainError(msg, code="locked", status=409)


def _rule_problems(
    indicators: dict[str, Indicator],
    values: dict[tuple[str, str], Decimal | None],
    *,
    only_touched: set[tuple[str, str]] | None = None,
) -> list[CellProblem]:
    """Cross-field rules between totals (a breakdown's total is the sum of its categories)."""
    totals: dict[str, Decimal] = {}
    for (code, _cat), v in values.items():
        if v is not None:
            totals[code] = totals.get(code, Decimal(0)) + v
    touched = {code for code, _cat in only_touched} if only_touched is not None else None
    ids = {i.pk: i for i in indicators.values()}
    problems = []
    rules = ValidationRule.objects.filter(active=True, left_id__in=ids, right_id__in=ids)
    for rule in rules:
        left, right = ids[rule.left_id], ids[rule.right_id]
        if left.code not in totals or right.code not in totals:
            continue
        if touched is not None and not {left.code, right.code} & touched:
            continue
        a, b = totals[left.code], totals[right.code]
        ok = {"le": a <= b, "ge": a >= b, "eq": a == b}[rule.operator]
        if not ok:
            problems.append(
                CellProblem(
                    left.code,
                    "",
                    _("“%(left)s” (%(a)s) must be %(op)s “%(right)s” (%(b)s).")
                    % {
                        "left": left.label,
                        "a": _fmt(a),
                        "op": rule.get_operator_display(),
                        "right": right.label,
                        "b": _fmt(b),
                    },
                )
            )
    return problems


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def jump_warnings(
    submission: Submission, values: dict[tuple[str, str], Decimal], indicators: dict[str, Indicator]
) -> list[CellProblem]:
    """Values far from the same unit's previous period: a warning to check, never a refusal."""
    prev = period_previous(submission.period)
    if prev is None or prev.pk is None or not values:  # nobody reported the period before
        return []
    before = {
        (code, cat): v
        for code, cat, v in DataValue.objects.filter(
            unit=submission.unit,
            organization=submission.organization,
            period=prev,
            indicator__code__in={c for c, _cat in values},
        ).values_list("indicator__code", "category", "value")
    }
    out = []
    for key, value in values.items():
        factor = indicators[key[0]].jump_warning
        old = before.get(key)
        if not factor or old is None or old == 0:
            continue
        if value > old * factor or value * factor < old:
            out.append(
                CellProblem(
                    key[0],
                    key[1],
                    _("Check this figure: %(period)s had %(old)s.") % {"period": prev.code, "old": _fmt(old)},
                )
            )
    return out


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
    return submission


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
    return submission


def values_upsert(
    *,
    actor: Any,
    form: ReportForm,
    unit: AdminUnit,
    period: Period,
    values: dict[tuple[str, str], Any],
    organization: Organization | None = None,
    submit: bool = False,
) -> tuple[Submission, SaveResult]:
    """Open (or find) the report, save the values, and submit it if asked — one transaction (API, import)."""
    with transaction.atomic():
        submission = submission_open(actor=actor, form=form, unit=unit, period=period, organization=organization)
        result = values_save(actor=actor, submission=submission, values=values)
        if submit:
            submission = submission_submit(actor=actor, submission=submission)
    return submission, result


# --- re-mapping history -------------------------------------------------------------------------


def rollup_rebuild_start(*, actor: Any, reason: str = "") -> RollupRebuild:
    """A national administrator asks for a re-mapping of all history onto the current map."""
    if not is_national(actor):
        raise DomainError(_("Only a national administrator can re-map the history."), code="forbidden", status=403)
    with transaction.atomic():
        if RollupRebuild.objects.filter(status=RollupRebuild.Status.QUEUED).exists():
            raise DomainError(_("A re-mapping is already waiting to run."), code="busy", status=409)
        job = _rebuild_enqueue(actor=actor, reason=reason)
        audit(actor=actor, verb="report.rebuild", target=job, reason=reason)
    return job


def rollup_rebuild_queue(*, reason: str) -> RollupRebuild | None:
    """The map changed (see `receivers`): queue one re-mapping, unless one is already waiting or there is no history."""
    if not RollupTarget.objects.exists():
        return None  # nothing compiled yet: the first report compiles against the new map anyway
    waiting = RollupRebuild.objects.filter(status=RollupRebuild.Status.QUEUED).first()
    return waiting or _rebuild_enqueue(actor=None, reason=reason)


def _rebuild_enqueue(*, actor: Any, reason: str) -> RollupRebuild:
    from danvan.reporting.tasks import run_rebuild

    job = RollupRebuild.objects.create(requested_by=actor, reason=(reason or "")[:255])
    transaction.on_commit(lambda: run_rebuild.enqueue(job_id=job.pk))
    return job


def rollup_rebuild_run(*, job_id: int) -> None:
    """Recompile every unit's targets in committed batches (progress shows), then every cell in one
    transaction. Deltas applied meanwhile may use a mix of old and new targets; the final rebuild,
    which holds the roll-up lock alone, recomputes every cell from the values, so the end is exact."""
    job = RollupRebuild.objects.get(pk=job_id)
    unit_ids = set(DataValue.objects.values_list("unit_id", flat=True).distinct())
    unit_ids |= set(RollupTarget.objects.values_list("unit_id", flat=True).distinct())
    total = len(unit_ids) + 1
    RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.RUNNING)
    progress = Progress(job)
    progress.start(total)
    try:
        targets_recompile(unit_ids, progress=lambda done, _of: progress.tick(done))
        with transaction.atomic():
            cells_rebuild()
    except Exception as exc:  # the job records why; a new rebuild can be started
        RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.FAILED, error=str(exc)[:2000])
        raise
    RollupRebuild.objects.filter(pk=job.pk).update(status=RollupRebuild.Status.SUCCEEDED, done=total)
