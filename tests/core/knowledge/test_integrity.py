"""Coverage of the knowledge base against the shared contracts."""

from __future__ import annotations

from typing import Any

from tonus.core.ids import vocabulary


def test_every_muscle_has_trigger_points_with_essential_zones(kb: Any) -> None:
    voc = vocabulary()
    assert set(kb.muscles) == set(voc.muscles)
    for m in kb.muscles.values():
        assert m.trigger_points, m.id
        for tp in m.trigger_points:
            assert tp.referral.essential, f"{m.id} {tp.id}"
            assert tp.sources


def test_every_entrapment_factor_and_red_flag_is_covered(kb: Any) -> None:
    voc = vocabulary()
    assert set(kb.entrapments) == set(voc.entrapments)
    assert set(kb.factors) == set(voc.perpetuating_factors)
    assert set(kb.red_flags) == voc.red_flags
    assert set(kb.activities) == voc.activities
    assert set(kb.nerve_roots) == {"C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"}
    assert set(kb.posture_rules) == set(voc.posture_findings)


def test_every_red_flag_names_a_professional_and_emergencies_go_to_emergency(kb: Any) -> None:
    for flag in kb.red_flags.values():
        assert flag.to in vocabulary().professionals
    assert kb.red_flags["thunderclap-headache"].to == "emergency"
    assert kb.red_flags["saddle-anesthesia"].to == "emergency"


def test_the_seed_factors_refer_to_the_right_professional(kb: Any) -> None:
    # The mission: leg-length differences need a medical doctor or chiropractor to confirm;
    # bifocals (head repositioning) go to an eye professional.
    assert set(kb.factors["leg-length-difference"].refer_to) & {"chiropractor", "physician",
                                                                  "orthopedist"}
    assert "optometrist" in kb.activities["bifocals"].refer_to
    assert "dentist" in kb.activities["jaw-clenching"].refer_to


def test_every_reference_cited_exists(kb: Any) -> None:
    assert {"ts-v1", "ts-v2"} <= set(kb.references)
