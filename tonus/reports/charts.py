"""Small server-rendered SVG line charts of values over visit dates.

Pure Python (no JS, no chart library, nothing external): axes with dates and values, one marker
per point with its own ``<title>``, a legend, an optional shaded band (a normal range, or the
zone within the minimal clinically important difference of the baseline) and an optional
reference line (a normal value). Every chart carries ``<title>`` and ``<desc>`` and is labelled
by them (``role="img"``), so a screen reader announces what it shows; the page repeats the
numbers in a table.

Series are told apart by colour *and* by line style and marker shape, so the chart also reads
in greyscale print.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

# A narrow drawing with large type, so that scaled down to a phone's width it stays legible.
WIDTH, PLOT_HEIGHT = 560, 220
LEFT, RIGHT, BOTTOM = 44, 14, 34  # margins: value labels, -, date labels
FONT = 15
LEGEND_LINE = 24
INK, SOFT, GRID = "#1f2a33", "#56646f", "#dde3e8"
STYLES = (  # colour, dash pattern, filled marker
    ("#2c6e6a", "", True),
    ("#b4530f", "6 4", False),
    ("#5b4b9a", "2 3", True),
    ("#8a5a00", "10 3 2 3", False),
)
MAX_DATE_LABELS = 8


@dataclass(frozen=True)
class ChartSeries:
    label: str
    points: Sequence[tuple[dt.date, float]]


@dataclass(frozen=True)
class Band:
    """A shaded horizontal band from ``low`` to ``high`` (a normal range, an MCID zone)."""

    low: float
    high: float
    label: str
    tone: str = "ok"  # "ok" (green: normal range) or "neutral" (grey: MCID zone)


@dataclass(frozen=True)
class Reference:
    """A dashed horizontal line at ``value`` (a normal value)."""

    value: float
    label: str


@dataclass(frozen=True)
class LineChart:
    chart_id: str  # unique in the page: the ids of <title> and <desc> derive from it
    title: str
    desc: str
    series: Sequence[ChartSeries]
    unit: str = ""  # appended to values: "/10", "°", " cm"
    y_min: float | None = None  # fixed axis range (NPRS: 0 to 10); else from the data
    y_max: float | None = None
    bands: Sequence[Band] = field(default_factory=tuple)
    references: Sequence[Reference] = field(default_factory=tuple)


def fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def nice_step(span: float, target: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``target`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def value_range(chart: LineChart) -> tuple[float, float]:
    """The y-axis range: fixed where given, else the data, bands and references, rounded out."""
    values = [v for s in chart.series for _, v in s.points]
    values += [b.low for b in chart.bands] + [b.high for b in chart.bands]
    values += [r.value for r in chart.references]
    low = chart.y_min if chart.y_min is not None else min(values, default=0.0)
    high = chart.y_max if chart.y_max is not None else max(values, default=1.0)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    step = nice_step(high - low)
    if chart.y_min is None:
        low = math.floor(low / step) * step
    if chart.y_max is None:
        high = math.ceil(high / step) * step
    return low, high


def all_dates(chart: LineChart) -> list[dt.date]:
    return sorted({d for s in chart.series for d, _ in s.points})


def _x_scale(dates: list[dt.date]) -> dict[dt.date, float]:
    """Dates placed in proportion to the time between them (a gap reads as a gap)."""
    inner = WIDTH - LEFT - RIGHT
    if len(dates) <= 1:
        return dict.fromkeys(dates, LEFT + inner / 2)
    first, span = dates[0], (dates[-1] - dates[0]).days
    pad = 26.0
    return {d: LEFT + pad + (inner - 2 * pad) * (d - first).days / span for d in dates}


def _date_label(d: dt.date) -> str:
    return f"{d.day} {d:%b}"


def _text_width(text: str) -> float:
    return 0.56 * FONT * len(text)  # near enough for system sans-serif


def legend_layout(chart: LineChart) -> list[tuple[str, int, float, float]]:
    """(kind, index, x, y) of each legend entry, wrapped onto as many lines as needed."""
    entries = [("series", i, s.label) for i, s in enumerate(chart.series)]
    entries += [("band", i, b.label) for i, b in enumerate(chart.bands)]
    out, x, y = [], 4.0, 18.0
    for kind, index, label in entries:
        width = 34 + _text_width(label) + 18
        if x > 4 and x + width > WIDTH:
            x, y = 4.0, y + LEGEND_LINE
        out.append((kind, index, x, y))
        x += width
    return out


def render_line_chart(chart: LineChart) -> str:
    """The chart as an inline ``<svg>`` element (a string safe to put in HTML)."""
    low, high = value_range(chart)
    dates = all_dates(chart)
    xs = _x_scale(dates)
    legend = legend_layout(chart)
    top_y = (legend[-1][3] if legend else 0) + 20
    bottom_y = top_y + PLOT_HEIGHT
    height = bottom_y + BOTTOM

    def y(value: float) -> float:
        clamped = min(max(value, low), high)
        return bottom_y - (bottom_y - top_y) * (clamped - low) / (high - low)

    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif" '
        f'font-size="{FONT}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.desc)}</desc>',
    ]
    for band in chart.bands:
        fill = "#e4f4e9" if band.tone == "ok" else "#e6eaed"
        y_hi, y_lo = y(band.high), y(band.low)
        out.append(
            f'<rect class="band" x="{LEFT}" y="{y_hi:.1f}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{max(y_lo - y_hi, 1):.1f}" fill="{fill}"><title>{escape(band.label)}'
            f'</title></rect>'
        )
    step = nice_step(high - low)
    tick = low
    while tick <= high + 1e-9:
        ty = y(tick)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="{SOFT}">'
                   f'{fmt(round(tick, 6))}</text>')
        tick += step
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{top_y}" y2="{bottom_y}" '
               f'stroke="{SOFT}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom_y}" '
               f'y2="{bottom_y}" stroke="{SOFT}"/>')
    every = max(1, math.ceil(len(dates) / MAX_DATE_LABELS))
    for i, d in enumerate(dates):
        if i % every and i != len(dates) - 1:
            continue
        out.append(f'<line x1="{xs[d]:.1f}" x2="{xs[d]:.1f}" y1="{bottom_y}" '
                   f'y2="{bottom_y + 5}" stroke="{SOFT}"/>')
        out.append(f'<text class="date" x="{xs[d]:.1f}" y="{bottom_y + 20}" '
                   f'text-anchor="middle" fill="{SOFT}">{_date_label(d)}</text>')
    for ref in chart.references:
        ry = y(ref.value)
        out.append(f'<line class="reference" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ry:.1f}" '
                   f'y2="{ry:.1f}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="8 5">'
                   f'<title>{escape(ref.label)}</title></line>')
        out.append(f'<text x="{WIDTH - RIGHT - 4}" y="{ry - 6:.1f}" text-anchor="end" '
                   f'fill="{INK}">{escape(ref.label)}</text>')
    for index, series in enumerate(chart.series):
        out.extend(_series(series, index, xs, y, chart.unit))
    out.extend(_legend(chart, legend))
    out.append("</svg>")
    return "\n".join(out)


def _series(series: ChartSeries, index: int, xs: dict[dt.date, float],
            y: Callable[[float], float], unit: str) -> list[str]:
    colour, dash, filled = STYLES[index % len(STYLES)]
    points = sorted(series.points)
    out = [f'<g class="series" data-series="{index}">']
    if len(points) > 1:
        path = " ".join(f"{xs[d]:.1f},{y(v):.1f}" for d, v in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2.5"{dash_attr}/>')
    for d, v in points:
        fill = colour if filled else "#ffffff"
        out.append(
            f'<circle class="point" cx="{xs[d]:.1f}" cy="{y(v):.1f}" r="5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2.5"><title>{escape(series.label)}, '
            f'{d.day} {d:%b %Y}: {fmt(v)}{escape(unit)}</title></circle>'
        )
    out.append("</g>")
    return out


def _legend(chart: LineChart, layout: list[tuple[str, int, float, float]]) -> list[str]:
    out = ['<g class="legend">']
    for kind, index, x, y in layout:
        if kind == "series":
            colour, dash, filled = STYLES[index % len(STYLES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            label = chart.series[index].label
            out.append(f'<line x1="{x:.1f}" x2="{x + 28:.1f}" y1="{y - 5:.1f}" y2="{y - 5:.1f}" '
                       f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
            out.append(f'<circle cx="{x + 14:.1f}" cy="{y - 5:.1f}" r="4.5" '
                       f'fill="{colour if filled else "#ffffff"}" stroke="{colour}" '
                       f'stroke-width="2"/>')
        else:
            band = chart.bands[index]
            fill = "#e4f4e9" if band.tone == "ok" else "#e6eaed"
            label = band.label
            out.append(f'<rect x="{x:.1f}" y="{y - 13:.1f}" width="28" height="15" '
                       f'fill="{fill}" stroke="{GRID}"/>')
        out.append(f'<text x="{x + 34:.1f}" y="{y:.1f}" fill="{INK}">{escape(label)}</text>')
    out.append("</g>")
    return out
