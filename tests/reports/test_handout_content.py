"""The handout says what is right for THIS client, read back from the PDF (pdftotext): only
stretches the client can do alone, education only from the client's own habits and findings,
and each piece of advice once.

The facts: the sternocleidomastoid's stretch after deactivation is done supine with the
therapist holding the head off the table (Travell & Simons vol. 1 ch. 7), so it cannot be home
care; its self-stretch is done sitting, holding the chair seat. Bifocal advice concerns only a
client who wears bifocals. Desk work and prolonged sitting both advise getting up every 20-30
minutes: that is one piece of advice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.reports.test_pdf import _text_and_pages
from tonus.core.assess import assess
from tonus.reports.pdf import home_care_pdf

REPO = Path(__file__).resolve().parents[2]


def _handout(case: dict[str, Any], tmp_path: Path) -> str:
    report = assess(case)
    pdf = home_care_pdf(client_name="Anna Keller", clinic_name="Lindenhof Therapy",
                        therapist_name="Maria Rossi", date="2025-03-14", report=report,
                        case=case)
    return _text_and_pages(pdf, tmp_path)[0]


def _temple_headache() -> dict[str, Any]:
    case: dict[str, Any] = json.loads((REPO / "examples" / "temple-headache.json").read_text())
    return case


def test_the_scm_prints_its_self_stretch_never_the_therapists(tmp_path: Path) -> None:
    case = _temple_headache()
    assert "sternocleidomastoid" in [m["muscle"] for m in
                                     assess(case)["treatment_plan"]["muscles"][:4]]
    text = _handout(case, tmp_path)
    assert "Sternocleidomastoid" in text
    assert "therapist supports the head" not in text
    assert "the therapist" not in text.lower().replace("from maria rossi", "")
    assert "Sitting, hold the chair seat with the hand of the treated side so the shoulder " \
           "stays down, turn the face toward the treated side" in text
    assert "Stretch at home".upper() in text.upper()


def test_bifocal_advice_only_for_a_client_with_bifocals(tmp_path: Path) -> None:
    case = _temple_headache()  # desk work and the phone; the plan has the suboccipitals
    assert "bifocals" not in case["activities"]
    assert not re.search(r"bifocal", _handout(case, tmp_path), re.I)
    case["activities"] = [*case["activities"], "bifocals"]
    assert "Single-vision glasses set for the screen distance" in _handout(case, tmp_path)


def test_no_advice_is_printed_twice(tmp_path: Path) -> None:
    case = _temple_headache()
    case["activities"] = ["desk-work", "phone-on-ear", "prolonged-sitting"]
    text = _handout(case, tmp_path)
    assert text.count("20-30 minutes") == 1  # desk work and prolonged sitting say it both
    assert text.count("headset") == 1  # the phone habit, not again from a neck muscle
    assert text.lower().count("never hold the phone") == 1


def test_a_plan_on_hold_prints_no_exercises(tmp_path: Path) -> None:
    case = _temple_headache()
    case["screening"] = {"thunderclap-headache": True}  # refer before any treatment
    text = _handout(case, tmp_path)
    assert "Please see a doctor before we continue" in text
    assert "STRETCH AT HOME" not in text.upper() and "AT HOME •" not in text.upper()
    assert "Desk work".upper() in text.upper()  # the habit advice stays
