"""The posture section of the PDFs and one referral letter per professional."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tests.web.posture_helpers import stored_photo_with_landmarks, tilted_landmarks
from tonus.web.audit.models import AuditEvent


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


def two_physician_visit(alice: Any, client: Any) -> Any:
    visit = make_visit(alice, client, activities=["desk-work", "bifocals"],
                       screening={"hypothyroidism": True, "low-iron": True})
    to_physician = [r["factor"] for r in visit.report["referrals"] if r["to"] == "physician"]
    assert to_physician == ["hypothyroidism", "low-iron"]
    return visit


def test_assessment_offers_one_letter_per_professional(
    as_alice: Any, alice: Any, client_of_a: Any, tmp_path: Path,
) -> None:
    visit = two_physician_visit(alice, client_of_a)
    page = as_alice.get(reverse("visits:visit-detail",
                                kwargs={"visit_id": visit.pk})).content.decode()
    professionals = {r["to"] for r in visit.report["referrals"]}
    assert page.count("/referral/") == len(professionals)
    assert "2 reasons, one letter" in page
    physician_second = next(i for i, r in enumerate(visit.report["referrals"])
                            if r["factor"] == "low-iron")
    for index in (0, physician_second):  # either physician referral gives the same letter
        url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": index})
        text = pdf_text(as_alice.get(url).content, tmp_path)
        assert "Reasons for referral" in text and "My questions to you" in text
        assert "Hypothyroidism" in text and "Low iron" in text
        assert "Bifocals" not in text  # the optometrist gets a letter of their own
    event = AuditEvent.objects.filter(object_type="referral-letter").last()
    assert event is not None and "hypothyroidism, low-iron" in event.summary


def test_red_flag_letters_stay_separate(as_alice: Any, alice: Any, client_of_a: Any,
                                        tmp_path: Path) -> None:
    visit = make_visit(alice, client_of_a, screening={"thunderclap-headache": True,
                                                      "hypothyroidism": True})
    url = reverse("plans:red-flag-letter-pdf", kwargs={"visit_id": visit.pk, "index": 0})
    text = pdf_text(as_alice.get(url).content, tmp_path)
    assert "Reason for referral" in text and "Reasons for referral" not in text
    assert "Thunderclap headache" in text.split("Dear colleague")[0]


def test_letter_and_handout_show_the_posture_photo(
    as_alice: Any, alice: Any, client_of_a: Any, tmp_path: Path,
) -> None:
    visit = two_physician_visit(alice, client_of_a)
    stored_photo_with_landmarks(visit, alice, tilted_landmarks())
    url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": 0})
    response = as_alice.get(url)
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    posture = text[text.index("Posture Standing photos"):]
    assert "Front view" in posture and "Norm" in posture and "Finding" in posture
    assert "Shoulder tilt" in posture
    handout = as_alice.get(reverse("plans:handout-pdf", kwargs={"visit_id": visit.pk}))
    assert "Your posture" in pdf_text(handout.content, tmp_path)


def test_no_posture_section_without_photos(as_alice: Any, alice: Any, client_of_a: Any,
                                           tmp_path: Path) -> None:
    visit = two_physician_visit(alice, client_of_a)
    url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": 0})
    assert "Standing photos" not in pdf_text(as_alice.get(url).content, tmp_path)
