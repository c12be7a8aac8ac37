"""The referral letter and the progress report show the questionnaire scores against the MCID."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from tonus.web.audit.models import AuditEvent
from tonus.web.outcomes.services import questionnaire_record
from tonus.web.visits.services import visit_create

WIDESPREAD = {"format": "tonus.case/1", "pain": [
    {"region": r, "intensity": 6, "qualities": ["aching"]}
    for r in ("neck-posterior-lower-l", "shoulder-top-l", "shoulder-top-r", "arm-lateral-l",
              "thigh-lateral-r", "leg-posterior-upper-l", "back-lumbar-l", "head-jaw-r")]}


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _two_visits(alice: Any, client: Any) -> Any:
    first = visit_create(by=alice, client=client, visit_date=datetime.date(2026, 1, 5),
                         case=WIDESPREAD)
    questionnaire_record(by=alice, visit=first, instrument="psfs",
                         answers={"activity-1": 2, "activity-2": 3, "activity-3": 4})
    second = visit_create(by=alice, client=client, visit_date=datetime.date(2026, 2, 2),
                          case=WIDESPREAD)
    questionnaire_record(by=alice, visit=second, instrument="psfs",
                         answers={"activity-1": 4, "activity-2": 5, "activity-3": 6})
    return second


def test_the_referral_letter_lists_scores_against_the_mcid(
        as_alice: HttpClient, alice: Any, client_of_a: Any, tmp_path: Path) -> None:
    visit = _two_visits(alice, client_of_a)
    index = next(i for i, r in enumerate(visit.report["referrals"])
                 if r["factor"] == "widespread-pain")
    url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": index})
    text = _text(as_alice.get(url).content, tmp_path)
    assert "Widespread pain" in text
    assert "Patient-Specific Functional Scale (PSFS)" in text
    assert "+2: better by at least the MCID (2)" in text  # mean 3 -> 5


def test_the_progress_report_pdf(as_alice: HttpClient, alice: Any, client_of_a: Any,
                                 tmp_path: Path) -> None:
    _two_visits(alice, client_of_a)
    response = as_alice.get(f"/outcomes/clients/{client_of_a.pk}/progress-report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = _text(response.content, tmp_path)
    assert "Progress report" in text and "Sarah Whitfield" in text
    assert "5 Jan 2026" in text and "2 Feb 2026" in text
    assert "better by at least the MCID" in text
    assert AuditEvent.objects.filter(action="export", object_type="progress-report").exists()


def test_another_clinic_cannot_export(as_carol: HttpClient, client_of_a: Any) -> None:
    response = as_carol.get(f"/outcomes/clients/{client_of_a.pk}/progress-report.pdf")
    assert response.status_code == 404
