"""Red flags and referrals: the limits of soft-tissue work (mission: Limitations)."""

from __future__ import annotations

from tests.conftest import case
from tonus.core.assess import assess


def test_thunderclap_headache_is_referred_to_emergency_before_treatment() -> None:
    # SNNOOP10 / clinical notes: sudden "worst ever" headache → emergency.
    r = assess(case(("head-temple-r", 9), screening={"thunderclap-headache": True}))
    flag = r["red_flags"][0]
    assert flag["id"] == "thunderclap-headache"
    assert flag["action"] == "refer-before-treatment" and flag["to"] == "emergency"
    assert r["treatment_plan"]["status"].startswith("on hold")


def test_no_red_flag_is_invented() -> None:
    flags = ("thunderclap-headache", "unrelenting-night-pain", "saddle-anesthesia",
             "bilateral-paresthesia")
    screening = dict.fromkeys(flags, False)
    r = assess(case(("back-lumbar-r", 8), ("back-lumbar-l", 8), ("buttock-central-r", 6),
                    screening=screening, client={"age": 72, "sex": "male"}))
    assert r["red_flags"] == []
    assert r["treatment_plan"]["status"] == "ready"


def test_numbness_in_both_hands_raises_the_bilateral_paresthesia_flag_when_unanswered() -> None:
    q = ["numbness"]
    r = assess(case(("finger-index-r", 2, q), ("finger-index-l", 2, q)))
    assert [f["id"] for f in r["red_flags"]] == ["bilateral-paresthesia"]
    assert "pain drawing" in r["red_flags"][0]["found_by"]
    answered = assess(case(("finger-index-r", 2, q), ("finger-index-l", 2, q),
                           screening={"bilateral-paresthesia": False}))
    assert answered["red_flags"] == []


def test_bifocals_call_for_an_optometrist_naming_the_factor() -> None:
    # Mission: repositioning the head to aid vision (bifocals) is a perpetuating factor.
    r = assess(case(("head-occiput-r", 5), ("neck-posterior-upper-r", 5),
                    activities=["bifocals"]))
    assert {"to": "optometrist", "factor": "bifocals"}.items() <= r["referrals"][0].items()


def test_stalled_progress_strengthens_the_referral_for_a_screened_factor() -> None:
    drawing = [("neck-lateral-r", 5), ("head-temple-r", 4)]
    early = assess(case(*drawing, screening={"hypothyroidism": True}))
    stalled = assess(case(*drawing, screening={"hypothyroidism": True},
                          sessions_without_progress=4))
    early_ref = [x for x in early["referrals"] if x["factor"] == "hypothyroidism"]
    late_ref = [x for x in stalled["referrals"] if x["factor"] == "hypothyroidism"]
    assert early_ref and late_ref
    assert early_ref[0]["priority"] == "consider"
    assert late_ref[0]["priority"] == "recommended" and "4 sessions" in late_ref[0]["reason"]


def test_stalled_progress_without_a_known_factor_still_refers() -> None:
    r = assess(case(("back-lumbar-r", 5), sessions_without_progress=3))
    assert [x["to"] for x in r["referrals"]] == ["physician"]
    assert r["referrals"][0]["factor"] == "sessions-without-progress"


def test_anticoagulants_cap_the_pressure_of_every_technique() -> None:
    r = assess(case(("shoulder-top-r", 5), ("neck-lateral-r", 4),
                    screening={"anticoagulant-medication": True}))
    for m in r["treatment_plan"]["muscles"]:
        for t in m["techniques"]:
            assert t["pressure"] <= 2
            assert t["technique"] != "ischemic-compression"
