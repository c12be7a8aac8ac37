"""Synthetic BlazePose frames for the movement tests: a standing body and key poses, blended.

Coordinates are image pixels (y down). Front views face the camera: the client's LEFT side is on
the image's right (larger x). Side views face the image's right, right side toward the camera
(the left side's points are rated hidden, as BlazePose does).
"""

from __future__ import annotations

import math

from tonus.core.movement.geometry import Frame, Point
from tonus.core.posture.landmarks import BLAZEPOSE_NAMES

XY = dict[str, tuple[float, float]]

FRONT_STANDING: XY = {
    "nose": (500, 235), "left_ear": (520, 220), "right_ear": (480, 220),
    "left_shoulder": (560, 300), "right_shoulder": (440, 300),
    "left_elbow": (575, 420), "right_elbow": (425, 420),
    "left_wrist": (580, 520), "right_wrist": (420, 520),
    "left_hip": (540, 500), "right_hip": (460, 500),
    "left_knee": (545, 700), "right_knee": (455, 700),
    "left_ankle": (550, 900), "right_ankle": (450, 900),
    "left_heel": (550, 915), "right_heel": (450, 915),
    "left_foot_index": (555, 940), "right_foot_index": (445, 940),
}

SIDE_STANDING: XY = {
    "nose": (540, 235), "left_ear": (505, 225), "right_ear": (505, 225),
    "left_shoulder": (500, 300), "right_shoulder": (500, 300),
    "left_elbow": (500, 160), "right_elbow": (500, 160),  # arms overhead
    "left_wrist": (500, 40), "right_wrist": (500, 40),
    "left_hip": (500, 500), "right_hip": (500, 500),
    "left_knee": (505, 700), "right_knee": (505, 700),
    "left_ankle": (500, 900), "right_ankle": (500, 900),
    "left_heel": (480, 915), "right_heel": (480, 915),
    "left_foot_index": (560, 930), "right_foot_index": (560, 930),
}


def pose(base: XY, **moved: tuple[float, float]) -> XY:
    out = dict(base)
    out.update(moved)
    return out


def frame(xy: XY, *, hidden_side: str | None = None) -> Frame:
    """All 33 points: the given ones visible (those of ``hidden_side`` rated 0.2), any other
    placed at the nose and rated hidden."""
    points: list[Point] = []
    nose = xy["nose"]
    for name in BLAZEPOSE_NAMES:
        if name in xy:
            hidden = hidden_side is not None and name.startswith(f"{hidden_side}_")
            points.append((xy[name][0], xy[name][1], 0.2 if hidden else 0.99))
        else:
            points.append((nose[0], nose[1], 0.1))
    return points


def blend(a: XY, b: XY, t: float) -> XY:
    return {k: (a[k][0] + (b[k][0] - a[k][0]) * t, a[k][1] + (b[k][1] - a[k][1]) * t)
            for k in a}


def sequence(standing: XY, bottom: XY | list[XY], reps: int, *, fps: float = 12.0,
             rep_s: float = 2.0, rest_s: float = 1.0, hold: int = 3,
             hidden_side: str | None = None) -> tuple[list[Frame], list[float]]:
    """Stand, then ``reps`` smooth excursions to ``bottom`` (one pose, or one per repetition),
    held ``hold`` frames at the bottom (so smoothing leaves the middle one exact), with rests
    between; return frames and times."""
    bottoms = bottom if isinstance(bottom, list) else [bottom] * reps
    xys: list[XY] = [standing] * int(rest_s * fps)
    for n in range(reps):
        steps = int(rep_s * fps)
        for i in range(steps + 1):
            t = math.sin(math.pi * i / steps) ** 2
            xys.append(blend(standing, bottoms[n], t))
            if i == steps // 2:
                xys.extend([bottoms[n]] * hold)
        xys.extend([standing] * int(rest_s * fps))
    frames = [frame(x, hidden_side=hidden_side) for x in xys]
    return frames, [round(i / fps, 4) for i in range(len(frames))]


# Key poses (worked by hand in the tests' comments).
FRONT_SQUAT_GOOD = pose(  # knees over the feet, opening a little
    FRONT_STANDING, left_shoulder=(560, 480), right_shoulder=(440, 480),
    left_ear=(520, 400), right_ear=(480, 400), nose=(500, 415),
    left_elbow=(575, 600), right_elbow=(425, 600), left_wrist=(580, 700),
    right_wrist=(420, 700), left_hip=(540, 680), right_hip=(460, 680),
    left_knee=(590, 700), right_knee=(410, 700))
FRONT_SQUAT_LEFT_KNEE_IN = pose(FRONT_SQUAT_GOOD, left_knee=(505, 700), right_knee=(430, 700))
FRONT_SQUAT_BOTH_KNEES_IN = pose(FRONT_SQUAT_GOOD, left_knee=(530, 700), right_knee=(470, 700))

SIDE_SQUAT_GOOD = {  # trunk 24° forward, shins 41°: trunk not past the shins
    **SIDE_STANDING,
    **{f"{s}_{k}": v for s in ("left", "right") for k, v in {
        "hip": (420, 700), "knee": (620, 760), "ankle": (500, 900), "shoulder": (500, 520),
        "elbow": (560, 385), "wrist": (620, 250), "heel": (480, 915),
        "foot_index": (560, 930), "ear": (520, 450)}.items()},
    "nose": (550, 455),
}
SIDE_SQUAT_LEAN = pose(SIDE_SQUAT_GOOD, right_shoulder=(610, 590), left_shoulder=(610, 590),
                       right_elbow=(724, 524), left_elbow=(724, 524))
SIDE_SQUAT_HEELS_UP = pose(SIDE_SQUAT_GOOD, right_heel=(480, 880), left_heel=(480, 880))
SIDE_SQUAT_ARMS_FORWARD = pose(SIDE_SQUAT_GOOD, right_elbow=(620, 470),
                               left_elbow=(620, 470))


def deepest_index(n: int, *, fps: float = 12.0, rep_s: float = 2.0, rest_s: float = 1.0,
                  hold: int = 3) -> int:
    """Index of the first bottom frame whose smoothed value is exact (its neighbours are the
    bottom too), for repetition ``n`` (0-based) in ``sequence``."""
    rest, steps = int(rest_s * fps), int(rep_s * fps)
    per = steps + 1 + hold + rest
    return rest + n * per + steps // 2 + 1
