"""The five principles at a glance: what the findings show for each, or nothing found with what
was not examined; ischemia from its own signs; where ischemic compression is used and why."""

from __future__ import annotations

from tests.conftest import case
from tonus.core.assess import assess_case
from tonus.core.case import parse_case

ORDER = ["postural-distortion", "biomechanical-disturbance", "ischemia", "trigger-points",
         "nerve-compression"]


def _principles(obj: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    report = assess_case(parse_case(obj))
    assert [p["principle"] for p in report["principles"]] == ORDER
    return {p["principle"]: p for p in report["principles"]}


def test_a_bare_drawing_says_what_was_not_examined() -> None:
    p = _principles(case(("head-temple-r", 6)))
    assert p["postural-distortion"]["status"] == "nothing-found"
    assert "posture" in p["postural-distortion"]["not_examined"].lower()
    assert p["biomechanical-disturbance"]["status"] == "nothing-found"
    assert "range of motion" in p["biomechanical-disturbance"]["not_examined"].lower()
    assert p["ischemia"]["status"] == "nothing-found"
    assert "palpation" in p["ischemia"]["not_examined"].lower()
    # the temple drawing matches trigger-point referral zones: suspected, to be palpated
    assert p["trigger-points"]["status"] == "suspected"
    assert p["trigger-points"]["evidence"] == [
        "the drawing matches their referral zones; confirm by palpation"]


def test_ischemia_from_its_signs() -> None:
    p = _principles(case(("neck-posterior-lower-r", 5, ["aching", "cold"]),
                         activities=["desk-work"],
                         palpation=[{"muscle": "upper-trapezius", "side": "r",
                                     "finding": "taut-band"}]))
    isch = p["ischemia"]
    assert isch["status"] == "found"
    assert [f.split(":")[0] for f in isch["findings"]] == [
        "postures held for long or sustained muscle contraction in the client's habits",
        "taut bands found on palpation",
        "areas felt as cold (poor circulation in the tissue)"]
    assert isch["evidence"] == ["3 of the 5 signs of ischemia"]


def test_one_sign_alone_is_only_a_suspicion() -> None:
    p = _principles(case(("back-lumbar-r", 5), activities=["prolonged-sitting"]))
    assert p["ischemia"]["status"] == "suspected"


def test_palpated_trigger_points_and_posture_are_found() -> None:
    p = _principles(case(("head-temple-r", 6), posture=["forward-head"],
                         palpation=[{"muscle": "upper-trapezius", "side": "r",
                                     "finding": "active-trigger-point",
                                     "reproduces_complaint": True}]))
    assert p["trigger-points"]["status"] == "found"
    assert p["trigger-points"]["findings"] == [
        "active trigger point in upper-trapezius (r), reproduces the complaint"]
    assert p["postural-distortion"]["status"] == "found"
    assert p["postural-distortion"]["findings"][0].startswith("forward-head")


def test_restricted_range_of_motion_is_a_biomechanical_finding() -> None:
    p = _principles(case(("neck-lateral-r", 5), rom=[{"test": "cervical-rotation-r",
                                                      "degrees": 40}]))
    bio = p["biomechanical-disturbance"]
    assert bio["status"] == "found"
    assert "restricted: 40°" in bio["findings"][0]


def test_numbness_in_a_nerve_territory_is_a_nerve_finding() -> None:
    p = _principles(case(("hand-palm-r", 5, ["numbness", "tingling"]),
                         ("finger-index-r", 5, ["numbness"]),
                         ("finger-middle-r", 5, ["tingling"])))
    nerve = p["nerve-compression"]
    assert nerve["status"] == "found"
    assert nerve["evidence"][0].startswith("numbness, tingling or weakness drawn in")


def test_the_plan_says_where_ischemic_compression_is_used_and_why() -> None:
    report = assess_case(parse_case(case(("head-temple-r", 7))))
    plan = report["treatment_plan"]
    used = [m for m in plan["muscles"]
            if any(t["technique"] == "ischemic-compression" for t in m["techniques"])]
    assert used, "a temple headache plan uses ischemic compression somewhere"
    notes = plan["ischemic_compression"]
    assert [(n["muscle"], n["side"]) for n in notes] == [(m["muscle"], m["side"]) for m in used]
    assert all("reactive hyperemia" in n["why"] for n in notes)
