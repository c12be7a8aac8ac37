"""Landmarks on one posture photo: BlazePose's 33 points plus the therapist-only ones.

Coordinates are image pixels with the origin at the top-left corner, x to the right and y
downward (as in the image file). Landmark names follow mediapipe's ``PoseLandmark`` enum in
snake_case; "left" and "right" are always the CLIENT's left and right (mediapipe's convention),
never the image's.

Sets are immutable: moving or placing a landmark returns a new set, and the moved landmark's
``source`` becomes ``"therapist"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

View = Literal["anterior", "posterior", "left-lateral", "right-lateral"]
Source = Literal["model", "therapist"]

FRONTAL_VIEWS: frozenset[str] = frozenset({"anterior", "posterior"})
SAGITTAL_VIEWS: frozenset[str] = frozenset({"left-lateral", "right-lateral"})

# mediapipe BlazePose (pose_landmarker / solutions.pose), index order 0..32.
BLAZEPOSE_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye_inner", "left_eye", "left_eye_outer",
    "right_eye_inner", "right_eye", "right_eye_outer",
    "left_ear", "right_ear",
    "mouth_left", "mouth_right",
    "left_shoulder", "right_shoulder",
    "left_elbow", "right_elbow",
    "left_wrist", "right_wrist",
    "left_pinky", "right_pinky",
    "left_index", "right_index",
    "left_thumb", "right_thumb",
    "left_hip", "right_hip",
    "left_knee", "right_knee",
    "left_ankle", "right_ankle",
    "left_heel", "right_heel",
    "left_foot_index", "right_foot_index",
)

# Anatomical landmarks BlazePose does not detect; only the therapist places them.
# lateral_malleolus, greater_trochanter and lateral_knee are unsided: they belong to a side view
# and are on the side the photo shows.
THERAPIST_ANATOMICAL: tuple[str, ...] = (
    "c7",
    "left_tragus", "right_tragus",
    "left_asis", "right_asis",
    "left_psis", "right_psis",
    "lateral_malleolus",
    "greater_trochanter",
    "lateral_knee",
)

# Calibration marks: two points on a plumb line (top = the higher end) or on a level
# (level_left / level_right = the end on the IMAGE's left / right).
CALIBRATION_NAMES: tuple[str, ...] = ("plumb_top", "plumb_bottom", "level_left", "level_right")

THERAPIST_NAMES: tuple[str, ...] = THERAPIST_ANATOMICAL + CALIBRATION_NAMES
LANDMARK_NAMES: frozenset[str] = frozenset(BLAZEPOSE_NAMES + THERAPIST_NAMES)


class Landmark(BaseModel):
    """One point on the photo, in image pixels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    x: float
    y: float
    visibility: float = Field(default=1.0, ge=0.0, le=1.0)
    source: Source = "model"

    @field_validator("name")
    @classmethod
    def _known_name(cls, v: str) -> str:
        if v not in LANDMARK_NAMES:
            raise ValueError(f"unknown landmark {v!r}")
        return v

    @field_validator("x", "y")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("coordinates must be finite")
        return v


class LandmarkSet(BaseModel):
    """The landmarks of one photo, keyed by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: View
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    landmarks: dict[str, Landmark] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _keys_match_names(self) -> LandmarkSet:
        for key, lm in self.landmarks.items():
            if key != lm.name:
                raise ValueError(f"landmark stored under {key!r} is named {lm.name!r}")
        return self

    def get(self, name: str) -> Landmark | None:
        return self.landmarks.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.landmarks

    def move(self, name: str, x: float, y: float) -> LandmarkSet:
        """A new set with ``name`` at (x, y), placed by the therapist (visibility 1).

        Works both for correcting a model landmark and for placing a therapist-only one.
        """
        moved = Landmark(name=name, x=x, y=y, visibility=1.0, source="therapist")
        return self.model_copy(update={"landmarks": {**self.landmarks, name: moved}})

    def remove(self, name: str) -> LandmarkSet:
        """A new set without ``name`` (no error if it was absent)."""
        rest = {k: v for k, v in self.landmarks.items() if k != name}
        return self.model_copy(update={"landmarks": rest})


def from_blazepose(
    points: Sequence[tuple[float, float, float, float]], width: int, height: int, view: View,
) -> LandmarkSet:
    """A set built from mediapipe's 33 normalized landmarks ``(x, y, z, visibility)``.

    x and y are fractions of the image width and height (mediapipe may return values slightly
    outside 0..1 for points beyond the frame; they are kept). z is ignored. Visibility is
    clamped to 0..1.
    """
    if len(points) != len(BLAZEPOSE_NAMES):
        raise ValueError(f"BlazePose gives {len(BLAZEPOSE_NAMES)} landmarks, got {len(points)}")
    out: dict[str, Landmark] = {}
    for name, (x, y, _z, vis) in zip(BLAZEPOSE_NAMES, points, strict=True):
        out[name] = Landmark(
            name=name, x=x * width, y=y * height,
            visibility=min(1.0, max(0.0, vis)), source="model",
        )
    return LandmarkSet(view=view, width=width, height=height, landmarks=out)
