"""Joint angles from 2D landmarks of one video frame (pure functions, no numpy).

A frame is BlazePose's 33 points in index order, each ``(x, y, visibility)`` in image pixels
with y pointing DOWN (as in the image). "left" and "right" are the client's sides (mediapipe's
convention). All angles are in degrees. A point whose visibility is under ``MIN_VISIBILITY`` is
treated as missing and the measures that need it are ``None`` for that frame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tonus.core.posture.landmarks import BLAZEPOSE_NAMES

Point = tuple[float, float, float]  # x, y (pixels, y down), visibility 0..1
Frame = Sequence[Point]

MIN_VISIBILITY = 0.5
IDX: dict[str, int] = {name: i for i, name in enumerate(BLAZEPOSE_NAMES)}
SIDES = ("l", "r")
_SIDE_NAME = {"l": "left", "r": "right"}


def point(frame: Frame, name: str, min_visibility: float = MIN_VISIBILITY) -> Point | None:
    p = frame[IDX[name]]
    return p if p[2] >= min_visibility else None


def sided(frame: Frame, side: str, part: str) -> Point | None:
    return point(frame, f"{_SIDE_NAME[side]}_{part}")


def mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, min(a[2], b[2]))


def dist(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def angle_at(a: Point, b: Point, c: Point) -> float | None:
    """The angle ABC (0..180); None when a segment has no length."""
    v1 = (a[0] - b[0], a[1] - b[1])
    v2 = (c[0] - b[0], c[1] - b[1])
    n1, n2 = math.hypot(*v1), math.hypot(*v2)
    if n1 == 0 or n2 == 0:
        return None
    cos = max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / (n1 * n2)))
    return math.degrees(math.acos(cos))


def from_vertical(lower: Point, upper: Point) -> float | None:
    """Unsigned angle of the segment lower→upper from straight up (0 = upright)."""
    dx, dy = upper[0] - lower[0], lower[1] - upper[1]  # dy > 0: upper is above lower
    if dx == 0 and dy == 0:
        return None
    return abs(math.degrees(math.atan2(dx, dy)))


def flexion(a: Point | None, b: Point | None, c: Point | None) -> float | None:
    """Flexion at joint b of the chain a-b-c: 0 when straight, 90 at a right angle."""
    if a is None or b is None or c is None:
        return None
    inner = angle_at(a, b, c)
    return None if inner is None else 180.0 - inner


def left_direction(frame: Frame) -> float | None:
    """+1 when the client's left is toward image +x (seen from the front), -1 otherwise."""
    lh, rh = point(frame, "left_hip"), point(frame, "right_hip")
    ls, rs = point(frame, "left_shoulder"), point(frame, "right_shoulder")
    dx = 0.0
    if lh and rh:
        dx += lh[0] - rh[0]
    if ls and rs:
        dx += ls[0] - rs[0]
    return None if dx == 0 else math.copysign(1.0, dx)


def knee_flexion(frame: Frame, side: str) -> float | None:
    return flexion(sided(frame, side, "hip"), sided(frame, side, "knee"),
                   sided(frame, side, "ankle"))


def hip_flexion(frame: Frame, side: str) -> float | None:
    return flexion(sided(frame, side, "shoulder"), sided(frame, side, "hip"),
                   sided(frame, side, "knee"))


def arm_elevation(frame: Frame, side: str) -> float | None:
    """Angle between the trunk's midline and the upper arm (shoulder→elbow): 0 at the side, 180
    overhead, as a goniometer measures it (stationary arm parallel to the trunk's midline).
    Flexion in a side view, abduction in a front view."""
    sh, el = sided(frame, side, "shoulder"), sided(frame, side, "elbow")
    hip_mid, sh_mid = _pair_mid(frame, "hip"), _pair_mid(frame, "shoulder")
    if sh is None or el is None or hip_mid is None or sh_mid is None:
        return None
    down = (sh[0] + hip_mid[0] - sh_mid[0], sh[1] + hip_mid[1] - sh_mid[1], 1.0)
    return angle_at(down, sh, el)


def trunk_inclination(frame: Frame) -> float | None:
    """Trunk (mid-hip → mid-shoulder) from vertical, unsigned; uses one side if only one shows."""
    hip, sh = _pair_mid(frame, "hip"), _pair_mid(frame, "shoulder")
    if hip is None or sh is None:
        return None
    return from_vertical(hip, sh)


def tibia_inclination(frame: Frame, side: str) -> float | None:
    ankle, knee = sided(frame, side, "ankle"), sided(frame, side, "knee")
    if ankle is None or knee is None:
        return None
    return from_vertical(ankle, knee)


def _pair_mid(frame: Frame, part: str) -> Point | None:
    a, b = sided(frame, "l", part), sided(frame, "r", part)
    if a and b:
        return mid(a, b)
    return a or b


def medial_sign(frame: Frame, side: str) -> float | None:
    """Image x direction toward the body's midline for that side's limb."""
    left = left_direction(frame)
    if left is None:
        return None
    return -left if side == "l" else left


def knee_frontal_angle(frame: Frame, side: str) -> float | None:
    """Frontal-plane projection angle at the knee (front view): how far the knee deviates from
    the hip–ankle line, positive when the knee lies medial to it (valgus), negative lateral."""
    hip, knee, ankle = sided(frame, side, "hip"), sided(frame, side, "knee"), \
        sided(frame, side, "ankle")
    sign = medial_sign(frame, side)
    if hip is None or knee is None or ankle is None or sign is None:
        return None
    bend = flexion(hip, knee, ankle)
    if bend is None:
        return None
    # Where the hip–ankle line passes at the knee's height: the knee is medial of it or not.
    if hip[1] == ankle[1]:
        return None
    t = (knee[1] - hip[1]) / (ankle[1] - hip[1])
    line_x = hip[0] + t * (ankle[0] - hip[0])
    return bend if (knee[0] - line_x) * sign > 0 else -bend


def heel_lift(frame: Frame, side: str) -> float | None:
    """Tilt of the foot (side view): angle of toe→heel above the horizontal, degrees (a flat
    foot reads about 0-20 depending on the camera; the heel rising increases it)."""
    heel, toe = sided(frame, side, "heel"), sided(frame, side, "foot_index")
    if heel is None or toe is None:
        return None
    dx, dy = abs(heel[0] - toe[0]), toe[1] - heel[1]
    if dx == 0 and dy == 0:
        return None
    return math.degrees(math.atan2(dy, dx))


def pelvic_drop(frame: Frame, side: str) -> float | None:
    """Tilt of the line between the hips (front view), positive when that side's hip is lower."""
    this, other = sided(frame, side, "hip"), sided(frame, "r" if side == "l" else "l", "hip")
    if this is None or other is None:
        return None
    dx = abs(this[0] - other[0])
    if dx == 0:
        return None
    return math.degrees(math.atan2(this[1] - other[1], dx))


def trunk_lean(frame: Frame) -> float | None:
    """Sideways trunk lean (front view), positive toward the client's left."""
    hip, sh = _pair_mid(frame, "hip"), _pair_mid(frame, "shoulder")
    left = left_direction(frame)
    if hip is None or sh is None or left is None:
        return None
    dx, dy = (sh[0] - hip[0]) * left, hip[1] - sh[1]
    if dx == 0 and dy == 0:
        return None
    return math.degrees(math.atan2(dx, dy))


def pelvis_shift(frame: Frame) -> float | None:
    """Mid-hip offset from the mid-point of the ankles (front view), in leg lengths, positive
    toward the client's left."""
    hip, ankle = _pair_mid(frame, "hip"), _pair_mid(frame, "ankle")
    left = left_direction(frame)
    lh, la = sided(frame, "l", "hip"), sided(frame, "l", "ankle")
    if hip is None or ankle is None or left is None or lh is None or la is None:
        return None
    leg = dist(lh, la)
    return None if leg == 0 else (hip[0] - ankle[0]) * left / leg


def shoulder_height(frame: Frame, side: str) -> float | None:
    """Vertical distance from the shoulder up to the ear, in shoulder widths (front view): it
    shrinks when the shoulder girdle elevates (shrugs)."""
    sh, ear = sided(frame, side, "shoulder"), sided(frame, side, "ear")
    ls, rs = sided(frame, "l", "shoulder"), sided(frame, "r", "shoulder")
    if sh is None or ear is None or ls is None or rs is None:
        return None
    width = dist(ls, rs)
    return None if width == 0 else (sh[1] - ear[1]) / width


def frontal_ratio(frame: Frame) -> float | None:
    """Shoulder width over trunk length: about 0.6-0.9 facing the camera, under 0.3 side on.
    Uses the points even where BlazePose rates them hidden: side on, the far shoulder and hip
    ARE hidden, and their estimated places still say the body is narrow."""
    ls, rs = point(frame, "left_shoulder", 0.0), point(frame, "right_shoulder", 0.0)
    lh, rh = point(frame, "left_hip", 0.0), point(frame, "right_hip", 0.0)
    if ls is None or rs is None or lh is None or rh is None:
        return None
    trunk = dist(mid(ls, rs), mid(lh, rh))
    return None if trunk == 0 else abs(ls[0] - rs[0]) / trunk


def near_side(frames: Sequence[Frame | None]) -> str:
    """The side facing the camera in a side view: its landmarks are the more visible ones."""
    score = {"l": 0.0, "r": 0.0}
    for f in frames:
        if f is None:
            continue
        for s in SIDES:
            for part in ("shoulder", "hip", "knee", "ankle"):
                score[s] += f[IDX[f"{_SIDE_NAME[s]}_{part}"]][2]
    return "l" if score["l"] >= score["r"] else "r"


def hip_height(frame: Frame, ankle_side: str | None = None) -> float | None:
    """Height of the hips above the ankles in trunk lengths (shoulder to hip). It does not
    depend on the camera's distance or zoom, so a squat reads the same through cuts: standing
    about 1.6-1.9, a deep squat under 0.8. ``ankle_side`` picks the stance ankle."""
    hip, sh = _pair_mid(frame, "hip"), _pair_mid(frame, "shoulder")
    ankle = sided(frame, ankle_side, "ankle") if ankle_side else _pair_mid(frame, "ankle")
    if hip is None or sh is None or ankle is None:
        return None
    trunk = dist(hip, sh)
    return None if trunk == 0 else (ankle[1] - hip[1]) / trunk


def knee_separation(frame: Frame) -> float | None:
    """Distance between the knees over distance between the ankles (front view), along the
    image's x: about 1 standing, above 1 when the knees open, under 1 when they come together.
    A camera turned toward one side shifts both knees alike, so the ratio barely changes."""
    lk, rk = sided(frame, "l", "knee"), sided(frame, "r", "knee")
    la, ra = sided(frame, "l", "ankle"), sided(frame, "r", "ankle")
    if lk is None or rk is None or la is None or ra is None:
        return None
    ankles = abs(la[0] - ra[0])
    return None if ankles == 0 else abs(lk[0] - rk[0]) / ankles


def knee_medial_travel(frame: Frame, side: str) -> float | None:
    """Knee x relative to its own ankle, toward the midline, in ankle separations."""
    knee, ankle = sided(frame, side, "knee"), sided(frame, side, "ankle")
    la, ra = sided(frame, "l", "ankle"), sided(frame, "r", "ankle")
    sign = medial_sign(frame, side)
    if knee is None or ankle is None or la is None or ra is None or sign is None:
        return None
    ankles = abs(la[0] - ra[0])
    return None if ankles == 0 else (knee[0] - ankle[0]) * sign / ankles
