"""Reads of reporting: catalogue, submissions and roll-ups, each narrowed to what the user may see."""

from __future__ import annotations

from danvan.reporting.selectors.bulk import Rollups, rollups_bulk
from danvan.reporting.selectors.catalogue import (
    BY_CHOICES,
    form_get,
    form_indicators,
    form_list,
    indicator_get,
    indicator_list,
    period_list,
    reports_to_fill,
    reports_to_fill_q,
    review_queue,
    submission_get,
    submission_list,
)
from danvan.reporting.selectors.completeness import COMPLETENESS_SHOWS, Completeness, completeness, expected_reporters
from danvan.reporting.selectors.programmes import (
    ProgrammeProgress,
    TargetProgress,
    UnitFigure,
    programme_get,
    programme_list,
    programme_progress,
    target_list,
)
from danvan.reporting.selectors.rollups import (
    Acc,
    Rollup,
    RollupRow,
    latest_year_with_figures,
    node_unit,
    rollup,
    rollup_scope_check,
)

__all__ = [
    "BY_CHOICES",
    "COMPLETENESS_SHOWS",
    "Acc",
    "Completeness",
    "ProgrammeProgress",
    "Rollup",
    "RollupRow",
    "Rollups",
    "TargetProgress",
    "UnitFigure",
    "completeness",
    "expected_reporters",
    "form_get",
    "form_indicators",
    "form_list",
    "indicator_get",
    "indicator_list",
    "latest_year_with_figures",
    "node_unit",
    "period_list",
    "programme_get",
    "programme_list",
    "programme_progress",
    "reports_to_fill",
    "reports_to_fill_q",
    "review_queue",
    "rollup",
    "rollup_scope_check",
    "rollups_bulk",
    "submission_get",
    "submission_list",
    "target_list",
]
