"""Dashboards of periodic reporting: each level's figures summed over its whole area, on either map.

Everything here composes `selectors.rollups_bulk` (each of whose answers is what `selectors.rollup`
gives for the same question) and `selectors.completeness`, which check access themselves, so a
figure on a dashboard is exactly the figure the selector gives. Nothing is cached: a roll-up is a
lookup of cells kept current by every submission, and a page reads all of its roll-ups at once.
Numbers stay Decimals until a template or an export formats them in the user's language
(`danvan.core.numbers`).

One module per concern: `selection` (the GET parameters), `navigation` (up, down, across maps),
`reads` (every roll-up of a page in one bulk read), `tiles`, `tables` (trend, children, breakdown,
the drill-down, completeness), `charts` (ECharts options) and `figures` (numbers as shown). Views
use the names below.
"""

from danvan.reporting.dashboards.charts import breakdown_chart, trend_chart, yoy_chart
from danvan.reporting.dashboards.figures import HUNDRED, change, indicator_number, number, percent
from danvan.reporting.dashboards.navigation import (
    Crumb,
    EraLink,
    ReportLink,
    children,
    crumbs,
    era_links,
    era_of_period,
    report_links,
)
from danvan.reporting.dashboards.reads import TREND_YEARS, PageRollups, page_rollups
from danvan.reporting.dashboards.selection import Problem, Selection, default_period, default_unit, resolve
from danvan.reporting.dashboards.tables import (
    SHOW_CHOICES,
    AreaTable,
    Breakdown,
    ChildRow,
    Comparison,
    area_table,
    breakdown,
    child_lines,
    compare_children,
    completeness,
    trend,
)
from danvan.reporting.dashboards.tiles import Tile, tile_cards, tiles

__all__ = [
    "HUNDRED",
    "SHOW_CHOICES",
    "TREND_YEARS",
    "AreaTable",
    "Breakdown",
    "ChildRow",
    "Comparison",
    "Crumb",
    "EraLink",
    "PageRollups",
    "Problem",
    "ReportLink",
    "Selection",
    "Tile",
    "area_table",
    "breakdown",
    "breakdown_chart",
    "change",
    "child_lines",
    "children",
    "compare_children",
    "completeness",
    "crumbs",
    "default_period",
    "default_unit",
    "era_links",
    "era_of_period",
    "indicator_number",
    "number",
    "page_rollups",
    "percent",
    "report_links",
    "resolve",
    "tile_cards",
    "tiles",
    "trend",
    "trend_chart",
    "yoy_chart",
]
