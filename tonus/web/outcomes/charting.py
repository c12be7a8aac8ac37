"""Questionnaire charts for the progress page: each instrument's totals over the visits, with the
band of change smaller than its MCID around the first score (no band where the instrument has
no published MCID), and a reassessment prompt when one is due."""

from __future__ import annotations

import datetime as dt

from tonus.core.outcomes.scoring import mcid_band as core_mcid_band
from tonus.reports.charts import Band, ChartSeries, LineChart, fmt, render_line_chart
from tonus.web.outcomes.selectors import Series
from tonus.web.progress.charting import ChartBlock


def mcid_band(s: Series) -> list[Band]:
    band = (core_mcid_band(first=s.points[0][1], mcid=s.mcid, better=s.better,
                           score_range=s.range) if s.points else None)
    if band is None or s.mcid is None:
        return []
    low, high = band
    return [Band(low=low, high=high, tone="neutral",
                 label=f"Within the MCID of the first score ({fmt(s.mcid)} points)")]


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def outcome_block(s: Series) -> ChartBlock:
    first, last = s.points[0], s.points[-1]
    desc = (f"{s.name}: {fmt(first[1])} on {_day(first[0])}"
            + (f" to {fmt(last[1])} on {_day(last[0])} over {len(s.points)} visits"
               if len(s.points) > 1 else " (one visit)")
            + f"; {s.better} is better.")
    chart = LineChart(chart_id=f"outcome-{s.instrument}", title=s.name, desc=desc,
                      series=[ChartSeries(s.short, s.points)],
                      y_min=s.range[0], y_max=s.range[1], bands=mcid_band(s))
    notes = [f"Change since the first: {s.change_words}."] if s.change_words else []
    if s.due:
        notes.append(s.due_words)
    return ChartBlock(chart.chart_id, f"{s.name} ({s.short})", render_line_chart(chart),
                      ["Date", s.short], [[_day(d), fmt(v)] for d, v in s.points], notes)
