"""Periodic reporting, one module per area: reports and roll-ups (`reports`), programmes and targets."""

from danvan.reporting.models.programmes import Programme, ProgressStatus, Target
from danvan.reporting.models.reports import (
    PERIOD_TYPE_ORDER,
    VALUE_DIGITS,
    VALUE_PLACES,
    DataValue,
    FormIndicator,
    Indicator,
    Period,
    PeriodType,
    ReportForm,
    RollupCell,
    RollupRebuild,
    RollupTarget,
    Submission,
    ValidationRule,
)

__all__ = [
    "PERIOD_TYPE_ORDER",
    "VALUE_DIGITS",
    "VALUE_PLACES",
    "DataValue",
    "FormIndicator",
    "Indicator",
    "Period",
    "PeriodType",
    "Programme",
    "ProgressStatus",
    "ReportForm",
    "RollupCell",
    "RollupRebuild",
    "RollupTarget",
    "Submission",
    "Target",
    "ValidationRule",
]
