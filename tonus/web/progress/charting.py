"""The progress page's charts and tables, from the core's series (presentation only: the series,
the MCID and the norms all come from the core)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tonus.core.knowledge.rom import test_of
from tonus.core.posture.norms import definition_of
from tonus.core.progress import Series
from tonus.core.progress.plateau import mcid_drop
from tonus.reports.charts import Band, ChartSeries, LineChart, Reference, fmt, render_line_chart
from tonus.web.labels import id_label, region_label
from tonus.web.progress.selectors import ClientProgress
from tonus.web.progress.session_form import rom_test_label

SIDE_WORD = {"l": "left", "r": "right"}


@dataclass(frozen=True)
class ChartBlock:
    chart_id: str
    heading: str
    svg: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def _points(series: Series | None) -> list[tuple[dt.date, float]]:
    return [(p.date, p.value) for p in series.points] if series else []


def describe(name: str, series: Series | None, unit: str) -> str:
    """One sentence a screen reader can say instead of the picture."""
    if not series or not series.points:
        return f"{name}: nothing recorded."
    first, last = series.points[0], series.points[-1]
    if len(series.points) == 1:
        return f"{name}: {fmt(first.value)}{unit} on {_day(first.date)} (one visit)."
    return (f"{name}: from {fmt(first.value)}{unit} on {_day(first.date)} to "
            f"{fmt(last.value)}{unit} on {_day(last.date)} over {len(series.points)} visits.")


def mcid_band(baseline: float | None) -> list[Band]:
    """The zone less than one MCID (2 points or 30 %, whichever is smaller) below the baseline:
    points inside it are no clinically important improvement (Abbott & Schmitt 2014)."""
    if not baseline:
        return []
    drop = mcid_drop(baseline)
    return [Band(low=baseline - drop, high=baseline, tone="neutral",
                 label=f"Within the MCID of the first visit (−{fmt(round(drop, 1))})")]


def _pain_rows(before: Series | None, after: Series | None) -> list[list[str]]:
    by_date: dict[dt.date, list[str]] = {}
    for p in before.points if before else []:
        by_date.setdefault(p.date, ["—", "—"])[0] = f"{fmt(p.value)}/10"
    for p in after.points if after else []:
        by_date.setdefault(p.date, ["—", "—"])[1] = f"{fmt(p.value)}/10"
    return [[_day(d), *values] for d, values in sorted(by_date.items())]


def pain_block(chart_id: str, heading: str, before: Series | None,
               after: Series | None) -> ChartBlock:
    chart = LineChart(
        chart_id=chart_id, title=heading, unit="/10", y_min=0, y_max=10,
        desc=describe(f"{heading}, before treatment", before, "/10") + " "
        + describe("After treatment", after, "/10"),
        series=[ChartSeries("Before treatment", _points(before)),
                ChartSeries("After treatment", _points(after))],
        bands=mcid_band(before.baseline if before else None),
    )
    return ChartBlock(chart_id, heading, render_line_chart(chart),
                      ["Date", "Before", "After"],
                      _pain_rows(before, after))


def pain_blocks(progress: ClientProgress) -> list[ChartBlock]:
    trends = progress.trends
    primary = [r for r in trends.primary if r in trends.pre_regions or r in trends.post_regions]
    if len(primary) == 1:  # the overall pain is that region's pain: one chart, not two
        region = primary[0]
        return [pain_block("pain-overall", f"Pain: {region_label(region)}",
                           trends.pre_regions.get(region), trends.post_regions.get(region))]
    blocks = [pain_block("pain-overall", "Overall pain (mean of the primary regions)",
                         trends.overall, trends.post_overall)] if trends.overall.points else []
    for index, region in enumerate(primary):
        blocks.append(pain_block(f"pain-{index}", f"Pain: {region_label(region)}",
                                 trends.pre_regions.get(region),
                                 trends.post_regions.get(region)))
    return blocks


def rom_blocks(progress: ClientProgress) -> list[ChartBlock]:
    blocks = []
    for index, (test_id, series) in enumerate(sorted(progress.trends.rom.items())):
        name = rom_test_label(test_id)
        try:
            normal: float | None = test_of(test_id)[0].normal
        except KeyError:
            normal = None
        chart = LineChart(
            chart_id=f"rom-{index}", title=f"Range of motion: {name}", unit="°", y_min=0,
            desc=describe(name, series, "°") + (f" Normal {fmt(normal)}°." if normal else ""),
            series=[ChartSeries(name, _points(series))],
            references=[Reference(normal, f"Normal {fmt(normal)}°")] if normal else [],
        )
        rows = [[_day(p.date), f"{fmt(p.value)}°",
                 f"{round(100 * p.value / normal)} %" if normal else "—"] for p in series.points]
        blocks.append(ChartBlock(chart.chart_id, name, render_line_chart(chart),
                                 ["Date", "Degrees", "% normal"], rows))
    return blocks


def measure_blocks(progress: ClientProgress) -> list[ChartBlock]:
    blocks = []
    for index, (measure_id, series) in enumerate(sorted(progress.trends.measures.items())):
        try:
            mdef, side = definition_of(measure_id)
        except Exception:  # an id the norms do not know: chart it without a band
            name, unit, band = id_label(measure_id), "", []
        else:
            name = mdef.name + (f" ({SIDE_WORD[side]})" if side in SIDE_WORD else "")
            unit = "°" if mdef.unit == "deg" else " cm"
            low, high = mdef.normal
            band = [Band(low, high, f"Normal range {fmt(low)} to {fmt(high)}{unit}")]
        chart = LineChart(
            chart_id=f"measure-{index}", title=f"Posture: {name}", unit=unit,
            desc=describe(name, series, unit) + (f" {band[0].label}." if band else ""),
            series=[ChartSeries(name, _points(series))],
            bands=band,
        )
        rows = [[_day(p.date), f"{fmt(p.value)}{unit}",
                 ("yes" if band[0].low <= p.value <= band[0].high else "no") if band else "—"]
                for p in series.points]
        blocks.append(ChartBlock(chart.chart_id, name, render_line_chart(chart),
                                 ["Date", "Value", "In normal range"], rows))
    return blocks
