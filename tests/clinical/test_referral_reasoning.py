"""Clinical facts the engine must honour, each with its source.

Written from referral anatomy before the engine's output was looked at. "Top three" is used where
several muscles share a classic pattern; where one source is classic for the picture, first place.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import case
from tonus.core.assess import assess


def _ids(report: dict[str, Any], n: int = 3) -> list[str]:
    out = []
    for h in report["hypotheses"][:n]:
        ident = h.get("muscle") or h.get("entrapment") or h.get("root")
        out.append(f"{ident}:{h['side']}")
    return out


def test_temple_and_posterolateral_neck_point_to_upper_trapezius() -> None:
    # T&S Vol. 1 ch. 6: upper trapezius TrP1 refers up the posterolateral neck, behind the ear,
    # to the temple ("question mark").
    r = assess(case(("head-temple-r", 6), ("neck-lateral-r", 4), ("head-mastoid-r", 3),
                    ("neck-posterior-upper-r", 3)))
    assert "upper-trapezius:r" in _ids(r)


def test_front_of_shoulder_pain_points_to_infraspinatus_although_it_lies_behind() -> None:
    # T&S Vol. 1 ch. 22: infraspinatus refers deep into the front of the shoulder joint and down
    # the front and side of the arm: the source is far from the pain.
    r = assess(case(("shoulder-anterior-l", 7), ("arm-anterior-l", 4), ("arm-lateral-l", 3)))
    assert "infraspinatus:l" in _ids(r)


def test_heel_pain_points_to_soleus() -> None:
    # T&S Vol. 2 ch. 22: soleus TrP1 refers to the back and underside of the heel.
    r = assess(case(("heel-r", 7), ("leg-posterior-lower-r", 3)))
    assert "soleus:r" in _ids(r)


def test_numbness_of_thumb_index_and_middle_fingers_points_to_the_carpal_tunnel() -> None:
    # Median nerve territory (StatPearls): paresthesia of the radial three and a half digits;
    # paresthesia moves weight from trigger points to nerve sources.
    q = ["numbness", "tingling"]
    r = assess(case(("finger-thumb-r", 3, q), ("finger-index-r", 3, q), ("finger-middle-r", 3, q),
                    ("wrist-volar-r", 2, ["aching"]), activities=["typing", "mouse-use"]))
    assert r["hypotheses"][0]["kind"] == "entrapment"
    assert r["hypotheses"][0]["entrapment"] == "carpal-tunnel-median"


def test_the_same_regions_aching_rank_trigger_points_above_nerve_sources() -> None:
    # Trigger-point referral is a deep ache; paresthesia is what points to a nerve.
    q = ["numbness", "tingling"]
    drawn = [("finger-thumb-r", 4), ("finger-index-r", 3), ("forearm-volar-radial-r", 3)]
    aching = assess(case(*drawn))
    numb = assess(case(*[(reg, i, q) for reg, i in drawn]))

    def best_nerve_rank(report: dict[str, Any]) -> int:
        return min(h["rank"] for h in report["hypotheses"] if h["kind"] != "trigger-point")

    assert aching["hypotheses"][0]["kind"] == "trigger-point"
    assert best_nerve_rank(numb) < best_nerve_rank(aching)


def test_dermatomal_paresthesia_with_neck_pain_is_radicular_and_referred() -> None:
    # C6: lateral forearm, thumb and index with neck pain (clinical-notes radicular table);
    # a radicular picture is always referred.
    q = ["numbness", "tingling"]
    r = assess(case(("finger-thumb-l", 5, q), ("finger-index-l", 4, q),
                    ("forearm-volar-radial-l", 4, q), ("forearm-dorsal-radial-l", 3, q),
                    ("neck-posterior-lower-l", 6, ["aching"])))
    radicular = [h for h in r["hypotheses"][:3] if h["kind"] == "radicular"]
    assert radicular and radicular[0]["root"] == "C6" and radicular[0]["side"] == "l"
    assert any(ref["factor"].startswith("nerve-root-C6") for ref in r["referrals"])


def test_an_active_trigger_point_that_reproduces_the_complaint_dominates() -> None:
    # A confirmed active TrP that reproduces the complaint outweighs pattern matching.
    drawing = [("head-temple-r", 6), ("head-eye-r", 3)]
    without = assess(case(*drawing))
    palpated = assess(case(*drawing, palpation=[
        {"muscle": "sternocleidomastoid", "side": "r", "finding": "active-trigger-point",
         "reproduces_complaint": True}]))
    assert palpated["hypotheses"][0]["muscle"] == "sternocleidomastoid"
    assert palpated["hypotheses"][0]["score"] > without["hypotheses"][0]["score"] * 0.9
    assert any("reproduces" in e for e in palpated["hypotheses"][0]["evidence"])


def test_left_sided_pain_gives_left_sided_sources() -> None:
    r = assess(case(("buttock-lower-l", 6), ("thigh-lateral-l", 5), ("leg-lateral-l", 4)))
    assert all(h["side"] in ("l", "midline") for h in r["hypotheses"][:3])


def test_every_hypothesis_says_what_it_explains_and_what_not() -> None:
    r = assess(case(("head-temple-r", 5), ("heel-l", 5)))
    top = r["hypotheses"][0]
    assert set(top["explains"]) | set(top["not_explained"]) == {"head-temple-r", "heel-l"}
    # two distant complaints need two sources
    assert len(r["explanation"]["sources"]) >= 2
    assert r["explanation"]["unexplained"] == []


def test_the_report_is_useful_with_the_pain_drawing_alone() -> None:
    r = assess(case(("back-lumbar-r", 6), ("buttock-upper-r", 4), ("hip-lateral-r", 3)))
    assert r["format"] == "tonus.report/1"
    assert r["hypotheses"] and r["examination_plan"] and r["treatment_plan"]["muscles"]
    assert r["red_flags"] == [] and r["referrals"] == []
