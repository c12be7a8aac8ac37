"""Posture geometry on synthetic landmarks placed at known angles and distances.

Scenes are built in the CLIENT's frame, in cm: ``h`` toward the client's right (frontal) or the
client's front (sagittal), ``u`` up from the floor. They are drawn at 2 px per cm into an anterior,
posterior, left- or right-lateral image, optionally with the camera rolled, so every expected value
is known exactly.
"""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from tonus.core.ids import vocabulary
from tonus.core.posture.geometry import (
    HEAD_LEVEL_FRACTION,
    MeasureResult,
    PostureGeometry,
    analyse,
    case_measures,
    compute_measures,
)
from tonus.core.posture.landmarks import (
    BLAZEPOSE_NAMES,
    Landmark,
    LandmarkSet,
    View,
    from_blazepose,
)
from tonus.core.posture.norms import measure_ids

PX_PER_CM = 2.0
HEIGHT = 170.0
EAR_U = HEAD_LEVEL_FRACTION["ear"] * HEIGHT  # so that the scale is exactly PX_PER_CM
W, H = 800, 800
CX, FLOOR_Y = 400.0, 750.0

Pt = tuple[float, float]


def _polar(origin: Pt, length: float, deg: float) -> Pt:
    """The point ``length`` from origin at ``deg`` above the +h axis."""
    a = math.radians(deg)
    return (origin[0] + length * math.cos(a), origin[1] + length * math.sin(a))


def frontal_body() -> dict[str, Pt]:
    body: dict[str, Pt] = {"nose": (0.0, 154.0)}
    for side, s in (("right", 1.0), ("left", -1.0)):
        body |= {
            f"{side}_eye": (3.2 * s, 159.0),
            f"{side}_ear": (7.0 * s, EAR_U),
            f"{side}_shoulder": (19.0 * s, 140.0),
            f"{side}_hip": (12.0 * s, 90.0),
            f"{side}_knee": (12.0 * s, 48.0),
            f"{side}_ankle": (12.0 * s, 8.0),
            f"{side}_heel": (12.0 * s, 0.0),
            f"{side}_foot_index": (13.0 * s, 0.0),
        }
    return body


def sagittal_body() -> dict[str, Pt]:
    """Side view: both sides' landmarks overlap (f, u); the ankle is at f = 0."""
    body: dict[str, Pt] = {"nose": (12.0, 154.0)}
    for side in ("right", "left"):
        body |= {
            f"{side}_eye": (9.0, 159.0),
            f"{side}_ear": (1.0, EAR_U),
            f"{side}_shoulder": (1.0, 140.0),
            f"{side}_hip": (1.0, 90.0),
            f"{side}_knee": (1.0, 48.0),
            f"{side}_ankle": (0.0, 8.0),
            f"{side}_heel": (-5.0, 0.0),
            f"{side}_foot_index": (18.0, 0.0),
        }
    return body


def _roll(x: float, y: float, deg: float) -> Pt:
    """Rotate an image point about the image centre (a camera roll)."""
    a = math.radians(deg)
    dx, dy = x - W / 2, y - H / 2
    c, s = math.cos(a), math.sin(a)
    return (W / 2 + dx * c - dy * s, H / 2 + dx * s + dy * c)


def draw(
    body: dict[str, Pt], view: View, *, roll: float = 0.0, therapist: frozenset[str] = frozenset(),
    visibility: dict[str, float] | None = None,
) -> LandmarkSet:
    """Draw client-frame points (cm) into an image of the given view."""
    sign = -1.0 if view in ("anterior", "left-lateral") else 1.0
    lms: dict[str, Landmark] = {}
    for name, (h, u) in body.items():
        x, y = _roll(CX + sign * h * PX_PER_CM, FLOOR_Y - u * PX_PER_CM, roll)
        src = "therapist" if name in therapist or name.startswith(("plumb", "level")) else "model"
        vis = (visibility or {}).get(name, 0.99)
        lms[name] = Landmark(name=name, x=x, y=y, visibility=vis, source=src)
    return LandmarkSet(view=view, width=W, height=H, landmarks=lms)


def value(results: list[MeasureResult] | PostureGeometry, measure_id: str) -> float | None:
    return get(results, measure_id).value


def get(results: list[MeasureResult] | PostureGeometry, measure_id: str) -> MeasureResult:
    seq = results.results if isinstance(results, PostureGeometry) else results
    found = [r for r in seq if r.id == measure_id]
    assert len(found) == 1, measure_id
    return found[0]


FRONTAL: tuple[View, ...] = ("anterior", "posterior")
LATERAL: tuple[View, ...] = ("left-lateral", "right-lateral")


# ---------------------------------------------------------------------------------------------
# frontal


@pytest.mark.parametrize("view", FRONTAL)
def test_neutral_frontal_posture_reads_zero_and_no_finding(view: View) -> None:
    res = compute_measures(draw(frontal_body(), view), HEIGHT)
    assert {r.id for r in res} == {
        "head-tilt", "head-lateral-shift", "shoulder-height-difference", "shoulder-tilt",
        "trunk-lateral-lean", "pelvic-obliquity", "knee-frontal-angle-l", "knee-frontal-angle-r",
    }
    for r in res:
        assert r.value == 0.0, r
        assert r.finding is None and r.approximated is False
        assert r.view == view


@pytest.mark.parametrize("view", FRONTAL)
def test_shoulder_tilt_3deg_right_higher_is_positive_in_both_frontal_views(view: View) -> None:
    body = frontal_body()
    body["right_shoulder"] = _polar(body["left_shoulder"], 38.0, 3.0)
    res = compute_measures(draw(body, view), HEIGHT)
    r = get(res, "shoulder-tilt")
    assert r.value == 3.0 and r.unit == "deg"
    assert r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("shoulder-elevated-r", "mild")
    # 38 cm × sin 3° = 1.99 cm higher → 2.0 cm, one step beyond the 1.0 cm norm → moderate
    d = get(res, "shoulder-height-difference")
    assert d.value == 2.0 and d.unit == "cm"
    assert d.finding is not None
    assert (d.finding.finding, d.finding.severity) == ("shoulder-elevated-r", "moderate")


def test_anterior_image_has_client_right_on_image_left_and_posterior_on_image_right() -> None:
    ant = draw(frontal_body(), "anterior")
    post = draw(frontal_body(), "posterior")
    assert ant.landmarks["right_shoulder"].x < ant.landmarks["left_shoulder"].x
    assert post.landmarks["right_shoulder"].x > post.landmarks["left_shoulder"].x


@pytest.mark.parametrize("view", FRONTAL)
def test_head_tilt_sign_and_severity(view: View) -> None:
    body = frontal_body()
    body["right_ear"] = _polar(body["left_ear"], 14.0, -4.0)  # right ear 4° lower
    r = get(compute_measures(draw(body, view)), "head-tilt")
    assert r.value == 4.0 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("head-tilt-r", "mild")
    body["right_ear"] = _polar(body["left_ear"], 14.0, 8.0)  # left ear lower by 8°: 6 beyond
    r = get(compute_measures(draw(body, view)), "head-tilt")
    assert r.value == -8.0 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("head-tilt-l", "marked")


def test_head_tilt_falls_back_to_the_eyes() -> None:
    body = frontal_body()
    del body["left_ear"], body["right_ear"]
    body["right_eye"] = _polar(body["left_eye"], 6.4, -3.0)
    r = get(compute_measures(draw(body, "anterior")), "head-tilt")
    assert r.value == 3.0 and not r.approximated
    assert r.note is not None and "eyes" in r.note


@pytest.mark.parametrize("view", FRONTAL)
def test_head_lateral_shift_in_cm(view: View) -> None:
    body = frontal_body()
    for n in ("left_ear", "right_ear"):
        body[n] = (body[n][0] + 2.5, body[n][1])  # head 2.5 cm toward the client's right
    r = get(compute_measures(draw(body, view), HEIGHT), "head-lateral-shift")
    assert r.value == 2.5 and r.unit == "cm"
    assert r.finding is None  # this measure maps to no finding
    body = frontal_body()
    for n in ("left_ear", "right_ear"):
        body[n] = (body[n][0] - 1.2, body[n][1])
    assert value(compute_measures(draw(body, view), HEIGHT), "head-lateral-shift") == -1.2


@pytest.mark.parametrize("view", FRONTAL)
def test_trunk_lateral_lean(view: View) -> None:
    body = frontal_body()
    # shoulder midpoint 50 cm above the hip midpoint, displaced 4.5° toward the client's LEFT
    dx = 50.0 * math.tan(math.radians(4.5))
    for n in ("left_shoulder", "right_shoulder"):
        body[n] = (body[n][0] - dx, body[n][1])
    r = get(compute_measures(draw(body, view)), "trunk-lateral-lean")
    assert r.value == -4.5 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("trunk-shift-l", "moderate")


@pytest.mark.parametrize("view", FRONTAL)
def test_pelvic_obliquity_from_hips_then_asis_or_psis(view: View) -> None:
    body = frontal_body()
    body["right_hip"] = _polar(body["left_hip"], 24.0, 2.0)
    r = get(compute_measures(draw(body, view)), "pelvic-obliquity")
    assert r.value == 2.0 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("pelvis-high-r", "mild")
    assert r.note is not None and "hip" in r.note
    mark = "asis" if view == "anterior" else "psis"
    body[f"left_{mark}"] = (-12.0, 95.0)
    body[f"right_{mark}"] = _polar(body[f"left_{mark}"], 24.0, -3.0)
    r = get(compute_measures(draw(body, view, therapist=frozenset(body))), "pelvic-obliquity")
    assert r.value == -3.0 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("pelvis-high-l", "moderate")
    assert r.note is not None and mark.upper() in r.note


def _bent_knee(hip: Pt, ankle: Pt, deg_each: float, toward_h: float) -> Pt:
    """A knee halfway between hip and ankle (vertical line), offset so each segment makes
    ``deg_each`` with the line: the hip-knee-ankle angle is 180 − 2·deg_each."""
    half = (hip[1] - ankle[1]) / 2
    return (hip[0] + toward_h * half * math.tan(math.radians(deg_each)), ankle[1] + half)


@pytest.mark.parametrize("view", FRONTAL)
def test_knee_frontal_angle_valgus_and_varus_per_side(view: View) -> None:
    body = frontal_body()
    for side in ("left", "right"):
        body[f"{side}_ankle"] = (body[f"{side}_hip"][0], 8.0)
    # right knee medial (toward the client's left, −h): valgus 8°
    body["right_knee"] = _bent_knee(body["right_hip"], body["right_ankle"], 4.0, -1.0)
    # left knee lateral (toward the client's left, −h, for the left leg): varus 10°
    body["left_knee"] = _bent_knee(body["left_hip"], body["left_ankle"], 5.0, -1.0)
    res = compute_measures(draw(body, view))
    r, l_ = get(res, "knee-frontal-angle-r"), get(res, "knee-frontal-angle-l")
    assert r.value == 8.0 and r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("knee-valgus-r", "moderate")
    assert l_.value == -10.0 and l_.finding is not None
    assert (l_.finding.finding, l_.finding.severity) == ("knee-varus-l", "marked")


# ---------------------------------------------------------------------------------------------
# calibration


@pytest.mark.parametrize("view", FRONTAL)
def test_plumb_line_removes_a_5deg_camera_roll(view: View) -> None:
    body = frontal_body() | {"plumb_top": (30.0, 180.0), "plumb_bottom": (30.0, 0.0)}
    body["right_shoulder"] = _polar(body["left_shoulder"], 38.0, 3.0)
    tilted = draw(body, view, roll=5.0)
    plain = tilted.remove("plumb_top").remove("plumb_bottom")
    raw = analyse(plain)
    assert raw.calibration == "image"
    assert abs(value(raw, "trunk-lateral-lean") or 0.0) == 5.0  # the roll reads as a lean
    geo = analyse(tilted, HEIGHT)
    assert geo.calibration == "plumb-line" and geo.rotation_deg == pytest.approx(-5.0)
    assert value(geo, "trunk-lateral-lean") == 0.0
    assert value(geo, "shoulder-tilt") == 3.0
    assert value(geo, "shoulder-height-difference") == 2.0
    assert geo.cm_per_px == pytest.approx(1 / PX_PER_CM)


def test_plumb_line_ends_may_be_swapped() -> None:
    body = frontal_body() | {"plumb_top": (30.0, 0.0), "plumb_bottom": (30.0, 180.0)}
    geo = analyse(draw(body, "anterior", roll=-5.0))
    assert geo.rotation_deg == pytest.approx(5.0)
    assert value(geo, "trunk-lateral-lean") == 0.0


@pytest.mark.parametrize("view", FRONTAL)
def test_level_removes_a_camera_roll(view: View) -> None:
    body = frontal_body() | {"level_left": (-40.0, 100.0), "level_right": (40.0, 100.0)}
    geo = analyse(draw(body, view, roll=-5.0))
    assert geo.calibration == "level"
    assert value(geo, "trunk-lateral-lean") == 0.0
    assert value(geo, "shoulder-tilt") == 0.0


def test_incomplete_calibration_is_ignored_and_said() -> None:
    body = frontal_body() | {"plumb_top": (30.0, 180.0)}
    geo = analyse(draw(body, "anterior"))
    assert geo.calibration == "image"
    r = get(geo, "shoulder-tilt")
    assert r.value == 0.0 and r.note is not None and "plumb_bottom" in r.note


# ---------------------------------------------------------------------------------------------
# scale


def test_scale_from_client_height() -> None:
    geo = analyse(draw(frontal_body(), "anterior"), HEIGHT)
    assert geo.cm_per_px == pytest.approx(0.5)
    body = frontal_body()
    body["right_shoulder"] = (19.0, 141.5)  # right shoulder 1.5 cm higher
    res = compute_measures(draw(body, "anterior"), HEIGHT)
    assert value(res, "shoulder-height-difference") == 1.5
    # the same photo said to be of a 180 cm client: every cm value grows by 180/170
    big = value(compute_measures(draw(body, "anterior"), 180.0), "shoulder-height-difference")
    assert big == round(1.5 * 180 / 170, 1)


def test_scale_falls_back_to_eyes_then_nose() -> None:
    body = frontal_body()
    del body["left_ear"], body["right_ear"]
    body["left_eye"] = (-3.2, HEAD_LEVEL_FRACTION["eye"] * HEIGHT)
    body["right_eye"] = (3.2, HEAD_LEVEL_FRACTION["eye"] * HEIGHT)
    geo = analyse(draw(body, "anterior"), HEIGHT)
    assert geo.cm_per_px == pytest.approx(0.5) and "eye" in geo.scale_note
    del body["left_eye"], body["right_eye"]
    body["nose"] = (0.0, HEAD_LEVEL_FRACTION["nose"] * HEIGHT)
    geo = analyse(draw(body, "anterior"), HEIGHT)
    assert geo.cm_per_px == pytest.approx(0.5) and "nose" in geo.scale_note


@pytest.mark.parametrize("view", FRONTAL + LATERAL)
def test_without_height_cm_measures_have_no_value(view: View) -> None:
    body = frontal_body() if view in FRONTAL else sagittal_body()
    geo = analyse(draw(body, view))
    assert geo.cm_per_px is None
    cm = [r for r in geo.results if r.unit == "cm"]
    assert cm
    for r in cm:
        assert r.value is None and r.finding is None
        assert r.note is not None and "height" in r.note
    assert all(r.value is not None for r in geo.results if r.unit == "deg")


def test_without_feet_there_is_no_scale() -> None:
    body = {k: v for k, v in frontal_body().items() if "heel" not in k and "foot" not in k}
    geo = analyse(draw(body, "anterior"), HEIGHT)
    assert geo.cm_per_px is None and "heel" in geo.scale_note
    r = get(geo, "shoulder-height-difference")
    assert r.value is None and r.note is not None and "heel" in r.note


def test_height_must_be_positive() -> None:
    with pytest.raises(ValueError, match="height"):
        analyse(draw(frontal_body(), "anterior"), 0.0)


# ---------------------------------------------------------------------------------------------
# sagittal


def _cva_body(deg: float) -> dict[str, Pt]:
    body = sagittal_body()
    body["c7"] = (-5.0, 145.0)
    body["right_tragus"] = body["left_tragus"] = _polar(body["c7"], 14.0, deg)
    return body


@pytest.mark.parametrize("view", LATERAL)
def test_craniovertebral_angle_44deg_is_forward_head(view: View) -> None:
    body = _cva_body(44.0)
    r = get(compute_measures(draw(body, view, therapist=frozenset(body))), "craniovertebral-angle")
    assert r.value == 44.0 and r.unit == "deg" and r.approximated is False
    assert r.finding is not None
    assert (r.finding.finding, r.finding.severity) == ("forward-head", "moderate")
    r = get(compute_measures(draw(_cva_body(55.0), view, therapist=frozenset(body))),
            "craniovertebral-angle")
    assert r.value == 55.0 and r.finding is None


@pytest.mark.parametrize("view", LATERAL)
def test_craniovertebral_angle_approximated_from_shoulder_and_ear(view: View) -> None:
    body = sagittal_body()
    near = "right" if view == "right-lateral" else "left"
    body[f"{near}_shoulder"] = (-2.0, 140.0)
    body[f"{near}_ear"] = _polar(body[f"{near}_shoulder"], 18.0, 60.0)
    r = get(compute_measures(draw(body, view)), "craniovertebral-angle")
    assert r.value == 60.0 and r.approximated is True
    assert r.note is not None and "c7" in r.note and "tragus" in r.note


@pytest.mark.parametrize("view", LATERAL)
def test_plumb_offsets_trunk_inclination_and_knee_hyperextension(view: View) -> None:
    near = "right" if view == "right-lateral" else "left"
    body = sagittal_body() | {
        "lateral_malleolus": (0.0, 7.0),
        f"{near}_tragus": (8.0, EAR_U),
        "greater_trochanter": (10.0, 88.0),
        "lateral_knee": (2.0, 48.0),
    }
    body[f"{near}_ear"] = (8.0, EAR_U)
    body[f"{near}_shoulder"] = (9.0, 140.0)
    # shoulder 6° behind the vertical through the hip
    body[f"{near}_hip"] = (9.0 + 50.0 * math.tan(math.radians(6.0)), 90.0)
    body[f"{near}_ankle"] = (body[f"{near}_hip"][0], 8.0)
    body[f"{near}_knee"] = _bent_knee(body[f"{near}_hip"], body[f"{near}_ankle"], 4.0, -1.0)
    therapist = frozenset({"lateral_malleolus", f"{near}_tragus", "greater_trochanter",
                           "lateral_knee"})
    res = compute_measures(draw(body, view, therapist=therapist), HEIGHT)
    expected = {
        "ear-plumb-offset": (8.0, "forward-head", "mild"),
        "shoulder-plumb-offset": (9.0, "shoulders-protracted", "moderate"),
        "hip-plumb-offset": (10.0, "sway-back", "moderate"),
        "knee-plumb-offset": (2.0, None, None),
        "trunk-inclination": (-6.0, "sway-back", "moderate"),
        f"knee-hyperextension-{near[0]}": (8.0, f"knee-hyperextension-{near[0]}", "moderate"),
    }
    for mid, (val, finding, severity) in expected.items():
        r = get(res, mid)
        assert r.value == val, mid
        assert r.approximated is False, mid
        if finding is None:
            assert r.finding is None
        else:
            assert r.finding is not None
            assert (r.finding.finding, r.finding.severity) == (finding, severity), mid
    other = "l" if near == "right" else "r"
    assert all(r.id != f"knee-hyperextension-{other}" for r in res)


@pytest.mark.parametrize("view", LATERAL)
def test_flexed_knee_is_negative(view: View) -> None:
    near = "right" if view == "right-lateral" else "left"
    body = sagittal_body()
    body[f"{near}_knee"] = _bent_knee(body[f"{near}_hip"], (1.0, 8.0), 3.0, 1.0)
    body[f"{near}_ankle"] = (1.0, 8.0)
    r = get(compute_measures(draw(body, view)), f"knee-hyperextension-{near[0]}")
    assert r.value == -6.0 and r.finding is None


@pytest.mark.parametrize("view", LATERAL)
def test_sagittal_fallbacks_are_flagged(view: View) -> None:
    near = "right" if view == "right-lateral" else "left"
    res = compute_measures(draw(sagittal_body(), view), HEIGHT)
    ear = get(res, "ear-plumb-offset")
    assert ear.value == 1.0 and ear.approximated
    assert ear.note is not None and f"{near}_tragus" in ear.note and "lateral_malleolus" in ear.note
    knee = get(res, "knee-plumb-offset")
    assert knee.value == 1.0 and knee.approximated and knee.note is not None
    assert "lateral_knee" in knee.note
    hip = get(res, "hip-plumb-offset")
    assert hip.value == 1.0 and hip.note is not None and "greater_trochanter" in hip.note


def test_lateral_view_facing_the_wrong_way_gives_no_values() -> None:
    ls = draw(sagittal_body(), "right-lateral")
    wrong = ls.model_copy(update={"view": "left-lateral"})
    res = compute_measures(wrong, HEIGHT)
    assert all(r.value is None for r in res)
    assert all(r.note is not None and "check the photo's view" in r.note for r in res)


def test_frontal_view_mislabelled_gives_no_values() -> None:
    ls = draw(frontal_body(), "anterior")
    wrong = ls.model_copy(update={"view": "posterior"})
    res = compute_measures(wrong, HEIGHT)
    assert all(r.value is None for r in res)
    assert all(r.note is not None and "right_shoulder" in r.note for r in res)


# ---------------------------------------------------------------------------------------------
# missing landmarks, visibility, coverage


def test_missing_landmark_gives_no_value_and_names_it() -> None:
    body = frontal_body()
    del body["left_shoulder"]
    res = compute_measures(draw(body, "anterior"), HEIGHT)
    for mid in ("shoulder-tilt", "shoulder-height-difference", "trunk-lateral-lean"):
        r = get(res, mid)
        assert r.value is None and r.finding is None
        assert r.note is not None and "missing landmark" in r.note and "left_shoulder" in r.note
    assert value(res, "pelvic-obliquity") == 0.0


def test_low_visibility_counts_as_missing_unless_the_therapist_placed_it() -> None:
    ls = draw(frontal_body(), "anterior", visibility={"right_knee": 0.2})
    r = get(compute_measures(ls), "knee-frontal-angle-r")
    assert r.value is None and r.note is not None and "right_knee (visibility 0.20" in r.note
    knee = ls.landmarks["right_knee"]
    fixed = ls.move("right_knee", knee.x, knee.y)
    assert value(compute_measures(fixed), "knee-frontal-angle-r") == 0.0


def test_empty_set_never_crashes() -> None:
    for view in FRONTAL + LATERAL:
        res = compute_measures(LandmarkSet(view=view, width=10, height=10), HEIGHT)
        assert res and all(r.value is None and r.note for r in res)


def test_every_measure_is_computed_by_some_view() -> None:
    near_body = sagittal_body() | {"c7": (-5.0, 145.0)}
    computed: set[str] = set()
    for view in FRONTAL:
        computed |= {r.id for r in compute_measures(draw(frontal_body(), view), HEIGHT)
                     if r.value is not None}
    for view in LATERAL:
        computed |= {r.id for r in compute_measures(draw(near_body, view), HEIGHT)
                     if r.value is not None}
    assert computed == measure_ids()


def test_findings_are_vocabulary_ids_and_case_measures_validate() -> None:
    body = frontal_body()
    body["right_shoulder"] = _polar(body["left_shoulder"], 38.0, 6.0)
    body["right_knee"] = _bent_knee(body["right_hip"], (12.0, 8.0), 6.0, -1.0)
    body["right_ankle"] = (12.0, 8.0)
    res = compute_measures(draw(body, "posterior"), HEIGHT)
    res += compute_measures(draw(_cva_body(40.0), "left-lateral"), HEIGHT)
    findings = [r.finding for r in res if r.finding is not None]
    assert len(findings) >= 3
    posture_ids = vocabulary().posture_ids()
    assert all(f.finding in posture_ids for f in findings)
    entries = case_measures(res)
    assert entries and all(e["id"] in measure_ids() for e in entries)
    assert len(entries) == sum(r.value is not None for r in res)


# ---------------------------------------------------------------------------------------------
# landmarks


def test_from_blazepose_scales_normalized_points() -> None:
    pts = [(i / 40, (i + 1) / 40, -0.1, 0.5 + i / 50) for i in range(33)]
    ls = from_blazepose(pts, 640, 480, "anterior")
    assert list(ls.landmarks) == list(BLAZEPOSE_NAMES)
    assert BLAZEPOSE_NAMES[7] == "left_ear" and BLAZEPOSE_NAMES[12] == "right_shoulder"
    assert BLAZEPOSE_NAMES[31] == "left_foot_index"
    nose = ls.landmarks["nose"]
    assert (nose.x, nose.y, nose.source) == (0.0, 12.0, "model")
    ear = ls.landmarks["left_ear"]
    assert ear.x == pytest.approx(7 / 40 * 640) and ear.y == pytest.approx(8 / 40 * 480)
    assert ls.landmarks["right_foot_index"].visibility == 1.0  # clamped
    with pytest.raises(ValueError, match="33"):
        from_blazepose(pts[:10], 640, 480, "anterior")


def test_moving_returns_a_new_set_with_a_therapist_landmark() -> None:
    ls = from_blazepose([(0.5, 0.5, 0.0, 0.3)] * 33, 100, 100, "right-lateral")
    moved = ls.move("nose", 10.0, 20.0)
    assert ls.landmarks["nose"].source == "model" and ls.landmarks["nose"].x == 50.0
    assert moved.landmarks["nose"] == Landmark(name="nose", x=10.0, y=20.0, visibility=1.0,
                                               source="therapist")
    placed = moved.move("c7", 1.0, 2.0)
    assert "c7" in placed and "c7" not in moved
    assert "nose" not in placed.remove("nose")
    with pytest.raises(ValidationError):
        ls.move("elbow", 1.0, 2.0)
    with pytest.raises(ValidationError):
        Landmark(name="nose", x=math.nan, y=0.0)
    with pytest.raises(ValidationError):
        LandmarkSet(view="anterior", width=1, height=1,
                    landmarks={"nose": Landmark(name="c7", x=0.0, y=0.0)})
