"""Posture measures (``measures.yaml``) computed from the landmarks of one photo.

Frames (see docs/posture-measures.md for the full rules):

* Image pixels: x to the right, y downward.
* Calibration: when the therapist marked a plumb line (``plumb_top`` / ``plumb_bottom``) every
  point is rotated so that line is vertical; otherwise, when they marked a level
  (``level_left`` / ``level_right``), so that it is horizontal; otherwise the image's y axis is
  the vertical. A plumb line wins over a level when both are marked.
* After calibration each point gets two client-referenced coordinates: ``u`` = up, and ``h`` =
  toward the CLIENT's right in a frontal photo (anterior: the image's left; posterior: the image's
  right) or toward the client's FRONT in a side photo (right-lateral = the camera faces the
  client's right side, so the client faces the image's right; left-lateral: the image's left).
  Every sign convention of ``measures.yaml`` is then applied in (h, u).
* Centimetres: ``cm_per_px = height_cm * fraction / (head_level - floor_level)`` where the head
  level is the ears (fraction 0.926 = tragion height / stature), else the eyes (0.936), else the
  nose (0.91), and the floor is the lowest heel / foot-index landmark. Without the client's
  height the cm measures get no value.

Nothing here raises for a missing landmark: the measure gets ``value=None`` and a note naming it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tonus.core.posture.landmarks import FRONTAL_VIEWS, SAGITTAL_VIEWS, LandmarkSet, View
from tonus.core.posture.norms import PostureFinding, finding_from_measure, measure_definitions

# Model landmarks below this visibility count as missing; therapist-placed ones always count.
MIN_VISIBILITY = 0.5

# Height above the floor of a head landmark as a fraction of stature (adult anthropometric
# averages, approximate): tragion (ear) ≈ 0.926, eye (ectocanthus) ≈ 0.936, nose tip ≈ 0.91.
HEAD_LEVEL_FRACTION: dict[str, float] = {"ear": 0.926, "eye": 0.936, "nose": 0.91}

Calibration = Literal["image", "plumb-line", "level"]
Point = tuple[float, float]  # (h, u) in calibrated pixels


class MeasureResult(BaseModel):
    """One measure from one photo. ``value`` is None when it could not be computed (see note)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # measure id as used in a case's measures[] (sided: <id>-l / <id>-r)
    value: float | None  # rounded to 0.1
    unit: Literal["deg", "cm"]
    view: View
    approximated: bool = False
    note: str | None = None
    finding: PostureFinding | None = None


class PostureGeometry(BaseModel):
    """All the measures a photo allows, with the calibration and scale used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: View
    calibration: Calibration
    rotation_deg: float  # rotation applied to the image (positive: clockwise on screen)
    cm_per_px: float | None
    scale_note: str
    results: tuple[MeasureResult, ...]

    def result(self, measure_id: str) -> MeasureResult | None:
        return next((r for r in self.results if r.id == measure_id), None)


# ---------------------------------------------------------------------------------------------
# calibration and scale


def calibration_of(landmarks: LandmarkSet) -> tuple[Calibration, float, str | None]:
    """(kind, rotation in radians, problem) for a photo's calibration marks.

    The rotation ``a`` maps a pixel (x, y) to (x cos a - y sin a, x sin a + y cos a); it makes a
    plumb line vertical or a level horizontal. An incomplete or zero-length mark is ignored and
    reported as a problem (the image's y axis is used instead).
    """
    problems: list[str] = []
    top, bottom = landmarks.get("plumb_top"), landmarks.get("plumb_bottom")
    if top is not None and bottom is not None:
        dx, dy = bottom.x - top.x, bottom.y - top.y
        if dy < 0:  # ends swapped: orient the line downward
            dx, dy = -dx, -dy
        if math.hypot(dx, dy) > 1e-9:
            return "plumb-line", math.atan2(dx, dy), None
        problems.append("plumb line has zero length")
    elif top is not None or bottom is not None:
        problems.append("plumb line needs both plumb_top and plumb_bottom")
    left, right = landmarks.get("level_left"), landmarks.get("level_right")
    if left is not None and right is not None:
        dx, dy = right.x - left.x, right.y - left.y
        if dx < 0:  # ends swapped: orient the level to the image's right
            dx, dy = -dx, -dy
        if math.hypot(dx, dy) > 1e-9:
            return "level", math.atan2(-dy, dx), "; ".join(problems) or None
        problems.append("level has zero length")
    elif left is not None or right is not None:
        problems.append("level needs both level_left and level_right")
    return "image", 0.0, "; ".join(problems) or None


@dataclass
class _Out:
    value: float | None = None
    approximated: bool = False
    notes: list[str] = field(default_factory=list)

    def approx(self, reason: str) -> None:
        self.approximated = True
        self.notes.append(f"approximated: {reason}")


class _Scene:
    """A landmark set in the calibrated, client-referenced (h, u) frame."""

    def __init__(self, landmarks: LandmarkSet, min_visibility: float) -> None:
        self.ls = landmarks
        self.min_visibility = min_visibility
        self.calibration, self.rotation, self.calibration_problem = calibration_of(landmarks)
        self._cos, self._sin = math.cos(self.rotation), math.sin(self.rotation)
        view = landmarks.view
        # +h: client's right (frontal) or client's front (sagittal), in calibrated image x.
        self._h_sign = -1.0 if view in ("anterior", "left-lateral") else 1.0
        self.near = "right" if view == "right-lateral" else "left"
        self.cm_per_px: float | None = None
        self.scale_note = ""

    def usable(self, name: str) -> bool:
        lm = self.ls.get(name)
        return lm is not None and (lm.source == "therapist" or lm.visibility >= self.min_visibility)

    def point(self, name: str) -> Point | None:
        lm = self.ls.get(name)
        if lm is None or not self.usable(name):
            return None
        x = lm.x * self._cos - lm.y * self._sin
        y = lm.x * self._sin + lm.y * self._cos
        return (self._h_sign * x, -y)

    def why_missing(self, name: str) -> str:
        lm = self.ls.get(name)
        if lm is None:
            return name
        return f"{name} (visibility {lm.visibility:.2f} < {self.min_visibility:g})"

    def need(self, out: _Out, *names: str) -> list[Point] | None:
        pts = [self.point(n) for n in names]
        missing = [self.why_missing(n) for n, p in zip(names, pts, strict=True) if p is None]
        if missing:
            out.notes.append("missing landmark: " + ", ".join(missing))
            return None
        return [p for p in pts if p is not None]

    def first(self, *names: str) -> tuple[str, Point] | None:
        for n in names:
            p = self.point(n)
            if p is not None:
                return n, p
        return None

    def first_pair(
        self, out: _Out, options: Sequence[tuple[str, str]],
    ) -> tuple[tuple[str, str], Point, Point] | None:
        """The first (left, right) pair with both landmarks usable; else a note on the first."""
        for left, right in options:
            pl, pr = self.point(left), self.point(right)
            if pl is not None and pr is not None:
                return (left, right), pl, pr
        self.need(out, *options[0])
        if len(options) > 1:
            out.notes[-1] += " (no " + " or ".join(f"{a}/{b}" for a, b in options[1:]) + " either)"
        return None

    def cm(self, out: _Out, px: float) -> float | None:
        if self.cm_per_px is None:
            out.notes.append(f"no value in cm: {self.scale_note}")
            return None
        return px * self.cm_per_px


def _scale(scene: _Scene, height_cm: float | None) -> tuple[float | None, str]:
    if height_cm is None:
        return None, "client height not given (cm measures need it)"
    heads: list[tuple[str, list[str]]] = [
        ("ear", [t if scene.usable(t) else e for t, e in
                 (("left_tragus", "left_ear"), ("right_tragus", "right_ear"))]),
        ("eye", ["left_eye", "right_eye"]),
        ("nose", ["nose"]),
    ]
    head: tuple[str, float] | None = None
    for kind, names in heads:
        us = [p[1] for p in (scene.point(n) for n in names) if p is not None]
        if us:
            head = kind, sum(us) / len(us)
            break
    floor_pts = [scene.point(n) for n in
                 ("left_heel", "right_heel", "left_foot_index", "right_foot_index")]
    floor_us = [p[1] for p in floor_pts if p is not None]
    if head is None:
        return None, "no ear, eye or nose landmark to estimate the top of the head"
    if not floor_us:
        return None, "no heel or foot-index landmark to locate the floor"
    kind, head_u = head
    span = head_u - min(floor_us)
    if span <= 0:
        return None, "head landmarks are not above the feet"
    frac = HEAD_LEVEL_FRACTION[kind]
    return (
        height_cm * frac / span,
        f"{height_cm:g} cm client height; top of head estimated from the {kind} level "
        f"({kind} ≈ {frac:g} × stature), floor at the lowest heel/foot landmark",
    )


# ---------------------------------------------------------------------------------------------
# geometry helpers (all in the (h, u) frame)


def _deg(rad: float) -> float:
    return math.degrees(rad)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _too_close(out: _Out, a: Point, b: Point, what: str) -> bool:
    if math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-6:
        out.notes.append(f"{what} coincide: no direction to measure")
        return True
    return False


def _pair_tilt(out: _Out, left: Point, right: Point, what: str) -> float | None:
    """Angle of the left→right line from the horizontal, positive when the right end is higher."""
    if _too_close(out, left, right, what):
        return None
    return _deg(math.atan2(right[1] - left[1], right[0] - left[0]))


def _lean(out: _Out, base: Point, top: Point, what: str) -> float | None:
    """Angle of base→top from the vertical, positive toward +h."""
    if _too_close(out, base, top, what):
        return None
    return _deg(math.atan2(top[0] - base[0], top[1] - base[1]))


def _joint_deviation(out: _Out, hip: Point, knee: Point, ankle: Point) -> tuple[float, float]:
    """(180° − hip-knee-ankle angle, cross) — cross < 0 when the knee lies toward +h of the
    ankle→hip line, > 0 toward −h. Returns (nan, 0) for coincident points (note added)."""
    if _too_close(out, knee, hip, "knee and hip") or _too_close(out, knee, ankle, "knee and ankle"):
        return math.nan, 0.0
    v1 = (hip[0] - knee[0], hip[1] - knee[1])
    v2 = (ankle[0] - knee[0], ankle[1] - knee[1])
    cos_a = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
    interior = _deg(math.acos(max(-1.0, min(1.0, cos_a))))
    cross = (hip[0] - ankle[0]) * (knee[1] - ankle[1]) - (hip[1] - ankle[1]) * (knee[0] - ankle[0])
    return 180.0 - interior, cross


# ---------------------------------------------------------------------------------------------
# frontal measures (h = toward the client's right)

_EARS = ("left_ear", "right_ear")
_EYES = ("left_eye", "right_eye")


def _head_tilt(s: _Scene, out: _Out, _side: str | None) -> None:
    got = s.first_pair(out, [_EARS, _EYES])
    if got is None:
        return
    names, left, right = got
    if names == _EYES:
        out.notes.append("from the eyes (ears not visible)")
    tilt = _pair_tilt(out, left, right, "left and right head landmarks")
    # positive when the right ear is LOWER
    out.value = None if tilt is None else -tilt


def _head_lateral_shift(s: _Scene, out: _Out, _side: str | None) -> None:
    got = s.first_pair(out, [_EARS, _EYES])
    ankles = s.need(out, "left_ankle", "right_ankle")
    if got is None or ankles is None:
        return
    names, left, right = got
    if names == _EYES:
        out.approx("midpoint of the eyes used for the midpoint of the ears (ears not visible)")
    shift = _mid(left, right)[0] - _mid(*ankles)[0]
    out.value = s.cm(out, shift)


def _shoulder_height_difference(s: _Scene, out: _Out, _side: str | None) -> None:
    pts = s.need(out, "left_shoulder", "right_shoulder")
    if pts is not None:
        out.value = s.cm(out, pts[1][1] - pts[0][1])


def _shoulder_tilt(s: _Scene, out: _Out, _side: str | None) -> None:
    pts = s.need(out, "left_shoulder", "right_shoulder")
    if pts is not None:
        out.value = _pair_tilt(out, pts[0], pts[1], "left and right shoulders")


def _trunk_lateral_lean(s: _Scene, out: _Out, _side: str | None) -> None:
    pts = s.need(out, "left_shoulder", "right_shoulder", "left_hip", "right_hip")
    if pts is not None:
        out.value = _lean(out, _mid(pts[2], pts[3]), _mid(pts[0], pts[1]),
                          "shoulder and hip midpoints")


def _pelvic_obliquity(s: _Scene, out: _Out, _side: str | None) -> None:
    got = s.first_pair(out, [("left_asis", "right_asis"), ("left_psis", "right_psis"),
                             ("left_hip", "right_hip")])
    if got is None:
        return
    names, left, right = got
    out.notes.append({"left_asis": "from the ASIS", "left_psis": "from the PSIS",
                      "left_hip": "from the hip landmarks"}[names[0]])
    out.value = _pair_tilt(out, left, right, "left and right pelvic landmarks")


def _knee_frontal_angle(s: _Scene, out: _Out, side: str | None) -> None:
    word = "right" if side == "r" else "left"
    pts = s.need(out, f"{word}_hip", f"{word}_knee", f"{word}_ankle")
    if pts is None:
        return
    dev, cross = _joint_deviation(out, *pts)
    if math.isnan(dev):
        return
    # Valgus = knee medial to the hip-ankle line: toward −h (client's left) for the right leg,
    # toward +h for the left leg. cross > 0 means toward −h.
    medial = cross > 0 if side == "r" else cross < 0
    out.value = dev if medial else -dev


# ---------------------------------------------------------------------------------------------
# sagittal measures (h = toward the client's front; landmarks of the side facing the camera)


def _tragus(s: _Scene, out: _Out) -> Point | None:
    n = s.near
    got = s.first(f"{n}_tragus", f"{n}_ear")
    if got is None:
        s.need(out, f"{n}_tragus")
        out.notes[-1] += f" (no {n}_ear either)"
        return None
    if got[0] != f"{n}_tragus":
        out.approx(f"{n}_tragus not placed: BlazePose {n}_ear used for the tragus")
    return got[1]


def _malleolus(s: _Scene, out: _Out) -> Point | None:
    n = s.near
    got = s.first("lateral_malleolus", f"{n}_ankle")
    if got is None:
        s.need(out, "lateral_malleolus")
        out.notes[-1] += f" (no {n}_ankle either)"
        return None
    if got[0] != "lateral_malleolus":
        out.approx(f"lateral_malleolus not placed: BlazePose {n}_ankle used for the plumb line")
    return got[1]


def _craniovertebral_angle(s: _Scene, out: _Out, _side: str | None) -> None:
    n = s.near
    c7: Point | None
    if s.usable("c7"):
        c7 = s.point("c7")
    else:
        got = s.first(f"{n}_shoulder")
        c7 = got[1] if got else None
        if c7 is None:
            s.need(out, "c7")
            out.notes[-1] += f" (no {n}_shoulder either)"
        else:
            out.approx(f"c7 not placed: BlazePose {n}_shoulder used for C7 "
                       "(it lies in front of and below C7, so the angle tends to read high)")
    tragus = _tragus(s, out)
    if c7 is None or tragus is None or _too_close(out, c7, tragus, "C7 and tragus"):
        return
    out.value = _deg(math.atan2(tragus[1] - c7[1], tragus[0] - c7[0]))


def _plumb_offset(point: Callable[[_Scene, _Out], Point | None]) -> Callable[
        [_Scene, _Out, str | None], None]:
    def measure(s: _Scene, out: _Out, _side: str | None) -> None:
        p = point(s, out)
        m = _malleolus(s, out)
        if p is not None and m is not None:
            out.value = s.cm(out, p[0] - m[0])
    return measure


def _near(name: str) -> Callable[[_Scene, _Out], Point | None]:
    def get(s: _Scene, out: _Out) -> Point | None:
        pts = s.need(out, f"{s.near}_{name}")
        return pts[0] if pts else None
    return get


def _hip_point(s: _Scene, out: _Out) -> Point | None:
    if s.usable("greater_trochanter"):
        return s.point("greater_trochanter")
    out.notes.append(f"greater_trochanter not placed: {s.near}_hip used")
    return _near("hip")(s, out)


def _knee_point(s: _Scene, out: _Out) -> Point | None:
    if s.usable("lateral_knee"):
        return s.point("lateral_knee")
    p = _near("knee")(s, out)
    if p is not None:
        out.approx(f"lateral_knee not placed: BlazePose {s.near}_knee used for the joint line")
    return p


def _trunk_inclination(s: _Scene, out: _Out, _side: str | None) -> None:
    pts = s.need(out, f"{s.near}_hip", f"{s.near}_shoulder")
    if pts is not None:
        out.value = _lean(out, pts[0], pts[1], "hip and shoulder")


def _knee_hyperextension(s: _Scene, out: _Out, _side: str | None) -> None:
    n = s.near
    pts = s.need(out, f"{n}_hip", f"{n}_knee", f"{n}_ankle")
    if pts is None:
        return
    dev, cross = _joint_deviation(out, *pts)
    if math.isnan(dev):
        return
    behind = cross > 0  # knee toward −h (behind) of the ankle→hip line
    out.value = dev if behind else -dev


_Measure = Callable[[_Scene, _Out, str | None], None]
_MEASURES: dict[str, _Measure] = {
    "head-tilt": _head_tilt,
    "head-lateral-shift": _head_lateral_shift,
    "shoulder-height-difference": _shoulder_height_difference,
    "shoulder-tilt": _shoulder_tilt,
    "trunk-lateral-lean": _trunk_lateral_lean,
    "pelvic-obliquity": _pelvic_obliquity,
    "knee-frontal-angle": _knee_frontal_angle,
    "craniovertebral-angle": _craniovertebral_angle,
    "ear-plumb-offset": _plumb_offset(_tragus),
    "shoulder-plumb-offset": _plumb_offset(_near("shoulder")),
    "hip-plumb-offset": _plumb_offset(_hip_point),
    "knee-plumb-offset": _plumb_offset(_knee_point),
    "trunk-inclination": _trunk_inclination,
    "knee-hyperextension": _knee_hyperextension,
}


def _orientation_problem(s: _Scene) -> str | None:
    """A reason to distrust the view's left/right or front/back, or None."""
    view = s.ls.view
    if view in FRONTAL_VIEWS:
        for left, right in (("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"),
                            _EARS):
            pl, pr = s.point(left), s.point(right)
            if pl is not None and pr is not None and abs(pr[0] - pl[0]) > 1e-6:
                if pr[0] < pl[0]:
                    return (f"{right} is not on the client's right of {left} for an {view} "
                            "photo: check the photo's view or the landmark labels")
                return None
        return None
    nose, ear = s.point("nose"), s.point(f"{s.near}_ear")
    if nose is not None and ear is not None and nose[0] <= ear[0]:
        return (f"the nose is not in front of the {s.near} ear for a {view} photo: "
                "check the photo's view (left-lateral / right-lateral)")
    return None


# ---------------------------------------------------------------------------------------------
# public API


def analyse(
    landmarks: LandmarkSet, height_cm: float | None = None, *,
    min_visibility: float = MIN_VISIBILITY,
) -> PostureGeometry:
    """Every measure of ``measures.yaml`` that the photo's view allows.

    Frontal measures come from anterior / posterior photos (sided ones on both sides); sagittal
    measures from left- / right-lateral photos (sided ones on the photo's side only).
    """
    if height_cm is not None and not (height_cm > 0 and math.isfinite(height_cm)):
        raise ValueError(f"client height must be a positive number of cm, got {height_cm!r}")
    scene = _Scene(landmarks, min_visibility)
    scene.cm_per_px, scene.scale_note = _scale(scene, height_cm)
    kind = "frontal" if landmarks.view in FRONTAL_VIEWS else "sagittal"
    assert landmarks.view in FRONTAL_VIEWS | SAGITTAL_VIEWS
    problem = _orientation_problem(scene)
    photo_side = "r" if landmarks.view == "right-lateral" else "l"
    results: list[MeasureResult] = []
    for mdef in measure_definitions().values():
        if mdef.view != kind:
            continue
        sides: list[str | None] = [None]
        if mdef.sided:
            sides = ["l", "r"] if kind == "frontal" else [photo_side]
        for side in sides:
            mid = f"{mdef.id}-{side}" if side else mdef.id
            out = _Out()
            if problem is not None:
                out.notes.append(problem)
            else:
                _MEASURES[mdef.id](scene, out, side)
            if scene.calibration_problem:
                out.notes.append(f"calibration ignored: {scene.calibration_problem}")
            value = None if out.value is None else round(out.value, 1) + 0.0
            results.append(MeasureResult(
                id=mid, value=value, unit=mdef.unit, view=landmarks.view,
                approximated=out.approximated if value is not None else False,
                note="; ".join(out.notes) or None,
                finding=finding_from_measure(mid, value) if value is not None else None,
            ))
    return PostureGeometry(
        view=landmarks.view, calibration=scene.calibration,
        rotation_deg=round(_deg(scene.rotation), 3) + 0.0, cm_per_px=scene.cm_per_px,
        scale_note=scene.scale_note, results=tuple(results),
    )


def compute_measures(
    landmarks: LandmarkSet, height_cm: float | None = None, *,
    min_visibility: float = MIN_VISIBILITY,
) -> list[MeasureResult]:
    """The results of :func:`analyse` as a list."""
    return list(analyse(landmarks, height_cm, min_visibility=min_visibility).results)


def case_measures(results: Iterable[MeasureResult]) -> list[dict[str, object]]:
    """The computed values as a case's ``measures[]`` entries (results without a value skipped)."""
    return [{"id": r.id, "value": r.value, "unit": r.unit} for r in results
            if r.value is not None]
