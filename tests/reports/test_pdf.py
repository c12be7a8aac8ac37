"""The client handout and the referral letter: valid A4 PDFs with the right words in them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tonus.core.assess import assess
from tonus.reports.pdf import home_care_pdf
from tonus.reports.referral_letter import referral_letter_pdf

REPO = Path(__file__).resolve().parents[2]


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPO / "examples" / f"{name}.json").read_text())
    return data


def _text_and_pages(pdf: bytes, tmp_path: Path) -> tuple[str, int]:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
    return " ".join(text.split()), pages


def test_home_care_handout(tmp_path: Path) -> None:
    case = _case("temple-headache")
    report = assess(case)
    pdf = home_care_pdf(client_name="Anna Keller", clinic_name="Lindenhof Therapy",
                        therapist_name="Maria Rossi", date="2025-03-14", report=report,
                        case=case)
    assert pdf.startswith(b"%PDF")
    text, pages = _text_and_pages(pdf, tmp_path)
    assert 1 <= pages <= 3
    assert "Anna Keller" in text and "Lindenhof Therapy" in text
    for m in report["treatment_plan"]["muscles"][:4]:
        assert m["name"].split(" (")[0] in text
    stretch = " ".join(report["treatment_plan"]["muscles"][0]["self_stretch"].split())
    assert stretch[:60] in text
    assert "Stop and call us" in text


def test_referral_letter(tmp_path: Path) -> None:
    case = _case("hand-numbness")
    report = assess(case)
    referral = report["referrals"][0]
    progress = [{"date": f"2025-02-0{i + 1}", "pre_nprs": {"finger-index-r": s}}
                for i, s in enumerate([6, 6, 5, 5])]
    pdf = referral_letter_pdf(
        referral=referral, client={"name": "Claire Dubois", "date_of_birth": "1974-06-02"},
        clinic={"name": "Lindenhof Therapy", "address": "Lindenweg 12, Zürich",
                "phone": "+41 44 123 45 67"},
        therapist_name="Maria Rossi", date="2025-03-14", report=report, case=case,
        progress=progress)
    assert pdf.startswith(b"%PDF")
    text, pages = _text_and_pages(pdf, tmp_path)
    assert 1 <= pages <= 3
    assert "Claire Dubois" in text and "Physician" in text and "Dear colleague" in text
    assert "Hypothyroidism" in text
    assert "Please check thyroid function" in text
    assert "Plateau" in text  # 6,6,5,5: no MCID improvement over three sessions


def test_red_flag_comes_first_in_the_letter(tmp_path: Path) -> None:
    case = _case("temple-headache")
    case["screening"] = {"thunderclap-headache": True, "high-caffeine": True}
    report = assess(case)
    referral = report["referrals"][0] if report["referrals"] else {
        "to": "physician", "factor": "thunderclap-headache", "reason": "Please assess."}
    pdf = referral_letter_pdf(
        referral=referral, client={"name": "Anna Keller"},
        clinic={"name": "Lindenhof Therapy", "address": "Lindenweg 12"},
        therapist_name="Maria Rossi", date="2025-03-14", report=report, case=case,
        progress=None)
    text, _pages = _text_and_pages(pdf, tmp_path)
    assert text.index("Red flag") < text.index("Dear colleague")
    assert "Thunderclap headache" in text


def test_one_letter_for_several_referrals_to_one_professional(tmp_path: Path) -> None:
    case = _case("temple-headache")
    case["screening"] = {"hypothyroidism": True, "low-iron": True}
    report = assess(case)
    to_physician = [r for r in report["referrals"] if r["to"] == "physician"]
    assert len(to_physician) == 2
    pdf = referral_letter_pdf(
        referrals=to_physician, client={"name": "Anna Keller"},
        clinic={"name": "Lindenhof Therapy"}, therapist_name="Maria Rossi",
        date="2025-03-14", report=report, case=case, progress=None)
    text, _pages = _text_and_pages(pdf, tmp_path)
    assert "Reasons for referral" in text and "My questions to you" in text
    assert "Please check thyroid function" in text and "Please check iron stores" in text
    with pytest.raises(ValueError, match="one professional"):
        referral_letter_pdf(
            referrals=[to_physician[0], {**to_physician[1], "to": "optometrist"}],
            client={"name": "Anna Keller"}, clinic={"name": "Lindenhof Therapy"},
            therapist_name="Maria Rossi", date="2025-03-14", report=report, case=case,
            progress=None)


def test_referral_letter_cites_the_positive_tests_and_the_neuro_screen(tmp_path: Path) -> None:
    case = _case("neck-arm-examined")
    report = assess(case)
    assert report["hypotheses"][0]["root"] == "C6"
    referral = next(r for r in report["referrals"] if r["to"] == "physician")
    pdf = referral_letter_pdf(
        referral=referral, client={"name": "Tom Berger"}, clinic={"name": "Lindenhof Therapy"},
        therapist_name="Maria Rossi", date="2025-03-14", report=report, case=case, progress=None)
    text, _pages = _text_and_pages(pdf, tmp_path)
    text = text.lower()  # the letter's labels are set in capitals
    assert ("positive tests spurling test (foraminal compression) (left): positive, reproducing "
            "the complaint; cervical distraction test (left): positive.") in text
    assert "other tests scalene cramp test (travell & simons) (left): negative." in text
    assert ("neurological screen c6 myotome (left): grade 4/5; brachioradialis reflex (left): "
            "reduced; sensation over the left thumb: reduced.") in text
