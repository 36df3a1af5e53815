"""A report's charts drawn as PNG images for Word: matplotlib on its Agg backend (no display, no browser).

The dashboards draw their charts with ECharts in the browser; a Word file needs pictures, so the
same series are drawn here. DejaVu Sans (shipped inside matplotlib) has every Vietnamese letter,
so labels never turn into boxes whatever fonts the server has. Numbers on the axis are written
as the report writes them (7.604 · 1.234,5).
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display

from matplotlib import pyplot
from matplotlib.ticker import FuncFormatter

from danvan.core.numbers import format_number
from danvan.documents.review.contents import Chart

WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with Decree 30's margins
HEIGHT_INCHES = 3.2
DPI = 150
FONT = "DejaVu Sans"
COLOURS = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6"]

_LOCK = threading.Lock()  # pyplot's figure registry is global: one chart at a time per process


def chart_png(chart: Chart, *, clean: Callable[[str], str] = str) -> bytes:
    """The chart as PNG bytes; `clean` passes every label through the writer's text filter."""
    with (
        _LOCK,
        matplotlib.rc_context(
            {"font.family": FONT, "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}
        ),
    ):
        figure, axes = pyplot.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
        try:
            _draw(axes, chart, clean)
            buffer = io.BytesIO()
            # fixed margins instead of tight_layout, which draws the whole figure once more to measure it;
            # PNG compressed lightly: the Word file is zipped anyway
            figure.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.28 if _rotated(chart) else _bottom(chart))
            figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
            return buffer.getvalue()
        finally:
            pyplot.close(figure)


def _draw(ax: Any, chart: Chart, text: Callable[[str], str]) -> None:
    categories = [text(c) if _rotated(chart) else "\n".join(textwrap.wrap(text(c), 18)) for c in chart.categories]
    positions = list(range(len(categories)))
    count = max(len(chart.series), 1)
    if chart.kind == "line":
        for i, series in enumerate(chart.series):
            values = [float("nan") if v is None else v for v in series.values]
            ax.plot(positions, values, marker="o", color=COLOURS[i % len(COLOURS)], label=text(series.name))
    else:
        width = 0.8 / count
        for i, series in enumerate(chart.series):
            values = [0 if v is None else v for v in series.values]
            shifted = [p - 0.4 + width * (i + 0.5) for p in positions]
            ax.bar(shifted, values, width=width, color=COLOURS[i % len(COLOURS)], label=text(series.name))
    ax.set_xticks(positions)
    rotate = 30 if _rotated(chart) else 0
    ax.set_xticklabels(categories, rotation=rotate, ha="right" if rotate else "center")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, places=1, lang="vi")))
    title = text(chart.title)
    ax.set_title(f"{title} ({text(chart.unit)})" if chart.unit else title, fontsize=10)
    if len(chart.series) > 1:
        ax.legend(frameon=False, fontsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _rotated(chart: Chart) -> bool:
    """Many category names are written slanted (a few long ones are wrapped instead)."""
    return len(chart.categories) > 6


def _bottom(chart: Chart) -> float:
    lines = max((len(textwrap.wrap(c, 18)) for c in chart.categories), default=1)
    return 0.1 + 0.06 * lines
