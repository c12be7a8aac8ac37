"""The movement analysis agrees with what the shared clips show (facts in movement_clips.py,
written down by eye before the analysis was run). Clips are read from ../shared at test time."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import av
import numpy as np
import pytest

from tests.conftest import SHARED
from tests.vision.movement_clips import DEEPEST_TOLERANCE, FACTS, ClipFacts
from tonus.core.movement.analysis import MovementProblem, analyse
from tonus.vision.movement import ClipLandmarks, track_landmarks

DATA = SHARED / "data" / "movement"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} is absent (shared test clips)")


@cache
def landmarks(file: str, first: int, last: int) -> ClipLandmarks:
    return track_landmarks(DATA / file, first_frame=first, last_frame=last)


@pytest.mark.parametrize("facts", FACTS, ids=lambda f: f"{f.file}-{f.screen}-{f.view}")
def test_analysis_agrees_with_the_clip(facts: ClipFacts) -> None:
    clip = landmarks(facts.file, facts.first_frame, facts.last_frame)
    if facts.reps is None:
        with pytest.raises(MovementProblem) as exc:
            analyse(facts.screen, facts.view,  # type: ignore[arg-type]
                    clip.frames, clip.times, yaw=clip.yaw)
        assert exc.value.kind == "no-repetition"
        return
    result = analyse(facts.screen, facts.view, clip.frames, clip.times,  # type: ignore[arg-type]
                     yaw=clip.yaw)
    assert result.view == facts.view
    assert len(result.reps) == facts.reps
    found = [clip.indices[r.deepest] for r in result.reps]
    if facts.holds:
        for seen, (first, last) in zip(found, facts.holds, strict=True):
            assert first - 3 <= seen <= last + 3, (found, facts.holds)
    else:
        for seen, expected in zip(found, facts.deepest_frames, strict=True):
            assert abs(seen - expected) <= DEEPEST_TOLERANCE, (found, facts.deepest_frames)
    proposed = {f.finding for f in result.findings}
    assert not proposed & set(facts.not_found), result.findings


def test_the_side_squat_gives_deep_squat_ranges() -> None:
    facts = next(f for f in FACTS if f.view == "side")
    clip = landmarks(facts.file, facts.first_frame, facts.last_frame)
    result = analyse("overhead-squat", "side", clip.frames, clip.times, yaw=clip.yaw)
    rom = {r.test.rsplit("-", 1)[0]: r.degrees for r in result.rom}
    # hips below the knees (seen by eye): knee flexion well past 90°, hip flexion past 90°
    assert rom["knee-flexion"] > 100 and rom["hip-flexion"] > 90


def test_a_front_clip_in_the_side_slot_is_refused() -> None:
    facts = FACTS[0]
    clip = landmarks(facts.file, facts.first_frame, facts.last_frame)
    with pytest.raises(MovementProblem, match="looks like a front view") as exc:
        analyse("overhead-squat", "side", clip.frames, clip.times)
    assert exc.value.kind == "wrong-view"


def test_the_gym_clip_is_turned_and_says_what_was_not_judged() -> None:
    facts = FACTS[0]
    clip = landmarks(facts.file, facts.first_frame, facts.last_frame)
    result = analyse("overhead-squat", "front", clip.frames, clip.times, yaw=clip.yaw)
    # after the cut at ~195 the camera sees him turned 20-30° (by eye)
    assert any("turned about" in n for n in result.notes)


def test_logo_frames_have_no_person() -> None:
    clip = track_landmarks(DATA / "jumping-jacks-front.mp4", first_frame=0, last_frame=40)
    assert all(f is None for f in clip.frames)  # the title card, no person
    with pytest.raises(MovementProblem, match="No person"):
        analyse("arm-raise", "front", clip.frames, clip.times)


def test_two_people_side_by_side_are_refused(tmp_path: Path) -> None:
    """The middle of the gym clip beside its mirror image (made here, in a temporary folder):
    two people squatting, each as large as in the original. The clip is refused with the
    several-people message."""
    out = tmp_path / "two.mp4"
    with av.open(str(DATA / "squat-front-gym.mp4")) as src, av.open(str(out), "w") as dst:
        stream = dst.add_stream("libx264", rate=Fraction(30000, 1001))
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        for i, frame in enumerate(src.decode(video=0)):
            if i > 300:
                break
            if i >= 200:
                middle = frame.to_ndarray(format="rgb24")[:, 280:920]
                both = np.ascontiguousarray(np.hstack([middle, middle[:, ::-1]]))
                for p in stream.encode(av.VideoFrame.from_ndarray(both, format="rgb24")):
                    dst.mux(p)
        for p in stream.encode(None):
            dst.mux(p)
    with pytest.raises(MovementProblem, match="Several people") as exc:
        track_landmarks(out)
    assert exc.value.kind == "several-people"
