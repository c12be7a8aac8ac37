"""tonus.reports.charts: well-formed, accessible SVG with one marker per point."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from tonus.reports.charts import (
    Band,
    ChartSeries,
    LineChart,
    Reference,
    nice_step,
    render_line_chart,
    value_range,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
DATES = [dt.date(2025, 2, 3) + dt.timedelta(weeks=i) for i in range(5)]


def chart(**kw: object) -> LineChart:
    base: dict[str, object] = {
        "chart_id": "pain", "title": "Pain <right temple>", "desc": "From 7 to 3 & falling",
        "series": [ChartSeries("Before", list(zip(DATES, [7, 6, 5, 4, 3], strict=True))),
                   ChartSeries("After", list(zip(DATES[1:], [4, 3, 3, 2], strict=True)))],
        "unit": "/10", "y_min": 0, "y_max": 10,
        "bands": [Band(5, 7, "Within the MCID", tone="neutral")],
    }
    base.update(kw)
    return LineChart(**base)  # type: ignore[arg-type]


def test_well_formed_and_accessible() -> None:
    svg = ET.fromstring(render_line_chart(chart()))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "pain-title pain-desc"
    title = svg.find("svg:title", NS)
    desc = svg.find("svg:desc", NS)
    assert title is not None and title.text == "Pain <right temple>" and title.get("id")
    assert desc is not None and desc.text == "From 7 to 3 & falling"


def test_one_point_per_visit_per_series() -> None:
    svg = ET.fromstring(render_line_chart(chart()))
    groups = svg.findall("svg:g[@class='series']", NS)
    counts = [len(g.findall("svg:circle[@class='point']", NS)) for g in groups]
    assert counts == [5, 4]
    first = groups[0].find("svg:circle/svg:title", NS)
    assert first is not None and first.text == "Before, 3 Feb 2025: 7/10"


def test_axes_dates_legend_band_and_reference() -> None:
    text = render_line_chart(chart(references=[Reference(8, "Normal 8")]))
    svg = ET.fromstring(text)
    dates = [t.text for t in svg.findall("svg:text[@class='date']", NS)]
    assert dates == ["3 Feb", "10 Feb", "17 Feb", "24 Feb", "3 Mar"]
    assert len(svg.findall("svg:line[@class='axis']", NS)) == 2
    legend = svg.find("svg:g[@class='legend']", NS)
    assert legend is not None
    labels = [t.text for t in legend.findall("svg:text", NS)]
    assert labels == ["Before", "After", "Within the MCID"]
    assert svg.find("svg:rect[@class='band']", NS) is not None
    assert svg.find("svg:line[@class='reference']", NS) is not None
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing external


def test_single_visit_and_empty_series() -> None:
    one = chart(series=[ChartSeries("Before", [(DATES[0], 6)])], bands=[])
    svg = ET.fromstring(render_line_chart(one))
    assert len(svg.findall(".//svg:circle[@class='point']", NS)) == 1
    empty = chart(series=[ChartSeries("Before", [])], bands=[])
    ET.fromstring(render_line_chart(empty))


def test_many_dates_thin_their_labels() -> None:
    dates = [dt.date(2025, 1, 1) + dt.timedelta(days=7 * i) for i in range(20)]
    many = chart(series=[ChartSeries("ROM", [(d, 100 + i) for i, d in enumerate(dates)])],
                 bands=[], y_min=None, y_max=None, unit="°")
    svg = ET.fromstring(render_line_chart(many))
    assert len(svg.findall(".//svg:circle[@class='point']", NS)) == 20
    assert 2 <= len(svg.findall("svg:text[@class='date']", NS)) <= 9


def test_value_range_is_rounded_and_includes_references() -> None:
    low, high = value_range(chart(series=[ChartSeries("ROM", [(DATES[0], 143)])], bands=[],
                                  references=[Reference(180, "Normal")], y_min=0, y_max=None))
    assert low == 0 and high >= 180
    assert nice_step(10) == 2 and nice_step(180) == 50
