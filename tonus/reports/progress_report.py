"""A progress report (A4) for the client, a physician or an insurer: the questionnaire scores
over the visits against each instrument's MCID, with a chart per instrument, and the pain
ratings' summary. Same HTML/WeasyPrint pipeline as the letters; no Django import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tonus.core.outcomes.scoring import mcid_band
from tonus.reports.charts import Band, ChartSeries, LineChart, render_line_chart
from tonus.reports.pdf import _render_pdf, svg_data_uri


def _chart(o: dict[str, Any]) -> str:
    points: list[tuple[dt.date, float]] = o["raw_points"]
    lo, hi = o["range"]
    band = (mcid_band(first=points[0][1], mcid=o["mcid"], better=o["better"],
                      score_range=(lo, hi)) if points else None)
    bands = ([Band(band[0], band[1], f"Within the MCID of the first score ({o['mcid']:g})",
                   tone="neutral")] if band is not None else [])
    chart = LineChart(chart_id=f"pdf-{o['instrument']}", title=o["name"],
                      desc=f"{o['name']} over the visits", series=[ChartSeries(o["short"], points)],
                      y_min=lo, y_max=hi, bands=bands)
    return svg_data_uri(render_line_chart(chart))


def progress_report_pdf(*, client: dict[str, Any], clinic_name: str, therapist_name: str,
                        date: str, outcomes: list[dict[str, Any]], pain_summary: str,
                        visits: int) -> bytes:
    items = [{**o, "chart": _chart(o)} for o in outcomes]
    return _render_pdf("progress_report.html", title="Progress report", clinic_name=clinic_name,
                       therapist_name=therapist_name, date=date, client=client,
                       outcomes=items, pain_summary=pain_summary, visits=visits)
