"""The posture overlay: a photo with grid, plumb line, landmarks and measure labels, as SVG.

Pure: the photo is referenced by an ``<image href>`` the caller provides (an authenticated URL
on the web page, a ``data:`` URI in a PDF). Coordinates are the photo's pixels, so the SVG lays
exactly over it. Each landmark is a ``<g class="landmark" data-name=...>`` and each segment a
``<line data-a=... data-b=...>`` (``a+b`` = the midpoint of two landmarks), which lets the
landmark editor move them without a round trip.
"""

from __future__ import annotations

import math
from html import escape

from tonus.core.posture.geometry import MeasureResult, PostureGeometry
from tonus.core.posture.landmarks import CALIBRATION_NAMES, THERAPIST_NAMES, LandmarkSet
from tonus.core.posture.norms import definition_of
from tonus.reports.posture_summary import short_name

MIN_VISIBILITY = 0.5
# Drawn as small unlabelled dots: the measures use them only as fallbacks or for the floor.
_MINOR = ("nose", "eye", "heel", "foot_index")
_SIDED = ("eye", "ear", "shoulder", "hip", "knee", "ankle", "heel", "foot_index")
_FRONTAL_SEGMENTS = (
    ("left_ear", "right_ear"), ("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"),
    ("left_asis", "right_asis"), ("left_psis", "right_psis"),
    ("left_hip+right_hip", "left_shoulder+right_shoulder"),
    ("left_hip", "left_knee"), ("left_knee", "left_ankle"),
    ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
)
_SAGITTAL_SEGMENTS = (
    ("c7", "{n}_tragus"), ("{n}_ear", "{n}_shoulder"), ("{n}_shoulder", "{n}_hip"),
    ("{n}_hip", "{n}_knee"), ("{n}_knee", "{n}_ankle"), ("{n}_heel", "{n}_foot_index"),
)
# Where a measure's label points (the first landmarks present are used).
_ANCHORS: dict[str, tuple[str, ...]] = {
    "head-tilt": ("left_ear", "right_ear"), "head-lateral-shift": ("nose",),
    "shoulder-height-difference": ("left_shoulder", "right_shoulder"),
    "shoulder-tilt": ("left_shoulder", "right_shoulder"),
    "trunk-lateral-lean": ("left_hip", "right_hip", "left_shoulder", "right_shoulder"),
    "pelvic-obliquity": ("left_hip", "right_hip"),
    "knee-frontal-angle-l": ("left_knee",), "knee-frontal-angle-r": ("right_knee",),
    "craniovertebral-angle": ("{n}_ear",), "ear-plumb-offset": ("{n}_ear",),
    "shoulder-plumb-offset": ("{n}_shoulder",), "hip-plumb-offset": ("{n}_hip",),
    "knee-plumb-offset": ("{n}_knee",), "trunk-inclination": ("{n}_shoulder", "{n}_hip"),
    "knee-hyperextension-l": ("{n}_knee",), "knee-hyperextension-r": ("{n}_knee",),
}


def landmark_label(name: str) -> str:
    """'left_shoulder' -> 'L shoulder', 'c7' -> 'C7', 'plumb_top' -> 'Plumb top'."""
    special = {"c7": "C7", "lateral_malleolus": "Lat. malleolus", "greater_trochanter":
               "Gr. trochanter", "lateral_knee": "Lat. knee", "foot_index": "toe"}
    if name in special:
        return special[name]
    side, _, rest = name.partition("_")
    if side in ("left", "right"):
        rest = special.get(rest, rest.replace("_", " "))
        if rest in ("asis", "psis"):
            rest = rest.upper()
        return f"{side[0].upper()} {rest}"
    return name.replace("_", " ").capitalize()


def near_side(landmarks: LandmarkSet) -> str:
    return "right" if landmarks.view == "right-lateral" else "left"


def shown_names(landmarks: LandmarkSet) -> list[str]:
    """The landmarks worth drawing for this view: those the measures use, therapist's, marks."""
    if landmarks.view in ("anterior", "posterior"):
        model = ["nose"] + [f"{s}_{p}" for p in _SIDED for s in ("left", "right")]
    else:
        model = ["nose"] + [f"{near_side(landmarks)}_{p}" for p in _SIDED]
    # The eyes only stand in for hidden ears: drawn when an ear is not seen.
    if all(_seen(landmarks, n) for n in model if n.endswith("_ear")):
        model = [n for n in model if not n.endswith("_eye")]
    return [n for n in model + list(THERAPIST_NAMES) if n in landmarks]


def _seen(ls: LandmarkSet, name: str) -> bool:
    lm = ls.get(name)
    return lm is not None and (lm.source == "therapist" or lm.visibility >= MIN_VISIBILITY)


def _minor(name: str) -> bool:
    return name == "nose" or any(name.endswith("_" + part) for part in _MINOR[1:])


def _point(ls: LandmarkSet, ref: str) -> tuple[float, float] | None:
    pts = [ls.get(n) for n in ref.split("+")]
    if any(p is None for p in pts):
        return None
    xs = [p.x for p in pts if p is not None]
    ys = [p.y for p in pts if p is not None]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def view_box(
    ls: LandmarkSet, *, whole: bool = False, label_room: bool = False,
) -> tuple[float, float, float, float]:
    """The part of the photo to show: the person with a margin (or the whole photo); with
    ``label_room``, a column on the right for the measure labels (past the photo if need be)."""
    # Calibration marks may sit far off on a wall: the crop follows the body only.
    names = [n for n in shown_names(ls) if n not in CALIBRATION_NAMES]
    if whole or len(names) < 4:
        return 0.0, 0.0, float(ls.width), float(ls.height)
    xs = [ls.landmarks[n].x for n in names]
    ys = [ls.landmarks[n].y for n in names]
    pad = 0.14 * max(max(ys) - min(ys), 1.0)
    x0, y0 = max(0.0, min(xs) - pad * 1.6), max(0.0, min(ys) - pad * 1.2)
    x1, y1 = min(float(ls.width), max(xs) + pad * 1.6), min(float(ls.height), max(ys) + pad)
    if label_room:
        x1 = max(x1, max(xs) + (max(ys) - min(ys)) * 0.5)
    return x0, y0, x1 - x0, y1 - y0


def _f(v: float) -> str:
    return f"{v:.1f}"


def _grid(
    box: tuple[float, float, float, float], step: float, rotation_deg: float, u: float,
) -> str:
    x0, y0, w, h = box
    cx, cy = x0 + w / 2, y0 + h / 2
    reach = math.hypot(w, h) / 2 + step
    n = int(reach // step) + 1
    lines = []
    for i in range(-n, n + 1):
        d = i * step
        lines.append(f'<line x1="{_f(cx + d)}" y1="{_f(cy - reach)}" x2="{_f(cx + d)}" '
                     f'y2="{_f(cy + reach)}"/>')
        lines.append(f'<line x1="{_f(cx - reach)}" y1="{_f(cy + d)}" x2="{_f(cx + reach)}" '
                     f'y2="{_f(cy + d)}"/>')
    return (f'<g class="grid" stroke="#ffffff" stroke-opacity="0.35" stroke-width="{_f(u * 0.12)}" '
            f'transform="rotate({-rotation_deg:.3f} {_f(cx)} {_f(cy)})">{"".join(lines)}</g>')


def _plumb(ls: LandmarkSet, box: tuple[float, float, float, float], a: float, u: float) -> str:
    """The reference vertical: the marked plumb line, else through the ankles / malleolus."""
    n = near_side(ls)
    refs = ["plumb_top"] if "plumb_top" in ls and "plumb_bottom" in ls else (
        ["left_ankle+right_ankle"] if ls.view in ("anterior", "posterior")
        else ["lateral_malleolus", f"{n}_ankle"])
    anchor = next((p for p in (_point(ls, r) for r in refs) if p is not None), None)
    if anchor is None:
        return ""
    dx, dy = math.sin(a), math.cos(a)  # the true vertical in image pixels
    reach = math.hypot(box[2], box[3]) * 2
    x, y = anchor
    return (f'<line class="plumb" x1="{_f(x - dx * reach)}" y1="{_f(y - dy * reach)}" '
            f'x2="{_f(x + dx * reach)}" y2="{_f(y + dy * reach)}" stroke="#f5c400" '
            f'stroke-width="{_f(u * 0.35)}" stroke-dasharray="{_f(u * 1.6)} {_f(u * 0.9)}"/>')


def _segments(ls: LandmarkSet, u: float) -> str:
    n = near_side(ls)
    pairs = _FRONTAL_SEGMENTS if ls.view in ("anterior", "posterior") else tuple(
        (a.format(n=n), b.format(n=n)) for a, b in _SAGITTAL_SEGMENTS)
    pairs += (("level_left", "level_right"),)
    out = []
    for a, b in pairs:
        pa, pb = _point(ls, a), _point(ls, b)
        if pa is None or pb is None:
            continue
        out.append(f'<line data-a="{a}" data-b="{b}" x1="{_f(pa[0])}" y1="{_f(pa[1])}" '
                   f'x2="{_f(pb[0])}" y2="{_f(pb[1])}"/>')
    return (f'<g class="segments" stroke="#00e0ff" stroke-width="{_f(u * 0.3)}" '
            f'stroke-linecap="round">{"".join(out)}</g>')


def _counterpart(name: str) -> str:
    side, _, rest = name.partition("_")
    return {"left": f"right_{rest}", "right": f"left_{rest}"}.get(side, "")


def _landmarks(ls: LandmarkSet, u: float, editable: bool) -> str:
    names = shown_names(ls)
    mid_x = sum(ls.landmarks[n].x for n in names) / max(1, len(names))
    focus = ' tabindex="0" role="button"' if editable else ""
    out = []
    for name in names:
        lm = ls.landmarks[name]
        kind = "calibration" if name in CALIBRATION_NAMES else (
            "therapist" if lm.source == "therapist" else "model")
        low = " low" if lm.source == "model" and lm.visibility < MIN_VISIBILITY else ""
        pair = ls.get(_counterpart(name)) if ls.view in ("anterior", "posterior") else None
        left = lm.x < pair.x if pair is not None else lm.x < mid_x  # labels point outward
        tx = -u * 1.3 if left else u * 1.3
        label = escape(landmark_label(name))
        minor = kind == "model" and _minor(name)
        text = "" if minor else (
            f'<text x="{_f(tx)}" y="{_f(u * 0.45)}" text-anchor="{"end" if left else "start"}">'
            f'{label}</text>')
        out.append(
            f'<g class="landmark {kind}{low}" data-name="{name}" data-x="{_f(lm.x)}" '
            f'data-y="{_f(lm.y)}" transform="translate({_f(lm.x)} {_f(lm.y)})"{focus}>'
            f'<title>{label}{" (low confidence)" if low else ""}</title>'
            f'<circle r="{_f(u * (0.5 if minor else 0.8))}"/>{text}</g>')
    return (f'<g class="landmarks" font-size="{_f(u * 1.9)}">{"".join(out)}</g>')


def measure_text(result: MeasureResult) -> str:
    """'Shoulder tilt +3.2°' (value signed, as the convention reads)."""
    mdef, side = definition_of(result.id)
    unit = "°" if result.unit == "deg" else " cm"
    name = short_name(mdef.name) + (f" {side.upper()}" if side else "")
    return f"{name} {result.value:+.1f}{unit}"


def _labels(ls: LandmarkSet, geometry: PostureGeometry, box: tuple[float, float, float, float],
            u: float) -> str:
    n = near_side(ls)
    placed: list[tuple[float, MeasureResult, tuple[float, float]]] = []
    for result in geometry.results:
        refs = [r.format(n=n) for r in _ANCHORS.get(result.id, ())]
        pts = [p for p in (_point(ls, r) for r in refs) if p is not None]
        frontal_length = ls.view in ("anterior", "posterior") and result.unit == "cm"
        if result.value is None or not pts or frontal_length:  # frontal: the angles only
            continue
        anchor = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        placed.append((anchor[1], result, anchor))
    placed.sort(key=lambda item: item[0])
    size = u * 2.1
    x_text = box[0] + box[2] - u * 0.8
    last = box[1] - size
    out = []
    for y, result, anchor in placed:
        y_text = max(y, last + size * 1.5, box[1] + size)
        last = y_text
        severity = result.finding.severity if result.finding else "normal"
        out.append(
            f'<g class="measure-label {severity}" data-measure="{result.id}">'
            f'<line x1="{_f(anchor[0])}" y1="{_f(anchor[1])}" x2="{_f(x_text - u * 0.3)}" '
            f'y2="{_f(y_text - size * 0.35)}"/>'
            f'<text x="{_f(x_text)}" y="{_f(y_text)}" text-anchor="end">'
            f'{escape(measure_text(result))}</text></g>')
    return f'<g class="measure-labels" font-size="{_f(size)}">{"".join(out)}</g>'


STYLE = (
    ".landmark circle{fill:#00e0ff;stroke:#002b36;stroke-width:.25%}"
    ".landmark.therapist circle{fill:#ff4fd8}.landmark.calibration circle{fill:#f5c400}"
    ".landmark.low{opacity:.55}"
    ".landmark text,.measure-labels text{fill:#fff;stroke:#00151c;stroke-width:.3em;"
    "paint-order:stroke;font-family:system-ui,sans-serif;font-weight:600}"
    ".measure-label line{stroke:#fff;stroke-opacity:.6;stroke-width:.12em}"
    ".measure-label.mild text{fill:#ffe08a}.measure-label.moderate text{fill:#ffb35c}"
    ".measure-label.marked text{fill:#ff7b7b}"
)


def render_posture_overlay(
    landmarks: LandmarkSet, geometry: PostureGeometry | None = None, *, image_href: str,
    grid: bool = True, labels: bool = True, editable: bool = False, whole: bool = False,
) -> str:
    """The SVG (a string) of the photo with its landmarks; ``whole`` shows the entire photo
    instead of the person with a margin."""
    box = view_box(landmarks, whole=whole, label_room=labels and geometry is not None)
    u = max(box[2], box[3]) / 100  # one unit: 1 % of the picture, for sizes that read alike
    rotation = geometry.rotation_deg if geometry else 0.0
    step = 10 / geometry.cm_per_px if geometry and geometry.cm_per_px else box[3] / 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="posture-overlay" '
        f'viewBox="{_f(box[0])} {_f(box[1])} {_f(box[2])} {_f(box[3])}" '
        f'data-width="{landmarks.width}" data-height="{landmarks.height}" '
        f'data-view="{landmarks.view}" role="img" aria-label="Posture photo with landmarks">',
        f"<style>{STYLE}</style>",
        f'<image href="{escape(image_href)}" x="0" y="0" width="{landmarks.width}" '
        f'height="{landmarks.height}" preserveAspectRatio="none"/>',
        _grid(box, step, rotation, u) if grid else "",
        _plumb(landmarks, box, math.radians(rotation), u),
        _segments(landmarks, u),
        _labels(landmarks, geometry, box, u) if labels and geometry else "",
        _landmarks(landmarks, u, editable),
        "</svg>",
    ]
    return "".join(parts)
