"""Small builders for reporting tests: indicators, a commune form, and a report filled and submitted."""

from __future__ import annotations

from typing import Any

from danvan.reporting.models import FormIndicator, Indicator, ReportForm
from danvan.reporting.periods import period_get
from danvan.reporting.services import submission_open, submission_submit, values_save


def indicator(code: str, **kwargs: Any) -> Indicator:
    defaults = {"name": code.replace("_", " "), "name_en": code.replace("_", " ")}
    defaults.update(kwargs)
    obj, _created = Indicator.objects.update_or_create(code=code, defaults=defaults)
    return obj


def commune_form(*indicators: Indicator, code: str = "test-commune", levels=("commune",), **kwargs) -> ReportForm:
    form, _created = ReportForm.objects.update_or_create(
        code=code, defaults={"name": code, "levels": list(levels), **kwargs}
    )
    for i, ind in enumerate(indicators):
        FormIndicator.objects.get_or_create(form=form, indicator=ind, defaults={"position": i})
    return form


def report(actor, form, unit, period: str, values: dict, *, submit: bool = True, organization=None):
    submission = submission_open(
        actor=actor, form=form, unit=unit, period=period_get(period), organization=organization
    )
    values_save(
        actor=actor,
        submission=submission,
        values={(k if isinstance(k, tuple) else (k, "")): v for k, v in values.items()},
    )
    if submit:
        submission = submission_submit(actor=actor, submission=submission)
    return submission
