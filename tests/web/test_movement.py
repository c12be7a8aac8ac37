"""Movement screens on a visit: upload (safe intake), background analysis, the review page, the
clip served only to the clinic, and the therapist's decisions entering the case."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.movement.skeleton import FRONT_SQUAT_LEFT_KNEE_IN, FRONT_STANDING, sequence
from tests.vision.clip_helpers import CLIPS, segment
from tonus.core.movement.analysis import analyse
from tonus.web.movement.models import MovementClip
from tonus.web.visits.models import Visit

pytestmark = pytest.mark.django_db

GYM = CLIPS / "squat-front-gym.mp4"


@pytest.fixture
def visit(alice: Any, client_of_a: Any) -> Any:
    from tonus.web.visits.services import visit_create

    case = {"format": "tonus.case/1", "pain": [
        {"region": "hip-lateral-l", "intensity": 5, "primary": True},
        {"region": "knee-lateral-l", "intensity": 3}]}
    return visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 3, 4),
                        case=case)


def _stored() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "clips"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload(http: Any, visit: Any, slot: str, data: bytes, name: str) -> Any:
    url = reverse("movement:clip-upload", kwargs={"visit_id": visit.pk, "slot": slot})
    return http.post(url, {"clip": SimpleUploadedFile(name, data)})


def test_movement_page_has_the_five_screens(as_alice: Any, visit: Any) -> None:
    page = as_alice.get(reverse("movement:visit-movement", kwargs={"visit_id": visit.pk}))
    html = page.content.decode()
    for label in ("Overhead squat, front", "Overhead squat, side", "Single-leg squat, left leg",
                  "Single-leg squat, right leg", "Arm raise, front"):
        assert label in html
    assert html.count('capture="environment"') == 5
    assert reverse("movement:visit-movement", kwargs={"visit_id": visit.pk}) in html


def test_a_file_that_is_not_a_video_is_refused_and_nothing_stored(
        as_alice: Any, visit: Any) -> None:
    response = _upload(as_alice, visit, "overhead-squat-front", b"GIF89a" + b"\0" * 500,
                       "squat.mp4")
    assert response.status_code == 302
    page = as_alice.get(response.url).content.decode()
    assert "not a video file we accept" in page and "Nothing was saved" in page
    assert not MovementClip.objects.exists() and _stored() == []


@pytest.mark.skipif(not GYM.exists(), reason=f"{GYM} is absent (shared test clips)")
def test_real_clip_is_analysed_reviewed_and_served_only_to_the_clinic(
        as_alice: Any, as_carol: Any, visit: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    # two squats, bottoms near 220 and 285 (by eye)
    data = segment(GYM, tmp_path / "gym.mp4", 195, 320)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(as_alice, visit, "overhead-squat-front", data, "gym.mp4")
    assert response.status_code == 302
    clip = MovementClip.objects.get(visit=visit, slot="overhead-squat-front")
    assert clip.status == "done", clip.problem
    result = clip.result()
    assert result is not None and len(result.reps) == 2
    assert [p.name for p in _stored()] == [f"{clip.sha256}.mp4"]
    review = as_alice.get(reverse("movement:clip-review", kwargs={"clip_id": clip.pk}))
    html = review.content.decode()
    assert review.status_code == 200
    assert 'id="clip-landmarks"' in html and "<video" in html and "svg" in html
    assert "Repetitions (2)" in html
    video_url = reverse("movement:clip-video", kwargs={"clip_id": clip.pk})
    whole = as_alice.get(video_url)
    body = b"".join(whole.streaming_content)
    assert whole["Content-Type"] == "video/mp4" and body[4:8] == b"ftyp"
    part = as_alice.get(video_url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{len(body)}"
    assert b"".join(part.streaming_content) == body[100:200]
    for url in (video_url, reverse("movement:clip-review", kwargs={"clip_id": clip.pk}),
                reverse("movement:clip-status", kwargs={"clip_id": clip.pk})):
        assert as_carol.get(url).status_code == 404


def _analysed_clip(visit: Visit, alice: Any) -> MovementClip:
    frames, times = sequence(FRONT_STANDING, FRONT_SQUAT_LEFT_KNEE_IN, 3)
    result = analyse("overhead-squat", "front", frames, times)
    return MovementClip.objects.create(
        clinic_id=visit.clinic_id, visit=visit, slot="overhead-squat-front", sha256="a" * 64,
        width=1000, height=1000, seconds=10, fps=12, uploaded_by=alice, status="done",
        analysis=result.model_dump(mode="json"),
        landmarks={"width": 1000, "height": 1000, "times": times,
                   "frames": [[list(p) for p in f] for f in frames]})


def _decide(http: Any, clip: MovementClip, **data: str) -> Any:
    return http.post(reverse("movement:clip-decide", kwargs={"clip_id": clip.pk}), data)


def test_confirming_puts_the_finding_in_the_case_and_the_report(
        as_alice: Any, as_carol: Any, alice: Any, visit: Visit) -> None:
    clip = _analysed_clip(visit, alice)
    page = as_alice.get(reverse("movement:clip-review", kwargs={"clip_id": clip.pk}))
    assert "Knees move in (left)" in page.content.decode()
    # another clinic can neither see nor decide
    assert _decide(as_carol, clip, kind="finding", key="knees-move-in", side="l",
                   decision="confirmed").status_code == 404
    _decide(as_alice, clip, kind="finding", key="knees-move-in", side="l",
            decision="confirmed")
    visit.refresh_from_db()
    assert visit.case["movement"] == [
        {"screen": "overhead-squat", "finding": "knees-move-in", "side": "l"}]
    assessment = as_alice.get(reverse("visits:visit-detail", kwargs={"visit_id": visit.pk}))
    assert "Knees move in (left) in the overhead squat" in assessment.content.decode()
    evidence = [e for h in visit.report["hypotheses"] for e in h["evidence"]]
    assert any(e.startswith("movement: knees move in (left) in the overhead squat")
               for e in evidence)
    _decide(as_alice, clip, kind="finding", key="knees-move-in", side="l", decision="rejected")
    visit.refresh_from_db()
    assert visit.case["movement"] == []
    assert not any(e.startswith("movement:") for h in visit.report["hypotheses"]
                   for e in h["evidence"])


def test_a_proposal_that_was_not_made_is_refused(as_alice: Any, alice: Any,
                                                 visit: Visit) -> None:
    clip = _analysed_clip(visit, alice)
    before = dict(visit.case)
    response = _decide(as_alice, clip, kind="finding", key="heels-rise", side="",
                       decision="confirmed")
    assert "not part of this clip" in as_alice.get(response.url).content.decode()
    visit.refresh_from_db()
    assert visit.case == before


def test_a_compensation_seen_by_eye_is_added(as_alice: Any, alice: Any, visit: Visit) -> None:
    clip = _analysed_clip(visit, alice)
    _decide(as_alice, clip, kind="finding", by_eye="1", finding="low-back-rounds:",
            decision="confirmed")
    visit.refresh_from_db()
    assert {"screen": "overhead-squat", "finding": "low-back-rounds"} in visit.case["movement"]
    # a sided finding without its side is refused
    _decide(as_alice, clip, kind="finding", by_eye="1", finding="feet-turn-out:",
            decision="confirmed")
    visit.refresh_from_db()
    assert all(m["finding"] != "feet-turn-out" for m in visit.case["movement"])


def test_a_new_drawing_keeps_the_movement_findings(as_alice: Any, alice: Any,
                                                   visit: Visit) -> None:
    from tonus.web.visits.drawing import KEPT_FROM_EXAMINATION

    assert "movement" in KEPT_FROM_EXAMINATION


def test_angles_over_visits(as_alice: Any, alice: Any, client_of_a: Any, visit: Visit) -> None:
    from tonus.web.visits.services import visit_create

    first = _analysed_clip(visit, alice)
    _decide(as_alice, first, kind="finding", key="knees-move-in", side="l",
            decision="confirmed")
    later = visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 4, 1),
                         case={"format": "tonus.case/1",
                               "pain": [{"region": "hip-lateral-l", "intensity": 2}]})
    _analysed_clip(later, alice)
    page = as_alice.get(reverse("movement:visit-movement", kwargs={"visit_id": later.pk}))
    html = page.content.decode()
    assert "Over visits" in html and "4 Mar 2025" in html and "1 Apr 2025" in html
    # the synthetic squat: knees 75 px apart over ankles 100 px apart at every bottom
    assert html.count("<td>0.75</td>") == 2
    assert "Knees move in (left)" in html
    assert html.count('role="img"') >= 2  # charts of the angles over the two visits
    # the earlier visit's page does not show the later one
    early = as_alice.get(reverse("movement:visit-movement", kwargs={"visit_id": visit.pk}))
    assert "Over visits" not in early.content.decode()


def test_the_progress_page_charts_the_movement_angles_over_visits(
        as_alice: Any, alice: Any, client_of_a: Any, visit: Visit) -> None:
    from tonus.web.visits.services import visit_create

    empty = as_alice.get(reverse("progress:client-progress",
                                 kwargs={"client_id": client_of_a.pk})).content.decode()
    assert "No movement screen filmed on two visits yet" in empty
    first = _analysed_clip(visit, alice)
    _decide(as_alice, first, kind="finding", key="knees-move-in", side="l",
            decision="confirmed")
    later = visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 4, 1),
                         case={"format": "tonus.case/1",
                               "pain": [{"region": "hip-lateral-l", "intensity": 2}]})
    _analysed_clip(later, alice)
    html = as_alice.get(reverse("progress:client-progress",
                                kwargs={"client_id": client_of_a.pk})).content.decode()
    assert "Movement screens" in html and "4 Mar 2025" in html and "1 Apr 2025" in html
    assert html.count("<td>0.75</td>") == 2  # knee separation at each visit's bottoms
    assert "Knees move in (left)" in html
    assert "No movement screen filmed" not in html
