"""Joint angles on hand-built frames; expected values worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from tests.core.movement.skeleton import (
    FRONT_SQUAT_BOTH_KNEES_IN,
    FRONT_STANDING,
    SIDE_SQUAT_GOOD,
    SIDE_STANDING,
    frame,
    pose,
)
from tonus.core.movement import geometry as g


def test_angle_and_flexion_of_a_right_angle() -> None:
    assert g.angle_at((0, 0, 1), (0, 100, 1), (100, 100, 1)) == pytest.approx(90)
    assert g.flexion((0, 0, 1), (0, 100, 1), (0, 200, 1)) == pytest.approx(0)
    assert g.flexion((0, 0, 1), (0, 100, 1), (100, 100, 1)) == pytest.approx(90)


def test_from_vertical() -> None:
    assert g.from_vertical((0, 0, 1), (100, -100, 1)) == pytest.approx(45)
    assert g.from_vertical((0, 0, 1), (0, -50, 1)) == pytest.approx(0)


def test_hidden_points_give_no_measure() -> None:
    f = frame(FRONT_STANDING, hidden_side="left")
    assert g.knee_flexion(f, "l") is None
    # right hip (460,500), knee (455,700), ankle (450,900): one straight line
    assert g.knee_flexion(f, "r") == pytest.approx(0, abs=1e-4)


def test_front_standing_measures() -> None:
    f = frame(FRONT_STANDING)
    # shoulders 120 px apart, trunk 200 px long
    assert g.frontal_ratio(f) == pytest.approx(0.6)
    # hips 400 px above the ankles, trunk 200 px
    assert g.hip_height(f) == pytest.approx(2.0)
    # left arm: shoulder (560,300) to elbow (575,420), trunk midline straight down
    assert g.arm_elevation(f, "l") == pytest.approx(math.degrees(math.atan2(15, 120)))
    # ear 80 px above the shoulder, shoulders 120 px apart
    assert g.shoulder_height(f, "l") == pytest.approx(80 / 120)
    assert g.knee_separation(f) == pytest.approx(90 / 100)
    assert g.left_direction(f) == 1.0
    assert g.trunk_lean(f) == pytest.approx(0)


def test_knees_together_and_pelvic_drop() -> None:
    f = frame(FRONT_SQUAT_BOTH_KNEES_IN)
    assert g.knee_separation(f) == pytest.approx(60 / 100)
    # the left knee is 20 px toward the midline from its ankle: 0.2 ankle widths
    assert g.knee_medial_travel(f, "l") == pytest.approx(0.2)
    dropped = frame(pose(FRONT_STANDING, left_hip=(540, 520)))
    # left hip 20 px lower over 80 px: atan(0.25)
    assert g.pelvic_drop(dropped, "l") == pytest.approx(math.degrees(math.atan(0.25)))
    assert g.pelvic_drop(dropped, "r") == pytest.approx(-math.degrees(math.atan(0.25)))


def test_frontal_knee_angle_is_signed_medial() -> None:
    # Stance knee at (505,760) between hip (540,650) and ankle (550,900): the hip-ankle line
    # passes x=544.4 at the knee's height, the knee is 39 px medial; inner angle 144.6°.
    valgus = frame(pose(FRONT_STANDING, left_hip=(540, 650), left_knee=(505, 760)))
    inner = math.degrees(math.acos((35 * 45 + (-110) * 140) /
                                   (math.hypot(35, 110) * math.hypot(45, 140))))
    assert g.knee_frontal_angle(valgus, "l") == pytest.approx(180 - inner)
    varus = frame(pose(FRONT_STANDING, left_hip=(540, 650), left_knee=(575, 760)))
    assert g.knee_frontal_angle(varus, "l") < 0


def test_side_squat_angles() -> None:
    f = frame(SIDE_SQUAT_GOOD, hidden_side="left")
    # hip (420,700) knee (620,760) ankle (500,900)
    inner_knee = math.degrees(math.acos(((-200) * (-120) + (-60) * 140) /
                                        (math.hypot(200, 60) * math.hypot(120, 140))))
    assert g.knee_flexion(f, "r") == pytest.approx(180 - inner_knee)
    assert g.trunk_inclination(f) == pytest.approx(math.degrees(math.atan2(80, 180)))
    assert g.tibia_inclination(f, "r") == pytest.approx(math.degrees(math.atan2(120, 140)))
    assert g.arm_elevation(f, "r") == pytest.approx(180)  # the arm continues the trunk line
    assert g.frontal_ratio(f) == pytest.approx(0)
    assert g.near_side([f]) == "r"


def test_heel_lift() -> None:
    flat = frame(SIDE_STANDING)
    assert g.heel_lift(flat, "r") == pytest.approx(math.degrees(math.atan2(15, 80)))
    up = frame(pose(SIDE_STANDING, right_heel=(480, 880)))
    assert g.heel_lift(up, "r") == pytest.approx(math.degrees(math.atan2(50, 80)))
