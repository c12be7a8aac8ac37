"""Landmark corrections recompute the measures; the measures go into the case and report."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.posture_helpers import photo_with_landmarks, standing_landmarks, visit_of
from tonus.core.posture.geometry import analyse
from tonus.core.posture.landmarks import LandmarkSet
from tonus.reports.posture_overlay import render_posture_overlay
from tonus.reports.posture_summary import deviation_summary
from tonus.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(alice: Any, client_of_a: Any) -> Any:
    return visit_of(alice, client_of_a)


@pytest.fixture
def photo(visit: Any, alice: Any) -> Any:
    return photo_with_landmarks(visit, alice)


def _move(http: Any, photo: Any, **fields: Any) -> Any:
    return http.post(reverse("posture:landmark-move", kwargs={"photo_id": photo.pk}), fields)


def test_correction_page_draws_the_landmarks_and_measures(as_alice: Any, photo: Any) -> None:
    html = as_alice.get(reverse("posture:photo-landmarks", kwargs={"photo_id": photo.pk})
                        ).content.decode()
    assert 'class="landmark-editor"' in html and "landmark-editor.js" in html
    assert 'data-name="right_shoulder"' in html and 'class="plumb"' in html
    assert 'class="grid"' in html
    assert "Shoulder tilt" in html and "−2 to 2°" in html
    assert 'data-place="left_asis"' in html and 'data-place="plumb_top"' in html
    assert reverse("posture:photo-image", kwargs={"photo_id": photo.pk}) in html


def test_moving_the_right_shoulder_up_changes_shoulder_tilt(as_alice: Any, photo: Any) -> None:
    assert analyse(photo.landmark_set()).result("shoulder-tilt").value == 0.0
    response = _move(as_alice, photo, name="right_shoulder", x="430", y="395")
    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.corrected
    moved = photo.landmark_set().landmarks["right_shoulder"]
    assert (moved.x, moved.y, moved.source) == (430.0, 395.0, "therapist")
    tilt = analyse(photo.landmark_set()).result("shoulder-tilt")
    assert tilt.value is not None and tilt.value > 2  # the right shoulder is higher
    html = response.content.decode()
    assert 'id="measures-panel"' in html and 'id="overlay-holder"' in html
    assert f"{tilt.value:+.1f}°" in html  # the recomputed table
    assert "Shoulder elevated (right)" in html
    assert AuditEvent.objects.filter(object_type="posture-photo",
                                     summary__startswith="Moved landmark right_shoulder").exists()


def test_placing_and_removing_a_therapist_landmark(as_alice: Any, photo: Any) -> None:
    _move(as_alice, photo, name="plumb_top", x="500", y="100")
    _move(as_alice, photo, name="plumb_bottom", x="520", y="1900")
    photo.refresh_from_db()
    assert analyse(photo.landmark_set()).calibration == "plumb-line"
    _move(as_alice, photo, name="plumb_top", remove="1")
    photo.refresh_from_db()
    assert "plumb_top" not in photo.landmark_set()


def test_bad_landmark_posts_are_refused(as_alice: Any, photo: Any) -> None:
    assert _move(as_alice, photo, name="tail", x="1", y="1").status_code == 400
    assert _move(as_alice, photo, name="nose", x="nan", y="1").status_code == 400
    assert _move(as_alice, photo, name="nose", x="", y="1").status_code == 400
    _move(as_alice, photo, name="nose", x="-500", y="99999")  # kept inside the photo
    photo.refresh_from_db()
    nose = photo.landmark_set().landmarks["nose"]
    assert (nose.x, nose.y) == (0.0, 2000.0)


def test_use_measures_puts_them_in_the_case_and_the_report(
    as_alice: Any, photo: Any, visit: Any,
) -> None:
    _move(as_alice, photo, name="right_shoulder", x="430", y="380")
    response = as_alice.post(reverse("posture:measures-use", kwargs={"photo_id": photo.pk}))
    assert response.status_code == 302
    visit.refresh_from_db()
    measures = {m["id"]: m for m in visit.case["measures"]}
    assert measures["shoulder-tilt"]["value"] > 2 and measures["shoulder-tilt"]["unit"] == "deg"
    assert "shoulder-height-difference" not in measures  # no height: no cm measure
    imbalance = {entry.get("finding") for entry in visit.report["imbalance"]}
    assert "shoulder-elevated-r" in imbalance
    page = as_alice.get(response["Location"]).content.decode()
    assert "Shortened" in page and "Trapezius, upper fibres (right)" in page
    # using them again replaces, never duplicates
    as_alice.post(reverse("posture:measures-use", kwargs={"photo_id": photo.pk}))
    visit.refresh_from_db()
    ids = [m["id"] for m in visit.case["measures"]]
    assert len(ids) == len(set(ids))


def test_height_gives_measures_in_cm(as_alice: Any, photo: Any, visit: Any) -> None:
    as_alice.post(reverse("posture:session-height", kwargs={"visit_id": visit.pk}),
                  {"height_cm": "170"})
    as_alice.post(reverse("posture:measures-use", kwargs={"photo_id": photo.pk}))
    visit.refresh_from_db()
    assert "shoulder-height-difference" in {m["id"] for m in visit.case["measures"]}


def test_overlay_is_pure_svg_over_the_given_image() -> None:
    landmarks = LandmarkSet.model_validate(standing_landmarks()).move("right_shoulder", 430, 380)
    geometry = analyse(landmarks, 170)
    svg = render_posture_overlay(landmarks, geometry, image_href="data:image/jpeg;base64,AAA")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert '<image href="data:image/jpeg;base64,AAA"' in svg
    assert 'class="plumb"' in svg and 'class="grid"' in svg
    assert 'data-measure="shoulder-tilt"' in svg and "Shoulder tilt +" in svg
    assert svg.count('class="landmark ') == 15  # eyes hidden while the ears are seen
    whole = render_posture_overlay(landmarks, image_href="x.jpg", whole=True, grid=False)
    assert 'viewBox="0.0 0.0 1000.0 2000.0"' in whole and 'class="grid"' not in whole


def test_deviation_summary_names_the_muscles_from_the_report() -> None:
    from tonus.core.assess import assess

    landmarks = LandmarkSet.model_validate(standing_landmarks()).move("right_shoulder", 430, 380)
    results = analyse(landmarks).results
    case = {"format": "tonus.case/1", "pain": [{"region": "neck-lateral-r", "intensity": 4}],
            "measures": [{"id": r.id, "value": r.value, "unit": r.unit}
                         for r in results if r.value is not None]}
    summary = deviation_summary(results, assess(case))
    tilt = next(d for d in summary["deviations"] if d["measure"] == "shoulder-tilt")
    assert tilt["assessed"] and tilt["finding"] == "shoulder-elevated-r"
    assert "Trapezius, upper fibres (right)" in tilt["shortened"]
    before = deviation_summary(results, None)["deviations"][0]
    assert not before["assessed"] and before["shortened"] == []


def test_side_photo_page_offers_the_sagittal_landmarks(as_alice: Any, visit: Any,
                                                       alice: Any) -> None:
    from tonus.web.posture.models import PosturePhoto

    photo = PosturePhoto.objects.create(
        clinic_id=visit.clinic_id, visit=visit, view="right-lateral", sha256="b" * 64,
        width=1000, height=2000, uploaded_by=alice, status="done",
        landmarks=LandmarkSet(view="right-lateral", width=1000, height=2000).model_dump())
    for name, x, y in (("right_ear", 520, 270), ("nose", 560, 280), ("right_shoulder", 500, 420),
                       ("right_hip", 505, 900), ("right_knee", 510, 1350),
                       ("right_ankle", 500, 1780), ("right_heel", 480, 1820)):
        _move(as_alice, photo, name=name, x=str(x), y=str(y))
    response = _move(as_alice, photo, name="c7", x="480", y="400")
    html = response.content.decode()
    assert "Craniovertebral angle" in html and 'data-name="c7"' in html
    assert 'data-remove="c7"' in html and 'data-place="lateral_malleolus"' in html


def test_failed_photo_can_be_placed_by_hand(as_alice: Any, visit: Any, alice: Any) -> None:
    from tonus.web.posture.models import PosturePhoto

    photo = PosturePhoto.objects.create(
        clinic_id=visit.clinic_id, visit=visit, view="anterior", sha256="c" * 64, width=800,
        height=1200, uploaded_by=alice, status="failed", problem="No person was found")
    html = as_alice.get(reverse("posture:photo-landmarks", kwargs={"photo_id": photo.pk})
                        ).content.decode()
    assert "No person was found" in html and 'data-place="left_shoulder"' in html
    assert _move(as_alice, photo, name="left_shoulder", x="300", y="200").status_code == 200
    photo.refresh_from_db()
    assert photo.landmark_set().landmarks["left_shoulder"].source == "therapist"
