"""BlazePose over a movement clip: sampled frames, video-mode tracking, then the core's analysis.

The clip is decoded once (H.264 needs every frame decoded anyway) and about ``TARGET_FPS``
frames per second are kept: a squat or an arm raise lasts 1.5-3 s, so 12 samples a second put
several frames near every bottom and top, while BlazePose (the costly part) runs on fewer than
half the frames of a 30-fps clip. The kept frames go, in order, through one
``mediapipe.solutions.pose.Pose(static_image_mode=False, model_complexity=1)``: video mode, so
the person found in one frame is tracked into the next (steadier landmarks, and detection only
when tracking is lost). Only the model shipped in the mediapipe wheel is used.

Several people: the photo pipeline's person detector (tonus.vision.pose) checks a few frames
spread over the clip; a second confident person in any of them refuses the clip.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tonus.core.movement.analysis import MovementAnalysis, MovementProblem, View, analyse
from tonus.core.movement.geometry import Frame

TARGET_FPS = 12.0
PEOPLE_CHECKS = 4  # frames checked for a second person
ANALYSIS_LONG_SIDE = 1280  # frames are analysed at most this large (uploads already are)


@dataclass(frozen=True)
class ClipLandmarks:
    """BlazePose per sampled frame, in pixels, plus what the analysis needs to be redrawn."""

    frames: list[Frame | None]
    yaw: list[float | None]  # degrees the client is turned from the camera (3D landmarks)
    times: list[float]
    indices: list[int]
    fps: float
    width: int
    height: int


def iter_sampled(source: bytes | Path, *, target_fps: float = TARGET_FPS,
                 first_frame: int = 0, last_frame: int | None = None,
                 long_side: int = ANALYSIS_LONG_SIDE) -> Iterator[tuple[int, float, Any]]:
    """(frame number, time, RGB array) of every k-th decoded frame, k from the clip's rate."""
    import av

    src = av.open(io.BytesIO(source) if isinstance(source, bytes) else str(source), mode="r")
    try:
        stream = src.streams.video[0]
        stream.thread_type = "AUTO"
        rate = float(stream.average_rate or stream.guessed_rate or 30)
        step = max(1, round(rate / target_fps))
        w, h = stream.codec_context.width, stream.codec_context.height
        scale = min(1.0, long_side / max(w, h))
        ow, oh = int(w * scale) // 2 * 2, int(h * scale) // 2 * 2
        for i, frame in enumerate(src.decode(stream)):
            if last_frame is not None and i > last_frame:
                break
            if i < first_frame or (i - first_frame) % step:
                continue
            yield i, i / rate, frame.to_ndarray(format="rgb24", width=ow, height=oh)
    finally:
        src.close()


def clip_rate(source: bytes | Path) -> float:
    import av

    with av.open(io.BytesIO(source) if isinstance(source, bytes) else str(source)) as src:
        stream = src.streams.video[0]
        return float(stream.average_rate or stream.guessed_rate or 30)


def track_landmarks(source: bytes | Path, *, target_fps: float = TARGET_FPS,
                    first_frame: int = 0, last_frame: int | None = None,
                    check_people: bool = True) -> ClipLandmarks:
    """BlazePose in video mode over the sampled frames; raise MovementProblem for several
    people or an unreadable clip."""
    from mediapipe.python.solutions import pose as mp_pose

    frames: list[Frame | None] = []
    yaw: list[float | None] = []
    times: list[float] = []
    indices: list[int] = []
    kept: list[tuple[int, Any]] = []  # (position, rgb) candidates for the several-people check
    width = height = 0
    try:
        with mp_pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True,
                          min_detection_confidence=0.5, min_tracking_confidence=0.5) as pose:
            for number, t, rgb in iter_sampled(source, target_fps=target_fps,
                                               first_frame=first_frame, last_frame=last_frame):
                height, width = rgb.shape[:2]
                result = pose.process(rgb)
                lms = result.pose_landmarks
                yaw.append(_yaw(result.pose_world_landmarks))
                if lms is None:
                    frames.append(None)
                else:
                    frames.append([(p.x * width, p.y * height, p.visibility)
                                   for p in lms.landmark])
                    kept.append((len(frames) - 1, rgb))
                    if len(kept) > 4 * PEOPLE_CHECKS:  # keep memory small: thin the pool
                        kept = kept[::2]
                times.append(round(t, 4))
                indices.append(number)
    except Exception as exc:  # av errors on a damaged stored clip
        if exc.__class__.__module__.startswith("av"):
            raise MovementProblem("The stored clip could not be decoded; upload it again",
                                  kind="unreadable") from None
        raise
    if check_people and kept:
        _check_single_person(kept, frames, width, height)
    return ClipLandmarks(frames, yaw, times, indices, clip_rate(source), width, height)


def _yaw(world: Any) -> float | None:
    """How far the shoulders and hips are turned from facing the camera (0-90°), from
    BlazePose's metric 3D landmarks (x right, z toward the camera's depth)."""
    if world is None:
        return None
    lm = world.landmark
    dx = (lm[11].x - lm[12].x) + (lm[23].x - lm[24].x)
    dz = (lm[11].z - lm[12].z) + (lm[23].z - lm[24].z)
    if dx == 0 and dz == 0:
        return None
    return round(math.degrees(math.atan2(abs(dz), abs(dx))), 1)


def _check_single_person(kept: list[tuple[int, Any]], frames: list[Frame | None],
                         width: int, height: int) -> None:
    from tonus.vision import pose as photo_pose

    picks = [kept[round(k * (len(kept) - 1) / max(1, PEOPLE_CHECKS - 1))]
             for k in range(min(PEOPLE_CHECKS, len(kept)))]
    with photo_pose._DETECTOR_LOCK:
        photo_pose._get_detector()
    seen = 0
    for position, rgb in picks:
        found = frames[position]
        assert found is not None
        points = [(x / width, y / height, 0.0, v) for x, y, v in found]
        people = [b for b in photo_pose._detected_people(rgb) if _inside_share(b) >= 0.7]
        seen += photo_pose._another_person(rgb, points, people)
    # A second person in one checked frame may be a passer-by or a shape at the edge that the
    # detector mistakes for one; in two or more, someone else is in the clip.
    if seen >= min(2, len(picks)):
        raise MovementProblem(
            "Several people are visible in the clip; film the client alone (ask anyone "
            "else to step out of the frame)", kind="several-people")


def _inside_share(box: tuple[float, float, float, float]) -> float:
    """Share of a detected body box inside the image (detections at the edge run past it)."""
    x0, y0, x1, y1 = box
    area = max(1e-9, (x1 - x0) * (y1 - y0))
    inside = max(0.0, min(1.0, x1) - max(0.0, x0)) * max(0.0, min(1.0, y1) - max(0.0, y0))
    return inside / area


def analyse_clip(source: bytes | Path, *, screen: str, view: View,
                 stance_side: str | None = None, first_frame: int = 0,
                 last_frame: int | None = None,
                 target_fps: float = TARGET_FPS) -> tuple[MovementAnalysis, ClipLandmarks]:
    """Landmarks of the clip, then the core's analysis of the screen."""
    clip = track_landmarks(source, target_fps=target_fps, first_frame=first_frame,
                           last_frame=last_frame)
    result = analyse(screen, view, clip.frames, clip.times, stance_side=stance_side,
                     yaw=clip.yaw)
    return result, clip
