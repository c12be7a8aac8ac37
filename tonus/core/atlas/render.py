"""SVG drawings of the body atlas: blank charts, pain drawings and referral patterns.

Pure Python: the SVG is built as text. Every region is one ``<path>`` with
``id="<view>-<region-id>"``, ``data-region="<region-id>"``, ``class="region"`` and a
``<title>`` holding its label, so that a web page can make the chart interactive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from tonus.core.atlas.geometry import Atlas, AtlasView, Ring, load_atlas

FONT = "Helvetica, Arial, sans-serif"
OUTLINE = "#3f454c"
REGION_FILL = "#f2f0ed"
REGION_STROKE = "#d3cec8"
TEXT = "#33383d"
MUTED = "#6b7178"

# Perceptual sequential scale (ColorBrewer YlOrRd): pale yellow -> orange -> deep red.
_SCALE = ("#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026")

ESSENTIAL_FILL = "#d7261e"
SPILLOVER_FILL = "#f9c3bb"
SPILLOVER_DOT = "#c8241c"
PAIN_INK = "#1f4f8f"

PANEL_GAP = 24.0
HEADER_H = 34.0


@dataclass(frozen=True)
class TriggerPointMark:
    """A trigger point to mark with a bold ×.

    ``nudge`` moves the mark from the region's centroid by a fraction of the region's
    bounding box (x, y; y grows downwards).
    """

    region: str
    view: str | None = None
    nudge: tuple[float, float] = (0.0, 0.0)


# -- colours -------------------------------------------------------------------------


def _hex(c: str) -> tuple[int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def intensity_colour(value: float) -> str:
    """Fill colour of a pain intensity in (0, 10] on the sequential scale."""
    t = min(max(value, 0.0), 10.0) / 10.0
    pos = t * (len(_SCALE) - 1)
    i = min(int(pos), len(_SCALE) - 2)
    f = pos - i
    a, b = _hex(_SCALE[i]), _hex(_SCALE[i + 1])
    r, g, bl = (round(a[k] + (b[k] - a[k]) * f) for k in range(3))
    return f"#{r:02x}{g:02x}{bl:02x}"


# -- svg helpers ---------------------------------------------------------------------


def _num(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def path_d(rings: Iterable[Ring]) -> str:
    return _path_d(tuple(rings))


@lru_cache(maxsize=4096)
def _path_d(rings: tuple[Ring, ...]) -> str:
    # The atlas is fixed, so each region's path text is formatted once per process: number
    # formatting was half the cost of drawing a chart on every page view.
    parts = []
    for ring in rings:
        pts = " ".join(f"{_num(x)} {_num(y)}" for x, y in ring)
        parts.append(f"M{pts}Z")
    return "".join(parts)


def _attrs(**kw: str | float | None) -> str:
    out = []
    for k, v in kw.items():
        if v is None:
            continue
        name = k.rstrip("_").replace("_", "-")
        out.append(f"{name}={quoteattr(v if isinstance(v, str) else _num(v))}")
    return " ".join(out)


def _text(x: float, y: float, s: str, size: float = 12, **kw: str | float | None) -> str:
    a = _attrs(x=x, y=y, font_size=size, font_family=FONT, **kw)
    return f"<text {a}>{escape(s)}</text>"


@dataclass(frozen=True)
class _RegionStyle:
    fill: str
    stroke: str = REGION_STROKE
    stroke_width: float = 0.5
    extra: str = ""  # extra attributes (already formatted)


def _region_path(atlas: Atlas, view: str, rid: str, rings: Sequence[Ring], st: _RegionStyle) -> str:
    a = _attrs(
        id=f"{view}-{rid}",
        class_="region",
        d=path_d(rings),
        fill=st.fill,
        stroke=st.stroke,
        stroke_width=st.stroke_width,
        stroke_linejoin="round",
    )
    extra = f" {st.extra}" if st.extra else ""
    return (
        f"<path data-region={quoteattr(rid)} {a}{extra}>"
        f"<title>{escape(atlas.label(rid))}</title></path>"
    )


def _outline(v: AtlasView) -> str:
    a = _attrs(
        class_="outline",
        d=path_d(v.outline),
        fill="none",
        stroke=OUTLINE,
        stroke_width=1.5,
        stroke_linejoin="round",
        stroke_linecap="round",
    )
    return f"<path {a}/>"


def _side_markers(v: AtlasView, panel_w: float) -> str:
    return _side_markers_at(v, panel_w, 150.0)


def _side_markers_at(v: AtlasView, panel_w: float, y: float) -> str:
    # front view: the client's right is on the viewer's left; back view: on the right.
    left, right = ("R", "L") if v.name == "front" else ("L", "R")
    out = []
    for x, s in ((20.0, left), (panel_w - 20.0, right)):
        out.append(
            f'<g class="side-marker"><circle {_attrs(cx=x, cy=y, r=10, fill="#ffffff")}'
            f" {_attrs(stroke=MUTED, stroke_width=1)}/>"
            + _text(x, y + 4.3, s, 12, text_anchor="middle", font_weight="bold", fill=TEXT)
            + "</g>"
        )
    return "".join(out)


@dataclass(frozen=True)
class _Layout:
    views: tuple[str, ...]
    offsets: tuple[float, ...]
    width: float
    panel_h: float
    top: float
    boxes: tuple[tuple[float, float, float, float], ...] = ()  # the part of each view shown
    scales: tuple[float, ...] = ()  # drawing units per atlas unit, per view


FOCUS_HEIGHT = 520.0  # height of a zoomed panel, in drawing units
FOCUS_MIN_FRACTION = 0.28  # never zoom in on less than this share of the figure's height


def _focus_box(atlas: Atlas, view: str, region_ids: Iterable[str]) -> tuple[float, ...] | None:
    """The box around the given regions in a view (with margin), or None if none is drawn."""
    v = atlas.view(view)
    boxes = [atlas.bbox(r, view) for r in region_ids if r in v.regions]
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    vx, vy, vw, vh = v.view_box
    h = max(y1 - y0, FOCUS_MIN_FRACTION * vh) * 1.25
    w = max(x1 - x0, 0.55 * h) * 1.25
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    bx = min(max(cx - w / 2, vx), vx + vw - min(w, vw))
    by = min(max(cy - h / 2, vy), vy + vh - min(h, vh))
    return (bx, by, min(w, vw), min(h, vh))


def _layout(atlas: Atlas, views: Sequence[str], title: str | None,
            focus: Mapping[str, tuple[float, ...]] | None = None) -> _Layout:
    names = tuple(views)
    if not names:
        raise ValueError("no view to draw")
    boxes: list[tuple[float, float, float, float]] = []
    scales: list[float] = []
    for n in names:
        vb = atlas.view(n).view_box
        box = (focus or {}).get(n)
        if box:
            boxes.append((box[0], box[1], box[2], box[3]))
            scales.append(FOCUS_HEIGHT / box[3])
        else:
            boxes.append(vb)
            scales.append(1.0)
    offsets = []
    x = 0.0
    for box, scale in zip(boxes, scales, strict=True):
        offsets.append(x)
        x += box[2] * scale + PANEL_GAP
    width = x - PANEL_GAP
    panel_h = max(box[3] * scale for box, scale in zip(boxes, scales, strict=True))
    top = (40.0 if title else 8.0) + HEADER_H
    return _Layout(names, tuple(offsets), width, panel_h, top, tuple(boxes), tuple(scales))


def _document(
    lay: _Layout, title: str | None, body: str, defs: str, legend: str, legend_h: float, kind: str
) -> str:
    h = lay.top + lay.panel_h + legend_h
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f"{_attrs(viewBox=f'0 0 {_num(lay.width)} {_num(h)}')}"
        f" {_attrs(width=lay.width, height=h, class_=f'tonus-atlas tonus-atlas-{kind}')}>"
    )
    parts = [head]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f"<defs>{defs}</defs>" if defs else "")
    parts.append(f"<rect {_attrs(width=lay.width, height=h, fill='#ffffff')}/>")
    if title:
        parts.append(
            _text(lay.width / 2, 30, title, 18, text_anchor="middle", font_weight="bold", fill=TEXT)
        )
    parts.append(body)
    parts.append(legend)
    parts.append("</svg>")
    return "".join(parts)


def _panel(atlas: Atlas, lay: _Layout, i: int, inner: str) -> str:
    name = lay.views[i]
    v = atlas.view(name)
    ox = lay.offsets[i]
    bx, by, bw, bh = lay.boxes[i] if lay.boxes else v.view_box
    scale = lay.scales[i] if lay.scales else 1.0
    pw, ph = bw * scale, bh * scale
    zoomed = (bx, by, bw, bh) != tuple(v.view_box)
    header = _text(
        pw / 2, -12, name.capitalize() + (" (detail)" if zoomed else ""), 15,
        text_anchor="middle", font_weight="bold", fill=TEXT,
    )
    sub = ""
    soles_y = max(y for ring in v.outline for _x, y in ring)
    if name == "back" and by <= soles_y <= by + bh:
        sub = _text(pw / 2, (soles_y - by) * scale + 16, "Soles", 11, text_anchor="middle",
                    fill=MUTED)
    # the figure is drawn in its own coordinates inside a nested <svg> whose viewBox crops it
    figure = (
        f"<svg {_attrs(x=0, y=0, width=pw, height=ph)} "
        f"viewBox=\"{_num(bx)} {_num(by)} {_num(bw)} {_num(bh)}\" overflow=\"hidden\">"
        f"{inner}{_outline(v)}</svg>"
    )
    markers = _side_markers(v, pw) if not zoomed else _side_markers_at(v, pw, 18.0)
    move = f"translate({_num(ox)} {_num(lay.top)})"
    return (
        f"<g {_attrs(class_=f'view view-{name}', transform=move)}>"
        f"{header}{figure}{markers}{sub}</g>"
    )


def _check_ids(atlas: Atlas, ids: Iterable[str]) -> list[str]:
    out = []
    for rid in ids:
        atlas.check_region(rid)
        out.append(rid)
    return out


# -- public renderers ----------------------------------------------------------------


def render_blank(
    *,
    title: str | None = None,
    views: Sequence[str] = ("front", "back"),
    labels: bool = False,
) -> str:
    """Both views with every region outlined; ``labels`` writes each region id inside it."""
    atlas = load_atlas()
    lay = _layout(atlas, views, title)
    body = []
    for i, name in enumerate(lay.views):
        v = atlas.view(name)
        paths = [
            _region_path(atlas, name, rid, rings, _RegionStyle(REGION_FILL))
            for rid, rings in v.regions.items()
        ]
        if labels:
            for rid in v.regions:
                x, y = atlas.centroid(rid, name)
                short = rid.removesuffix("-r").removesuffix("-l")
                paths.append(_text(x, y + 1, short, 2.6, text_anchor="middle", fill="#1f4e79"))
        body.append(_panel(atlas, lay, i, "".join(paths)))
    return _document(lay, title, "".join(body), "", "", 16.0, "blank")


def render_pain_drawing(
    marks: Mapping[str, float],
    *,
    title: str | None = None,
    views: Sequence[str] = ("front", "back"),
) -> str:
    """A pain drawing: regions coloured by intensity 0–10 (0 = outlined only)."""
    # Pages show the same drawing again and again: the SVG is a pure function of its inputs.
    return _pain_drawing(tuple(sorted((k, float(v)) for k, v in marks.items())), title,
                         tuple(views))


@lru_cache(maxsize=256)
def _pain_drawing(marks_items: tuple[tuple[str, float], ...], title: str | None,
                  views: tuple[str, ...]) -> str:
    marks = dict(marks_items)
    atlas = load_atlas()
    _check_ids(atlas, marks)
    for rid, value in marks.items():
        if not 0 <= float(value) <= 10:
            raise ValueError(f"pain intensity of {rid!r} must be within 0..10, got {value!r}")
    lay = _layout(atlas, views, title)
    body = []
    for i, name in enumerate(lay.views):
        v = atlas.view(name)
        plain, marked = [], []
        for rid, rings in v.regions.items():
            if rid in marks:
                value = float(marks[rid])
                intensity = f'data-intensity="{_num(value)}"'
                if value > 0:
                    st = _RegionStyle(intensity_colour(value), "#8a2a12", 0.6, intensity)
                else:
                    st = _RegionStyle(REGION_FILL, "#8a2a12", 1.2, intensity)
                marked.append(_region_path(atlas, name, rid, rings, st))
            else:
                plain.append(_region_path(atlas, name, rid, rings, _RegionStyle(REGION_FILL)))
        body.append(_panel(atlas, lay, i, "".join(plain + marked)))
    legend, legend_h = _intensity_legend(lay)
    return _document(lay, title, "".join(body), "", legend, legend_h, "pain")


def _intensity_legend(lay: _Layout) -> tuple[str, float]:
    y0 = lay.top + lay.panel_h + 10
    cell = 22.0
    total = 11 * cell
    x0 = (lay.width - total) / 2 + 40
    parts = [_text(x0 - 10, y0 + 15, "Pain intensity", 12, text_anchor="end", fill=TEXT)]
    for k in range(11):
        x = x0 + k * cell
        if k == 0:
            parts.append(
                f"<rect {_attrs(x=x + 1, y=y0 + 1, width=cell - 2, height=16, fill=REGION_FILL)}"
                f" {_attrs(stroke='#8a2a12', stroke_width=1.2)}/>"
            )
        else:
            parts.append(
                f"<rect {_attrs(x=x, y=y0, width=cell, height=18, fill=intensity_colour(k))}/>"
            )
        parts.append(_text(x + cell / 2, y0 + 32, str(k), 10, text_anchor="middle", fill=MUTED))
    parts.append(
        f"<rect {_attrs(x=x0 + cell, y=y0, width=10 * cell, height=18, fill='none')}"
        f" {_attrs(stroke='#b9b3ac', stroke_width=0.6)}/>"
    )
    return f'<g class="legend">{"".join(parts)}</g>', 54.0


def _referral_defs() -> str:
    return (
        '<pattern id="tonus-stipple" width="5" height="5" patternUnits="userSpaceOnUse">'
        f"<rect {_attrs(width=5, height=5, fill=SPILLOVER_FILL)}/>"
        f"<circle {_attrs(cx=1.25, cy=1.25, r=0.85, fill=SPILLOVER_DOT)}/>"
        f"<circle {_attrs(cx=3.75, cy=3.75, r=0.85, fill=SPILLOVER_DOT)}/>"
        "</pattern>"
        '<pattern id="tonus-hatch" width="4.5" height="4.5" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        f"<line {_attrs(x1=2.25, y1=0, x2=2.25, y2=4.5, stroke=PAIN_INK, stroke_width=1.3)}/>"
        "</pattern>"
    )


def _cross(x: float, y: float, size: float = 6.5) -> str:
    d = (
        f"M{_num(x - size)} {_num(y - size)}L{_num(x + size)} {_num(y + size)}"
        f"M{_num(x - size)} {_num(y + size)}L{_num(x + size)} {_num(y - size)}"
    )
    halo = _attrs(d=d, stroke="#ffffff", stroke_width=6.5, stroke_linecap="round", fill="none")
    ink = _attrs(d=d, stroke="#000000", stroke_width=3.4, stroke_linecap="round", fill="none")
    return f'<g class="trigger-point"><path {halo}/><path {ink}/></g>'


def render_referral_pattern(
    *,
    essential: Iterable[str],
    spillover: Iterable[str],
    trigger_points: Iterable[TriggerPointMark],
    pain: Mapping[str, float] | None = None,
    title: str | None = None,
    views: Sequence[str] | None = None,
    focus: bool = False,
) -> str:
    """A referral-pattern chart in the convention of the classic trigger-point charts.

    Essential zone solid red, spillover zone stippled light red, each trigger point a bold
    black ×; with ``pain`` the client's own pain drawing is overlaid as blue hatching.
    ``focus`` zooms each view onto the marked part of the body (a head pattern is then
    readable at thumbnail size).
    """
    atlas = load_atlas()
    ess = set(_check_ids(atlas, essential))
    spill = set(_check_ids(atlas, spillover)) - ess
    tps = list(trigger_points)
    pain_map = dict(pain or {})
    _check_ids(atlas, pain_map)
    tp_views: list[tuple[TriggerPointMark, str]] = []
    for tp in tps:
        atlas.check_region(tp.region)
        rv = atlas.region_views(tp.region)
        tv = tp.view or (rv[0] if rv else "")
        if tv not in rv:
            raise ValueError(f"trigger point region {tp.region!r} is not drawn in view {tv!r}")
        tp_views.append((tp, tv))
    if views is None:
        used = {vn for rid in (*ess, *spill, *pain_map) for vn in atlas.region_views(rid)}
        used |= {tv for _tp, tv in tp_views}
        views = tuple(vn for vn in atlas.views if vn in used) or atlas.views
    boxes: dict[str, tuple[float, ...]] = {}
    if focus:
        for vn in views:
            tp_regions = [tp.region for tp, tv in tp_views if tv == vn]
            box = _focus_box(atlas, vn, [*ess, *spill, *pain_map, *tp_regions])
            if box:
                boxes[vn] = box
    lay = _layout(atlas, views, title, boxes)
    body = []
    for i, name in enumerate(lay.views):
        v = atlas.view(name)
        regions, overlay, crosses = [], [], []
        for rid, rings in v.regions.items():
            if rid in ess:
                st = _RegionStyle(ESSENTIAL_FILL, "#9e1a14", 0.6, 'data-zone="essential"')
            elif rid in spill:
                st = _RegionStyle("url(#tonus-stipple)", "#d77a70", 0.6, 'data-zone="spillover"')
            else:
                st = _RegionStyle(REGION_FILL)
            regions.append(_region_path(atlas, name, rid, rings, st))
            if rid in pain_map:
                a = _attrs(
                    class_="pain-overlay",
                    d=path_d(rings),
                    fill="url(#tonus-hatch)" if pain_map[rid] > 0 else "none",
                    stroke=PAIN_INK,
                    stroke_width=1.4,
                    stroke_dasharray="3 1.6",
                )
                overlay.append(f"<path {a}/>")
        for tp, tv in tp_views:
            if tv != name:
                continue
            (cx, cy), (x0, y0, x1, y1) = atlas.anchor(tp.region, name)
            crosses.append(_cross(cx + tp.nudge[0] * (x1 - x0), cy + tp.nudge[1] * (y1 - y0)))
        body.append(_panel(atlas, lay, i, "".join(regions + overlay + crosses)))
    legend, legend_h = _referral_legend(lay, bool(pain_map))
    return _document(lay, title, "".join(body), _referral_defs(), legend, legend_h, "referral")


def _referral_legend(lay: _Layout, with_pain: bool) -> tuple[str, float]:
    items: list[tuple[str, str]] = [
        ("essential", "Essential zone"),
        ("spillover", "Spillover zone"),
        ("tp", "Trigger point"),
    ]
    if with_pain:
        items.append(("pain", "Client's pain"))
    step = 150.0
    # a single view is narrow: wrap the legend onto as many rows as it needs
    per_row = max(1, min(len(items), int((lay.width - 10) // step)))
    rows = -(-len(items) // per_row)
    parts = []
    for i, (key, label) in enumerate(items):
        in_row = min(per_row, len(items) - (i // per_row) * per_row)
        x = (lay.width - step * in_row) / 2 + 10 + step * (i % per_row)
        y0 = lay.top + lay.panel_h + 12 + 24 * (i // per_row)
        if key == "essential":
            parts.append(f"<rect {_attrs(x=x, y=y0, width=22, height=14, fill=ESSENTIAL_FILL)}/>")
        elif key == "spillover":
            parts.append(
                f"<rect {_attrs(x=x, y=y0, width=22, height=14, fill='url(#tonus-stipple)')}"
                f" {_attrs(stroke='#d77a70', stroke_width=0.6)}/>"
            )
        elif key == "tp":
            parts.append(_cross(x + 11, y0 + 7, 5.5))
        else:
            parts.append(
                f"<rect {_attrs(x=x, y=y0, width=22, height=14, fill='url(#tonus-hatch)')}"
                f" {_attrs(stroke=PAIN_INK, stroke_width=1.1, stroke_dasharray='3 1.6')}/>"
            )
        parts.append(_text(x + 30, y0 + 11.5, label, 12, fill=TEXT))
    return f'<g class="legend">{"".join(parts)}</g>', 16.0 + 24 * rows
