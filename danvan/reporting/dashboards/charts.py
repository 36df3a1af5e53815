"""ECharts options for the dashboard's charts, drawn by reporting/dashboard.js.

Values go out as plain JSON numbers (null where nothing was reported, so a line breaks there);
the page's `core/numbers.js` writes them on axes and in tooltips as the tables beside them do.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from danvan.reporting.dashboards.tables import Breakdown, Comparison
from danvan.reporting.selectors import Rollup

# the unit-by-unit chart shows this many units at once and scrolls through the rest (reporting/dashboard.js
# sizes its box for as many bands); a name longer than the label width ends with "…"
YOY_VISIBLE_ROWS = 25
YOY_LABEL_WIDTH = 160


def _float(value: Decimal, count: int) -> float | None:
    """null in a chart is "nothing reported": the line breaks there instead of dropping to 0."""
    return float(value) if count else None


def trend_chart(r: Rollup) -> dict[str, Any]:
    label = r.indicator.label
    return {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "xAxis": {"type": "category", "data": [row.key for row in r.rows]},
        "yAxis": {"type": "value", "name": r.indicator.uom},
        "series": [
            {
                "name": label,
                "type": "line",
                "connectNulls": False,
                "symbolSize": 8,
                "label": {"show": True, "position": "top"},
                "data": [_float(row.value, row.count) for row in r.rows],
            }
        ],
    }


def yoy_chart(c: Comparison) -> dict[str, Any] | None:
    if c.now is None or not c.rows:
        return None
    names = [row.unit.short_name or row.unit.name for row in c.rows]
    series = []
    if c.before is not None and c.last_period is not None:
        series.append(
            {
                "name": c.last_period.code,
                "type": "bar",
                "barMaxWidth": 14,
                "data": [_float(row.last_value, row.last_count) for row in c.rows],
            }
        )
    series.append(
        {
            "name": c.now.period.code,
            "type": "bar",
            "barMaxWidth": 14,
            "data": [_float(row.value, row.count) for row in c.rows],
        }
    )
    option: dict[str, Any] = {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "xAxis": {"type": "value"},
        # every name written (interval 0), each on its own band, cut with "…" past the width (the tooltip has it whole)
        "yAxis": {
            "type": "category",
            "inverse": True,
            "data": names,
            "axisLabel": {"interval": 0, "width": YOY_LABEL_WIDTH, "overflow": "truncate"},
        },
        "series": series,
        "color": ["#9aa3ad", "#b3201a"],
    }
    if len(names) > YOY_VISIBLE_ROWS:
        # a long list (124 communes of Tuyên Quang): YOY_VISIBLE_ROWS bands at a time, scrolled by a slider
        # beside the chart or the mouse wheel, never squeezed until their names overlap
        option["grid"]["right"] = 48
        option["dataZoom"] = [
            {
                "type": "slider",
                "yAxisIndex": 0,
                "right": 8,
                "width": 18,
                "startValue": 0,
                "endValue": YOY_VISIBLE_ROWS - 1,
                "zoomLock": True,
                "showDetail": False,
                "brushSelect": False,
            },
            {"type": "inside", "yAxisIndex": 0, "zoomOnMouseWheel": False, "moveOnMouseWheel": True},
        ]
    return option


def breakdown_chart(b: Breakdown) -> dict[str, Any]:
    return {
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [label for _code, label in b.categories]},
        "series": [
            {
                "name": i.label,
                "type": "bar",
                "barMaxWidth": 16,
                "data": [float(b.values.get((i.code, code), (Decimal(0), 0))[0]) for code, _label in b.categories],
            }
            for i in b.indicators
        ],
        "color": ["#1d4f91", "#1e6b3a", "#e0b420", "#b3201a"],
    }
