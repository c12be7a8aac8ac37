"""Trends over visits and the SOAP draft."""

from __future__ import annotations

import json
from pathlib import Path

from tonus.core.progress import build_trends, draft_soap

REPO = Path(__file__).resolve().parents[3]


def test_series_change_from_baseline() -> None:
    t = build_trends([
        {"date": "2025-01-15", "pre_nprs": {"head-temple-r": 4, "neck-lateral-r": 2},
         "rom": [{"test": "cervical-rotation-l", "degrees": 70}],
         "measures": [{"id": "craniovertebral-angle", "value": 47}]},
        {"date": "2025-01-01", "pre_nprs": {"head-temple-r": 7, "neck-lateral-r": 4},
         "post_nprs": {"head-temple-r": 5},
         "rom": [{"test": "cervical-rotation-l", "degrees": 55}],
         "measures": [{"id": "craniovertebral-angle", "value": 44}]},
    ], primary=["head-temple-r", "neck-lateral-r"])
    assert t.pre_regions["head-temple-r"].values == [7, 4]  # ordered by date
    assert t.pre_regions["head-temple-r"].change == -3
    assert t.overall.values == [5.5, 3.0] and t.overall_max.values == [7, 4]
    assert t.rom["cervical-rotation-l"].change == 15
    assert t.measures["craniovertebral-angle"].change == 3
    assert t.overall.change_pct == -45.5


def test_soap_in_plain_words() -> None:
    from tonus.core.assess import assess

    case = json.loads((REPO / "examples/temple-headache.json").read_text())
    case["rom"] = [{"test": "cervical-rotation-l", "degrees": 55}]
    case["palpation"] = [{"muscle": "upper-trapezius", "side": "r",
                          "finding": "active-trigger-point", "reproduces_complaint": True}]
    case["screening"] = {"high-caffeine": True}
    soap = draft_soap(case, assess(case), None)
    assert "Right temple 6/10 aching" in soap.subjective
    assert "high caffeine" in soap.subjective
    assert "normal 80°" in soap.objective
    assert "active trigger point, reproducing the complaint" in soap.objective
    assert "trapezius" in soap.assessment.lower()
    assert "pincer compression" in soap.plan
    assert "head-temple-r" not in soap.text()
