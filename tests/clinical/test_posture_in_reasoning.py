"""Posture measured beyond its norm becomes a finding that weighs the muscles holding it
(Janda's upper crossed syndrome; Lau et al.: craniovertebral angle about 44° with neck pain)."""

from __future__ import annotations

from typing import Any

from tests.conftest import case
from tonus.core.assess import assess


def _score(report: dict[str, Any], muscle: str, side: str) -> float:
    for h in report["hypotheses"]:
        if h.get("muscle") == muscle and h["side"] == side:
            return float(h["score"])
    return 0.0


def test_a_small_craniovertebral_angle_becomes_forward_head() -> None:
    r = assess(case(("head-occiput-r", 5), ("neck-posterior-upper-r", 4),
                    measures=[{"id": "craniovertebral-angle", "value": 41.0, "unit": "deg"}]))
    findings = [i for i in r["imbalance"] if i.get("finding") == "forward-head"]
    assert findings and findings[0]["severity"] in ("moderate", "marked")
    assert "41°" in findings[0]["evidence"]
    assert any("Craniovertebral angle" in e for h in r["hypotheses"] for e in h["evidence"])


def test_a_normal_angle_adds_no_finding() -> None:
    r = assess(case(("head-occiput-r", 5),
                    measures=[{"id": "craniovertebral-angle", "value": 52.0, "unit": "deg"}]))
    assert r["imbalance"] == []


def test_an_elevated_right_shoulder_raises_the_right_upper_trapezius() -> None:
    drawing = [("neck-lateral-r", 5), ("head-temple-r", 4)]
    plain = assess(case(*drawing))
    measured = assess(case(*drawing, measures=[
        {"id": "shoulder-height-difference", "value": 2.5, "unit": "cm"}]))
    assert _score(measured, "upper-trapezius", "r") > _score(plain, "upper-trapezius", "r")


def test_restricted_rotation_points_to_the_levator_scapulae_of_that_side() -> None:
    # T&S Vol. 1 ch. 19: levator scapulae limits rotation toward the same side (stiff neck).
    drawing = [("neck-lateral-l", 6), ("scapula-medial-border-l", 3)]
    plain = assess(case(*drawing))
    limited = assess(case(*drawing, rom=[{"test": "cervical-rotation-l", "degrees": 40}]))
    assert _score(limited, "levator-scapulae", "l") > _score(plain, "levator-scapulae", "l")
