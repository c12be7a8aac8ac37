"""BlazePose landmark detection on a posture photo (mediapipe's legacy ``solutions.pose``).

Only the model shipped inside the mediapipe wheel is used (``model_complexity=1``, "full"):
nothing is downloaded at run time. One ``Pose`` object is created on first use and shared;
a lock serialises calls to it (mediapipe graphs are not re-entrant).

Posture photos must show exactly one person, whole, head to feet. The legacy solution only ever
returns one person, so after a detection that person's box (plus a margin) is blanked out on a
reduced copy of the photo and detection runs again: a second confident person means several
people are present. Problems raise :class:`PoseProblem` with a message for the therapist.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from tonus.core.posture.landmarks import LandmarkSet, View, from_blazepose

Point = tuple[float, float, float, float]  # normalized x, y, z and visibility, as mediapipe
ProblemKind = Literal["unreadable", "no-person", "several-people", "cropped"]

MIN_VISIBILITY = 0.5
# A landmark counts as inside the frame up to this fraction of the image size beyond the edge.
FRAME_TOLERANCE = 0.01
# Margin around the first person's landmark box when blanking it, as a fraction of its size.
BLANK_MARGIN = 0.12
# The second pass runs on a copy reduced to about this long side (BlazePose's detector works
# on 224×224 anyway), which keeps it cheap.
SECOND_PASS_LONG_SIDE = 480

_HEAD = (0, 2, 5, 7, 8)  # nose, eyes, ears
_HEAD_ANCHORS = (0, 7, 8)  # at least one seen: nose (front/side) or an ear (back/side)
_FEET = (27, 28, 29, 30, 31, 32)  # ankles, heels, foot tips
_FEET_ANCHORS = (27, 28)
_TRUNK = (11, 12, 23, 24, 25, 26)  # shoulders, hips, knees: a confident second person

_LOCK = threading.Lock()
_POSE: Any = None  # mediapipe.solutions.pose.Pose, created on first use


class PoseProblem(ValueError):  # noqa: N818 - reads as what is wrong with the photo
    """The photo cannot be used for landmark detection; ``str(exc)`` is for the therapist."""

    def __init__(self, message: str, *, kind: ProblemKind) -> None:
        super().__init__(message)
        self.kind: ProblemKind = kind


@dataclass(frozen=True, slots=True)
class PoseDetection:
    """The 33 BlazePose landmarks of the one person in the photo, in image pixels."""

    landmarks: LandmarkSet  # the core's type: names, pixel x/y, visibility
    width: int
    height: int
    view: View


def detect_landmarks(
    image: bytes | npt.NDArray[np.uint8],
    *,
    view: View,
    require_full_body: bool = True,
    require_single_person: bool = True,
) -> PoseDetection:
    """Detect the person's 33 landmarks in a photo (encoded bytes or an RGB ``uint8`` array).

    ``require_full_body`` and ``require_single_person`` are on for posture photos; evaluation
    on cropped pictures of crowds turns them off.
    """
    rgb = _as_rgb(image)
    height, width = rgb.shape[:2]
    with _LOCK:
        pose = _get_pose()
        points = _process(pose, rgb)
        if points is None:
            raise PoseProblem(
                "No person was found in the photo. Check that the client is fully in the frame, "
                "well lit, against a plain background", kind="no-person")
        if require_full_body:
            _check_whole_body(points)
        if require_single_person and _another_person(pose, rgb, points):
            raise PoseProblem(
                "Several people are visible in the photo; a posture photo must show only the "
                "client (ask anyone else to step out of the frame)", kind="several-people")
    return PoseDetection(landmarks=from_blazepose(points, width, height, view),
                         width=width, height=height, view=view)


def _get_pose() -> Any:
    global _POSE
    if _POSE is None:
        from mediapipe.python.solutions import pose as mp_pose  # type: ignore[import-untyped]

        _POSE = mp_pose.Pose(static_image_mode=True, model_complexity=1)
    return _POSE


def _process(pose: Any, rgb: npt.NDArray[np.uint8]) -> list[Point] | None:
    result = pose.process(rgb)
    if result.pose_landmarks is None:
        return None
    return [(lm.x, lm.y, lm.z, lm.visibility) for lm in result.pose_landmarks.landmark]


def _as_rgb(image: bytes | npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    if isinstance(image, (bytes, bytearray, memoryview)):
        try:
            with Image.open(io.BytesIO(image), formats=["JPEG", "PNG", "WEBP"]) as im:
                upright = ImageOps.exif_transpose(im)
                rgb = upright if upright.mode == "RGB" else upright.convert("RGB")
                return np.asarray(rgb)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise PoseProblem(f"The photo could not be read ({exc})", kind="unreadable") from None
    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3:
        raise TypeError(f"expected an RGB uint8 array (H, W, 3), got {array.dtype} {array.shape}")
    return np.ascontiguousarray(array)


def _inside(p: Point) -> bool:
    lo, hi = -FRAME_TOLERANCE, 1.0 + FRAME_TOLERANCE
    return lo <= p[0] <= hi and lo <= p[1] <= hi


def _check_whole_body(points: Sequence[Point]) -> None:
    head_ok = all(_inside(points[i]) for i in _HEAD) and \
        max(points[i][3] for i in _HEAD_ANCHORS) >= MIN_VISIBILITY
    feet_ok = all(_inside(points[i]) for i in _FEET) and \
        max(points[i][3] for i in _FEET_ANCHORS) >= MIN_VISIBILITY
    if head_ok and feet_ok:
        return
    missing = "the head and the feet are" if not (head_ok or feet_ok) else \
        "the head is" if not head_ok else "the feet are"
    raise PoseProblem(
        f"The photo does not show the whole body: {missing} cut off or hidden. A posture photo "
        "must show the client from head to feet", kind="cropped")


def _box(points: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _another_person(pose: Any, rgb: npt.NDArray[np.uint8], first: Sequence[Point]) -> bool:
    """Blank the first person out (on a reduced copy) and look for a confident second one."""
    height, width = rgb.shape[:2]
    step = max(1, max(height, width) // SECOND_PASS_LONG_SIDE)
    small = rgb[::step, ::step].copy()  # one small contiguous copy; the photo is untouched
    sh, sw = small.shape[:2]
    x0, y0, x1, y1 = _box(first)
    margin = BLANK_MARGIN * max((x1 - x0) * width, (y1 - y0) * height)  # pixels
    mx, my = margin / width, margin / height
    bx0, by0 = max(0.0, x0 - mx), max(0.0, y0 - my)
    bx1, by1 = min(1.0, x1 + mx), min(1.0, y1 + my)
    if bx1 <= bx0 or by1 <= by0:
        return False
    fill = small.reshape(-1, 3).mean(axis=0).astype(np.uint8)
    small[int(by0 * sh):int(np.ceil(by1 * sh)), int(bx0 * sw):int(np.ceil(bx1 * sw))] = fill
    second = _process(pose, small)
    if second is None:
        return False
    if min(second[i][3] for i in _TRUNK[:4]) < MIN_VISIBILITY:
        return False  # a weak guess on what is left of the photo, not a person
    sx0, sy0, sx1, sy1 = _box(second)
    area = max(1e-9, (sx1 - sx0) * (sy1 - sy0))
    overlap_w = max(0.0, min(sx1, bx1) - max(sx0, bx0))
    overlap_h = max(0.0, min(sy1, by1) - max(sy0, by0))
    return overlap_w * overlap_h / area < 0.5  # mostly outside the blanked first person
