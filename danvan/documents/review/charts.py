"""A report's charts drawn as PNG images for Word, with Pillow (no display, no browser).

The dashboards draw their charts with ECharts in the browser; a Word file needs pictures, so the
same series are drawn here. The text is set in DejaVu Sans, the copy shipped inside matplotlib:
it has every Vietnamese letter, so labels never turn into boxes whatever fonts the server has.
Numbers on the axis are written as the report writes them (7.604 · 1.234,5).

Why not matplotlib's Axes: a report's two charts took about 0.25 s with it, almost all of it
laying out ~25 short texts (its text shaping costs 0.5–1 ms a string, twice per string) and
building tick artists, for a picture made of rectangles, a few lines and labels. Drawn here at
twice the size and halved (every edge and glyph antialiased), a chart takes a few milliseconds;
the layout (margins from the measured labels, round tick steps, the legend under the plot) is
computed, so long labels are never cut off.
"""

from __future__ import annotations

import io
import math
import textwrap
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from danvan.core.numbers import format_number
from danvan.documents.review.contents import Chart

WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with Decree 30's margins
HEIGHT_INCHES = 3.2
DPI = 150  # the picture is printed 16 cm wide: 945 pixels
SCALE = 2  # drawn at twice the size, then halved: antialiased edges, lines and text
COLOURS = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6"]
GRID = "#dddddd"
INK = "#000000"
ROTATE = 30  # degrees: many category names are written slanted (wrapped past ROTATED_WRAP characters)
ROTATED_WRAP = 26
WRAP = 18  # characters: a few long category names are wrapped instead


def chart_png(chart: Chart, *, clean: Callable[[str], str] = str) -> bytes:
    """The chart as PNG bytes; `clean` passes every label through the writer's text filter."""
    image = _Drawing(chart, clean).image()
    # On a palette of the chart's own colours (each faded towards white, and greys for the text
    # and the grid), PNG skips its per-row filter search: a third of the time, half the bytes.
    indexed = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    indexed.save(buffer, format="png", compress_level=1, dpi=(DPI, DPI))  # lightly: the Word file is zipped anyway
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """32 greys, and 8 shades of each series colour from a tint to full: what antialiasing leaves."""
    values: list[int] = []
    for i in range(32):
        values += [round(255 * i / 31)] * 3
    for colour in COLOURS:
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        for k in range(1, 9):
            values += [round(255 + (c - 255) * k / 8) for c in rgb]
    palette = Image.new("P", (1, 1))
    palette.putpalette(values)
    return palette


def _px(points: float) -> float:
    """Points (1/72 inch) in pixels of the drawing (before it is halved)."""
    return points * DPI * SCALE / 72


@lru_cache(maxsize=1)
def _font_path() -> str:
    import matplotlib  # only for the font file it ships; nothing of it is drawn with

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


@lru_cache(maxsize=8)
def _font(points: float) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at `points`, loaded once per process. Basic layout: Vietnamese needs no shaping
    once its letters are precomposed (NFC), and it is many times quicker than libraqm."""
    return ImageFont.truetype(_font_path(), size=round(_px(points)), layout_engine=ImageFont.Layout.BASIC)


def _text(value: str, clean: Callable[[str], str]) -> str:
    return unicodedata.normalize("NFC", clean(value))


def _ticks(low: float, high: float, *, most: int) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(most, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [i * step for i in range(first, last + 1)]


def _places(step: float) -> int:
    """The decimals a tick step needs: 0 for 20, 1 for 0.5, 2 for 0.25 or 0.01."""
    power = math.floor(math.log10(step) + 1e-9)
    return max(0, -power + (1 if round(step / 10**power, 6) == 2.5 else 0))


class _Drawing:
    """One chart laid out and drawn: title on top, the plot, the category labels, the legend below."""

    def __init__(self, chart: Chart, clean: Callable[[str], str]) -> None:
        self.chart = chart
        self.width = round(WIDTH_INCHES * DPI) * SCALE
        self.height = round(HEIGHT_INCHES * DPI) * SCALE
        self.title_font = _font(10)
        self.font = _font(9)
        self.legend_font = _font(8)
        title = _text(chart.title, clean)
        self.title = f"{title} ({_text(chart.unit, clean)})" if chart.unit else title
        self.rotated = len(chart.categories) > 6
        self.categories = [_text(c, clean) for c in chart.categories]
        self.names = [_text(s.name, clean) for s in chart.series]
        self.line_height = self._height(self.font) * 1.2

    # --- measures -------------------------------------------------------------------------------

    @staticmethod
    def _height(font: ImageFont.FreeTypeFont) -> float:
        ascent, descent = font.getmetrics()
        return float(ascent + descent)

    def _label_lines(self, label: str) -> list[str]:
        return textwrap.wrap(label, ROTATED_WRAP if self.rotated else WRAP) or [""]

    def _label_extent(self, label: str) -> tuple[float, float]:
        """Width and height the category label takes under the axis (slanted or wrapped)."""
        lines = self._label_lines(label)
        width = max(self.font.getlength(line) for line in lines)
        height = self.line_height * len(lines)
        if not self.rotated:
            return width, height
        angle = math.radians(ROTATE)
        return width * math.cos(angle) + height * math.sin(angle), width * math.sin(angle) + height * math.cos(angle)

    # --- layout and drawing ---------------------------------------------------------------------

    def image(self) -> Image.Image:
        chart = self.chart
        pad = _px(4)
        tick = _px(3.5)
        values = [v for s in chart.series for v in s.values if v is not None and math.isfinite(v)]
        low = min([0.0, *values])
        high = max([0.0, *values])

        title_lines = self._wrap(self.title, self.title_font, self.width - 2 * pad)
        top = pad * 2 + self._height(self.title_font) * 1.15 * len(title_lines) + pad
        legend = len(chart.series) > 1
        legend_height = self._height(self.legend_font) * 1.4 if legend else 0.0
        extents = [self._label_extent(c) for c in self.categories]
        below = max((h for _w, h in extents), default=0.0)
        bottom = self.height - pad - legend_height - below - tick - pad

        plot_height = bottom - top
        ticks = _ticks(low, high, most=max(2, min(8, int(plot_height / (self.line_height * 1.8)))))
        places = _places(ticks[1] - ticks[0])
        tick_texts = [format_number(round(v, places + 1), places=places, lang="vi") for v in ticks]
        left = pad * 2 + max(self.font.getlength(t) for t in tick_texts) + tick + pad
        right = self.width - pad * 2
        count = max(len(self.categories), 1)
        if self.rotated:  # the first labels run left of their tick: make room for them
            for _ in range(2):
                slot = (right - left) / count
                need = max(w - (i + 0.5) * slot for i, (w, _h) in enumerate(extents))
                left = max(left, pad * 2 + need)
        slot = (right - left) / count

        image = Image.new("RGB", (self.width, self.height), "white")
        draw = ImageDraw.Draw(image)
        y0, y1 = ticks[0], ticks[-1]

        def y_of(value: float) -> float:
            return bottom - (value - y0) / (y1 - y0) * plot_height

        thin = max(1, round(_px(0.6)))
        axis = max(1, round(_px(0.8)))
        for value, text in zip(ticks, tick_texts, strict=True):
            y = y_of(value)
            if value != y0:
                draw.line([(left, y), (right, y)], fill=GRID, width=thin)
            draw.line([(left - tick, y), (left, y)], fill=INK, width=axis)
            draw.text((left - tick - pad, y), text, font=self.font, fill=INK, anchor="rm")

        series_count = max(len(chart.series), 1)
        zero = y_of(0.0)
        if chart.kind == "line":
            self._lines(draw, left, slot, y_of)
        else:
            width = slot * 0.8 / series_count
            for s, series in enumerate(chart.series):
                colour = COLOURS[s % len(COLOURS)]
                for i, amount in enumerate(series.values):
                    if amount is None or not math.isfinite(amount) or amount == 0:
                        continue
                    x = left + slot * (i + 0.1) + width * s
                    y = y_of(amount)
                    draw.rectangle([x, min(y, zero), x + width - 1, max(y, zero)], fill=colour)

        draw.line([(left, top), (left, bottom)], fill=INK, width=axis)
        draw.line([(left, zero), (right, zero)], fill=INK, width=axis)
        for i, label in enumerate(self.categories):
            x = left + slot * (i + 0.5)
            draw.line([(x, bottom), (x, bottom + tick)], fill=INK, width=axis)
            self._label(image, draw, label, x, bottom + tick + pad / 2)

        y = pad * 2
        for line in title_lines:
            draw.text((self.width / 2, y), line, font=self.title_font, fill=INK, anchor="mt")
            y += self._height(self.title_font) * 1.15
        if legend:
            self._legend(draw, self.height - pad - legend_height / 2)
        return image.reduce(SCALE)

    def _wrap(self, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
        if font.getlength(text) <= width:
            return [text]
        lines: list[str] = []
        for word in text.split():
            if lines and font.getlength(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
                continue
            while font.getlength(word) > width and len(word) > 1:  # a word longer than the line: cut it
                cut = max(1, int(len(word) * width / font.getlength(word)))
                lines.append(word[:cut])
                word = word[cut:]
            lines.append(word)
        return lines

    def _lines(self, draw: ImageDraw.ImageDraw, left: float, slot: float, y_of: Callable[[float], float]) -> None:
        radius = _px(3)
        stroke = max(1, round(_px(1.5)))
        for s, series in enumerate(self.chart.series):
            colour = COLOURS[s % len(COLOURS)]
            run: list[tuple[float, float]] = []
            points: list[tuple[float, float]] = []
            for i, value in enumerate([*series.values, None]):
                if value is None or not math.isfinite(value):  # a gap: nothing reported
                    if len(run) > 1:
                        draw.line(run, fill=colour, width=stroke, joint="curve")
                    run = []
                    continue
                point = (left + slot * (i + 0.5), y_of(value))
                run.append(point)
                points.append(point)
            for x, y in points:
                draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)

    def _label(self, image: Image.Image, draw: ImageDraw.ImageDraw, label: str, x: float, y: float) -> None:
        if not self.rotated:
            for line in self._label_lines(label):
                draw.text((x, y), line, font=self.font, fill=INK, anchor="mt")
                y += self.line_height
            return
        # slanted: the text drawn on its own (lines flush right), turned, and laid so its right end meets the tick
        lines = self._label_lines(label)
        width = math.ceil(max(self.font.getlength(line) for line in lines)) + 2
        mask = Image.new("L", (width, math.ceil(self.line_height * len(lines))), 0)
        pen = ImageDraw.Draw(mask)
        for n, line in enumerate(lines):
            pen.text((width - 1, n * self.line_height), line, font=self.font, fill=255, anchor="ra")
        mask = mask.rotate(ROTATE, resample=Image.Resampling.BILINEAR, expand=True)
        image.paste(INK, (round(x - mask.width), round(y)), mask)

    def _legend(self, draw: ImageDraw.ImageDraw, middle: float) -> None:
        box = _px(7)
        gap = _px(4)
        widths = [box + gap + self.legend_font.getlength(name) for name in self.names]
        x = (self.width - sum(widths) - _px(14) * (len(widths) - 1)) / 2
        for s, (name, width) in enumerate(zip(self.names, widths, strict=True)):
            draw.rectangle([x, middle - box / 2, x + box, middle + box / 2], fill=COLOURS[s % len(COLOURS)])
            draw.text((x + box + gap, middle), name, font=self.legend_font, fill=INK, anchor="lm")
            x += width + _px(14)
