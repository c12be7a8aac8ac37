"""The body chart's zoom areas: which part of each view a "Head & neck" (etc.) button shows.

Each box is computed from the atlas (the union of the bounding boxes of the regions of the
area's groups in body-regions.yaml), so the page's script holds no coordinates of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tonus.core.atlas import load_atlas
from tonus.core.atlas.geometry import BBox, polygons_bbox

WHOLE = "whole"
# (key, button text, region groups of body-regions.yaml); every group belongs to one area.
AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("head-neck", "Head & neck", ("head", "neck")),
    ("arms-hands", "Arms & hands", ("arm", "forearm", "hand")),
    ("trunk", "Trunk", ("shoulder", "chest", "abdomen", "upper-back", "back", "hip")),
    ("legs-feet", "Legs & feet", ("thigh", "knee", "leg", "foot")),
)
# Room left around the regions (share of the box's larger side): an edge finger stays tappable.
MARGIN = 0.08


@dataclass(frozen=True)
class ChartView:
    """One figure of the chart: its SVG and the viewBox ("x y w h") of each zoom area."""

    name: str
    svg: str
    boxes: tuple[tuple[str, str], ...]


def _fmt(box: BBox) -> str:
    return " ".join(f"{v:.1f}".removesuffix(".0") for v in box)


def _area_box(view: str, groups: tuple[str, ...]) -> BBox | None:
    atlas = load_atlas()
    v = atlas.view(view)
    rings = [ring for rid, polys in v.regions.items()
             if atlas.check_region(rid).group in groups for ring in polys]
    if not rings:
        return None
    x0, y0, x1, y1 = polygons_bbox(rings)
    pad = MARGIN * max(x1 - x0, y1 - y0)
    vx, vy, vw, vh = v.view_box
    x0, y0 = max(x0 - pad, vx), max(y0 - pad, vy)
    x1, y1 = min(x1 + pad, vx + vw), min(y1 + pad, vy + vh)
    return (x0, y0, x1 - x0, y1 - y0)


@lru_cache(maxsize=4)
def zoom_boxes(view: str) -> tuple[tuple[str, str], ...]:
    """(area key, viewBox) of the whole figure and of each area drawn in ``view``."""
    out = [(WHOLE, _fmt(load_atlas().view(view).view_box))]
    for key, _text, groups in AREAS:
        box = _area_box(view, groups)
        if box is not None:
            out.append((key, _fmt(box)))
    return tuple(out)


def zoom_buttons() -> list[tuple[str, str]]:
    """(area key, button text), "Whole body" first."""
    return [(WHOLE, "Whole body")] + [(key, text) for key, text, _groups in AREAS]


def chart_views(front_svg: str, back_svg: str) -> list[ChartView]:
    return [ChartView("front", front_svg, zoom_boxes("front")),
            ChartView("back", back_svg, zoom_boxes("back"))]
