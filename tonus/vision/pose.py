"""BlazePose landmark detection on a posture photo (mediapipe's legacy ``solutions.pose``).

Only the model shipped inside the mediapipe wheel is used (``model_complexity=1``, "full"):
nothing is downloaded at run time. One ``Pose`` object is created on first use and shared;
a lock serialises calls to it (mediapipe graphs are not re-entrant).

Posture photos must show exactly one person, whole, head to feet. The legacy solution only ever
returns one person, so a second check looks for others: on a reduced copy of the photo, a graph
holding only BlazePose's person detector (mediapipe's ``PoseDetectionCpu`` subgraph, the same
detector ``Pose`` runs first) finds the most confident person, blanks that person's box (plus a
margin) and detects again. That check runs on a worker thread, with its own graph and lock, while
``Pose`` finds the landmarks, so it adds little to the time of a photo. A confident person found
by either detector pass whose body box and the landmark box of the person ``Pose`` found (plus
the same margin) barely overlap means several people are present. Problems raise
:class:`PoseProblem` with a message for the therapist.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
# The several-people check runs on a copy reduced to about this long side (BlazePose's detector
# works on 224×224 anyway), which keeps it cheap.
SECOND_PASS_LONG_SIDE = 480
# Person detector score from which a detection counts as a person for the several-people check.
# Calibrated against the former check (blank, then the whole ``Pose`` again) on the shared
# photos and side-by-side composites of them: it finds at least the people that one found.
OTHER_PERSON_SCORE = 0.4
# After blanking, a little more: the blanked rectangle itself draws weak person-like detections.
OTHER_PERSON_SCORE_BLANKED = 0.45
# A detection gives the person's hip centre and the radius of a circle around the whole body;
# its body box is the circle's height and this fraction of the radius either side of the hip
# centre: narrow when blanking, so that a neighbour is not hidden (leftovers of the blanked person
# are told apart by their overlap with the landmark box), a little wider to compare with it.
BLANK_HALF_WIDTH = 0.3
BODY_HALF_WIDTH = 0.45

_HEAD = (0, 2, 5, 7, 8)  # nose, eyes, ears
_HEAD_ANCHORS = (0, 7, 8)  # at least one seen: nose (front/side) or an ear (back/side)
_FEET = (27, 28, 29, 30, 31, 32)  # ankles, heels, foot tips
_FEET_ANCHORS = (27, 28)
_TRUNK = (11, 12, 23, 24, 25, 26)  # shoulders, hips, knees: a confident second person

Box = tuple[float, float, float, float]  # normalized x0, y0, x1, y1

_LOCK = threading.Lock()
_POSE: Any = None  # mediapipe.solutions.pose.Pose, created on first use
_DETECTOR_LOCK = threading.Lock()
_DETECTOR: Any = None  # a mediapipe graph holding only the person detector, created on first use
_CHECKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tonus-several-people")


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
    # The several-people check's detector passes run beside Pose on the other core. Both graphs
    # are made here, on the caller's thread, so that mediapipe is never first imported twice at
    # once.
    if _POSE is None or _DETECTOR is None:
        with _LOCK:
            _get_pose()
        with _DETECTOR_LOCK:
            _get_detector()
    others: Future[list[Box]] | None = \
        _CHECKER.submit(_detected_people, rgb) if require_single_person else None
    try:
        with _LOCK:
            points = _process(_get_pose(), rgb)
    finally:
        people = others.result() if others is not None else []
    if points is None:
        raise PoseProblem(
            "No person was found in the photo. Check that the client is fully in the frame, "
            "well lit, against a plain background", kind="no-person")
    if require_full_body:
        _check_whole_body(points)
    if require_single_person and _another_person(rgb, points, people):
        raise PoseProblem(
            "Several people are visible in the photo; a posture photo must show only the "
            "client (ask anyone else to step out of the frame)", kind="several-people")
    return PoseDetection(landmarks=from_blazepose(points, width, height, view),
                         width=width, height=height, view=view)


def _get_pose() -> Any:
    global _POSE
    if _POSE is None:
        from mediapipe.python.solutions import pose as mp_pose

        _POSE = mp_pose.Pose(static_image_mode=True, model_complexity=1)
    return _POSE


def _get_detector() -> Any:
    global _DETECTOR
    if _DETECTOR is None:
        from mediapipe.python import solution_base

        calculator_pb2 = solution_base.calculator_pb2  # imported there in an order that works

        config = calculator_pb2.CalculatorGraphConfig(
            input_stream=["image"], output_stream=["detections"],
            node=[calculator_pb2.CalculatorGraphConfig.Node(
                calculator="PoseDetectionCpu", input_stream=["IMAGE:image"],
                output_stream=["DETECTIONS:detections"])])
        _DETECTOR = solution_base.SolutionBase(
            graph_config=config, outputs=["detections"],
            calculator_params={"posedetectioncpu__TensorsToDetectionsCalculator.min_score_thresh":
                               OTHER_PERSON_SCORE})
    return _DETECTOR


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


def _margin_box(box: Box, width: float, height: float) -> Box:
    """``box`` plus ``BLANK_MARGIN`` of its larger side (in pixels of a width × height image)."""
    x0, y0, x1, y1 = box
    margin = BLANK_MARGIN * max((x1 - x0) * width, (y1 - y0) * height)
    mx, my = margin / width, margin / height
    return max(0.0, x0 - mx), max(0.0, y0 - my), min(1.0, x1 + mx), min(1.0, y1 + my)


def _body_box(detection: Any, width: int, height: int, half_width: float) -> Box:
    """A person detection's body box: the hip centre ± the body circle's radius (tall) and
    ± ``half_width`` times it (wide); the keypoints are normalized to a width × height image."""
    hip, top = detection.location_data.relative_keypoints[:2]
    radius = float(np.hypot((top.x - hip.x) * width, (top.y - hip.y) * height))
    rx, ry = half_width * radius / width, radius / height
    return hip.x - rx, hip.y - ry, hip.x + rx, hip.y + ry


def _detected_people(rgb: npt.NDArray[np.uint8]) -> list[Box]:
    """Body boxes of the confident people found by the person detector on a reduced copy of
    the photo, once as it is and once with the most confident person blanked out."""
    height, width = rgb.shape[:2]
    step = max(1, max(height, width) // SECOND_PASS_LONG_SIDE)
    small = rgb[::step, ::step].copy()  # one small contiguous copy; the photo is untouched
    sh, sw = small.shape[:2]
    with _DETECTOR_LOCK:
        detector = _get_detector()
        first = list(detector.process(small).detections or [])
        if not first:
            return []
        best = max(first, key=lambda d: d.score[0])
        bx0, by0, bx1, by1 = _margin_box(_body_box(best, sw, sh, BLANK_HALF_WIDTH), sw, sh)
        fill = small.reshape(-1, 3).mean(axis=0).astype(np.uint8)
        small[int(by0 * sh):int(np.ceil(by1 * sh)), int(bx0 * sw):int(np.ceil(bx1 * sw))] = fill
        second = list(detector.process(small).detections or [])
    return [_body_box(d, sw, sh, BODY_HALF_WIDTH) for d in first] + \
        [_body_box(d, sw, sh, BODY_HALF_WIDTH) for d in second
         if d.score[0] >= OTHER_PERSON_SCORE_BLANKED]


def _another_person(rgb: npt.NDArray[np.uint8], first: Sequence[Point],
                    people: Sequence[Box]) -> bool:
    """Whether a detected person is not the one Pose found: their body box and the landmark box
    (plus margin) overlap by less than half of the smaller one (a box mostly inside the other,
    such as a leftover of the blanked person or a loose box around them, is that person)."""
    height, width = rgb.shape[:2]
    bx0, by0, bx1, by1 = _margin_box(_box(first), width, height)
    first_area = (bx1 - bx0) * (by1 - by0)
    for sx0, sy0, sx1, sy1 in people:
        area = max(1e-9, min(first_area, (sx1 - sx0) * (sy1 - sy0)))
        overlap_w = max(0.0, min(sx1, bx1) - max(sx0, bx0))
        overlap_h = max(0.0, min(sy1, by1) - max(sy0, by0))
        if overlap_w * overlap_h / area < 0.5:
            return True
    return False
