"""The ACR 2016 widespread pain index from the drawing, the generalized-pain rule, the symptom
severity score and the criteria, against figures worked out by hand from Wolfe et al. 2016."""

from __future__ import annotations

import pytest

from tests.conftest import case
from tonus.core.assess import assess_case
from tonus.core.case import parse_case
from tonus.core.errors import CaseError
from tonus.core.ids import vocabulary
from tonus.core.reasoning.widespread import assess_widespread, symptom_severity_score, wpi_areas

# The 19 ACR 2016 areas and the chart regions a person pointing at that area would mark,
# written out by hand from the survey's area list (not read from widespread.yaml).
ACR_AREAS = {
    "jaw": ["head-jaw", "head-ear"],
    "shoulder-girdle": ["shoulder-top", "shoulder-anterior", "shoulder-lateral",
                        "shoulder-posterior", "axilla", "scapula-supraspinous",
                        "scapula-infraspinous", "scapula-inferior-angle"],
    "upper-arm": ["arm-anterior", "arm-posterior", "arm-lateral", "arm-medial"],
    "lower-arm": ["elbow-anterior", "elbow-lateral", "elbow-medial", "elbow-posterior",
                  "forearm-dorsal-radial", "forearm-dorsal-ulnar", "forearm-volar-radial",
                  "forearm-volar-ulnar"],
    "hip": ["buttock-upper", "buttock-central", "buttock-lower", "hip-lateral", "groin"],
    "upper-leg": ["thigh-anterior", "thigh-lateral", "thigh-medial", "thigh-posterior"],
    "lower-leg": ["knee-anterior", "knee-medial", "knee-lateral", "knee-posterior",
                  "leg-anterior", "leg-lateral", "leg-medial", "leg-posterior-upper",
                  "leg-posterior-lower"],
}
ACR_AXIAL = {
    "neck": ["neck-anterior", "neck-lateral", "neck-posterior-upper", "neck-posterior-lower"],
    "upper-back": ["scapula-medial-border", "back-thoracic-upper", "back-thoracic-lower"],
    "lower-back": ["back-lumbar", "back-sacral", "back-coccyx"],
    "chest": ["chest-pectoral", "chest-breast", "chest-lateral", "chest-sternum"],
    "abdomen": ["abdomen-upper", "abdomen-lower", "abdomen-umbilical", "flank", "pelvis-pubic"],
}
NOT_IN_THE_INDEX = ["head-forehead", "head-temple", "head-eye", "head-cheek", "head-teeth-upper",
                    "head-teeth-lower", "head-occiput", "head-mastoid", "head-vertex",
                    "head-chin", "wrist-dorsal", "wrist-volar", "hand-palm", "hand-thenar",
                    "hand-hypothenar", "hand-dorsal-radial", "hand-dorsal-ulnar",
                    "finger-thumb", "finger-index", "finger-middle", "finger-ring",
                    "finger-little", "ankle-anterior", "ankle-lateral", "ankle-medial", "heel",
                    "foot-dorsum", "foot-arch", "foot-ball", "toe-great", "toes-lesser"]


def _full(base: str, side: str) -> str:
    return vocabulary().sided(base, side)


@pytest.mark.parametrize(("area", "base"), [(a, b) for a, bs in ACR_AREAS.items() for b in bs])
@pytest.mark.parametrize("side", ["l", "r"])
def test_each_sided_region_counts_for_its_area_on_its_side(area: str, base: str,
                                                           side: str) -> None:
    assert wpi_areas([_full(base, side)]) == (f"{area}-{side}",)


@pytest.mark.parametrize(("area", "base"), [(a, b) for a, bs in ACR_AXIAL.items() for b in bs])
def test_each_axial_region_counts_for_its_area(area: str, base: str) -> None:
    regions = [base] if base in vocabulary().midline_regions else [f"{base}-l", f"{base}-r"]
    assert wpi_areas(regions) == (area,)  # both sides of the neck are still one area


@pytest.mark.parametrize("base", NOT_IN_THE_INDEX)
def test_head_hands_and_feet_are_not_in_the_index(base: str) -> None:
    regions = [base] if base in vocabulary().midline_regions else [f"{base}-l", f"{base}-r"]
    assert wpi_areas(regions) == ()


def test_every_chart_region_is_accounted_for_by_hand() -> None:
    by_hand = {b for bs in ACR_AREAS.values() for b in bs} | {
        b for bs in ACR_AXIAL.values() for b in bs} | set(NOT_IN_THE_INDEX)
    voc = vocabulary()
    assert by_hand == set(voc.sided_region_bases) | set(voc.midline_regions)


def _wp(*regions: str, sss: dict[str, int | bool] | None = None, weeks: float | None = None):
    c = parse_case(case(*[(r, 5) for r in regions], symptom_severity=sss or {}))
    wp = assess_widespread(c, weeks=weeks)
    assert wp is not None
    return wp


SSS_7 = {"fatigue": 2, "waking-unrefreshed": 3, "cognitive-symptoms": 1, "headaches": True,
         "lower-abdominal-pain-or-cramps": False, "depression": False}  # 2+3+1+1 = 7
NINE_AREAS = ("neck-posterior-lower-l", "shoulder-top-l", "shoulder-top-r", "arm-lateral-l",
              "thigh-lateral-r", "leg-posterior-upper-l", "back-lumbar-l", "head-jaw-r",
              "chest-pectoral-l")


def test_nine_areas_in_five_regions() -> None:
    wp = _wp(*NINE_AREAS)
    # neck, shoulder girdle l+r, upper arm l, upper leg r, lower leg l, lower back, jaw r, chest
    assert wp.wpi == 9
    assert wp.body_regions == ("left upper", "right upper", "left lower", "right lower", "axial")
    assert wp.generalized


def test_jaw_chest_and_abdomen_do_not_make_pain_generalized() -> None:
    wp = _wp("head-jaw-r", "chest-sternum", "abdomen-umbilical", "shoulder-top-l",
             "buttock-central-l", "buttock-central-r")
    assert wp.wpi == 6
    # right upper only through the jaw, axial only through chest and abdomen: 3 regions
    assert wp.body_regions == ("left upper", "left lower", "right lower")
    assert not wp.generalized


def test_symptom_severity_score_by_hand() -> None:
    assert symptom_severity_score(SSS_7) == 7
    worst = {"fatigue": 3, "waking-unrefreshed": 3, "cognitive-symptoms": 3, "headaches": True,
             "lower-abdominal-pain-or-cramps": True, "depression": True}
    assert symptom_severity_score(worst) == 12
    assert symptom_severity_score({"fatigue": 3}) is None  # incomplete answers: no score


def test_criteria_met_with_wpi_7_sss_5_generalized_and_three_months() -> None:
    assert _wp(*NINE_AREAS, sss=SSS_7, weeks=20).acr_2016 == "met"
    assert _wp(*NINE_AREAS, sss=SSS_7, weeks=8).acr_2016 == "not-met"  # under 3 months
    assert _wp(*NINE_AREAS, sss=SSS_7).acr_2016 == "incomplete"  # duration missing
    assert _wp(*NINE_AREAS, weeks=20).acr_2016 == "incomplete"  # symptom severity missing


def test_wpi_4_to_6_needs_sss_9() -> None:
    five = ("shoulder-top-l", "shoulder-top-r", "buttock-central-l", "buttock-central-r",
            "neck-lateral-l")  # 5 areas in 5 regions
    sss_8 = {**SSS_7, "depression": True}
    sss_9 = {**sss_8, "lower-abdominal-pain-or-cramps": True}
    assert _wp(*five, sss=sss_8, weeks=20).acr_2016 == "not-met"
    assert _wp(*five, sss=sss_9, weeks=20).acr_2016 == "met"


def test_wpi_7_with_sss_4_is_not_met() -> None:
    sss_4 = {"fatigue": 1, "waking-unrefreshed": 1, "cognitive-symptoms": 1, "headaches": True,
             "lower-abdominal-pain-or-cramps": False, "depression": False}
    assert _wp(*NINE_AREAS, sss=sss_4, weeks=20).acr_2016 == "not-met"


def test_the_block_is_exactly_the_spec_and_present_for_any_mark() -> None:
    report = assess_case(parse_case(case(("heel-r", 4))))
    assert report["widespread_pain"] == {"wpi": 0, "sss": None, "generalized": False,
                                         "acr_2016": "incomplete"}


def test_symptom_severity_is_validated_with_the_field_named() -> None:
    with pytest.raises(CaseError) as exc:
        parse_case(case(("heel-r", 4), symptom_severity={"fatigue": 4, "headaches": "yes",
                                                           "itch": 1}))
    assert [p.split(": ")[0] for p in exc.value.problems] == [
        "symptom_severity.fatigue", "symptom_severity.headaches", "symptom_severity.itch"]


def test_a_widespread_report_says_so_first_refers_and_adapts_the_plan() -> None:
    c = parse_case(case(*[(r, 6) for r in NINE_AREAS], symptom_severity=SSS_7,
                        palpation=[{"muscle": "upper-trapezius", "side": "l",
                                    "finding": "active-trigger-point"}]))
    report = assess_case(c, weeks=26)
    assert report["widespread_pain"]["acr_2016"] == "met"
    assert report["summary"][0].startswith("Widespread pain: 9 of the 19 areas")
    assert "do not explain" in report["summary"][2]
    assert report["referrals"][0]["to"] == "physician"
    assert report["referrals"][0]["factor"] == "widespread-pain"
    plan = report["treatment_plan"]
    assert len(plan["muscles"]) <= 3
    assert all(t["pressure"] <= 3 for m in plan["muscles"] for t in m["techniques"])
    assert plan["session"]["minutes_max"] == 45
    assert any(e.startswith("Pacing") for e in plan["education"])
    assert any(e.startswith("Sleep") for e in plan["education"])
    assert any(e.startswith("Graded activity") for e in plan["education"])
    assert report["hypotheses"], "trigger points are still listed as contributors"


def test_a_local_report_is_not_adapted() -> None:
    report = assess_case(parse_case(case(("head-temple-r", 6))))
    assert report["summary"] == []
    assert "session" not in report["treatment_plan"]
    assert all(r["factor"] != "widespread-pain" for r in report["referrals"])
