"""Typing a report's values: each cell checked, the rules between totals, the jumps worth a warning."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.numbers import NumberError, parse_number
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can
from danvan.org.models import Organization
from danvan.reporting.models import (
    VALUE_PLACES,
    DataValue,
    Indicator,
    Period,
    ReportForm,
    Submission,
)
from danvan.reporting.periods import period_previous
from danvan.reporting.services.common import (
    MAX_VALUE,
    CellErrors,
    CellProblem,
    SaveResult,
    Status,
    _fmt,
    _rule_problems,
    cell_name,
)
from danvan.reporting.services.submissions import submission_open, submission_submit

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
