"""The referral letter states only what happened: treatment from recorded sessions (none: it
says so), the clinic's own letterhead (edited by the clinic admin), reachable from the plan."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.urls import reverse

from tests.reports.test_pdf import _text_and_pages
from tests.web.clinical_visits import make_visit
from tonus.web.audit.models import AuditEvent
from tonus.web.plans.services import plan_seed


def _letter(http: Any, visit: Any, tmp_path: Path) -> str:
    url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": 0})
    response = http.get(url)
    assert response.status_code == 200
    return _text_and_pages(response.content, tmp_path)[0]


def test_no_session_recorded_says_so_and_names_no_plan_muscle(
        as_alice: Any, alice: Any, client_of_a: Any, tmp_path: Path) -> None:
    visit = make_visit(alice, client_of_a, activities=["bifocals"])
    assert visit.report["referrals"] and not visit.muscles_treated
    text = _letter(as_alice, visit, tmp_path)
    assert "No treatment session is recorded yet" in text
    assert "Soft-tissue treatment recorded" not in text
    plan_muscle = visit.report["treatment_plan"]["muscles"][0]["name"].split(" (")[0]
    section = text.split("Treatment so far")[1].split("Plan while waiting")[0]
    assert plan_muscle.lower() not in section.lower()


def test_recorded_sessions_are_the_treatment_so_far(
        as_alice: Any, alice: Any, client_of_a: Any, tmp_path: Path) -> None:
    from tonus.web.visits.services import visit_create

    first = make_visit(alice, client_of_a, activities=["bifocals"])
    later = visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 3, 11),
                         case=first.case, pre_nprs={"head-temple-r": 6},
                         muscles_treated=[{"muscle": "levator-scapulae", "side": "r",
                                           "technique": "ischemic-compression",
                                           "pressure": 3}])
    text = _letter(as_alice, later, tmp_path)
    assert "Soft-tissue treatment recorded in 1 session, on 11 March 2025" in text
    assert "Right levator scapulae: ischemic compression (1 session)" in text
    assert "No treatment session is recorded yet" not in text


def test_clinic_admin_edits_the_letterhead(as_bob: Any, as_alice: Any, alice: Any,
                                           client_of_a: Any, tmp_path: Path) -> None:
    url = reverse("accounts:clinic-settings")
    assert as_alice.get(url).status_code == 403  # a therapist may not change it
    assert as_alice.post(url, {"name": "X"}).status_code == 403
    response = as_bob.post(url, {"name": "Clinic A", "address": "1 Quay Road\nPoole BH15 1AA",
                                 "phone": "01202 960000", "email": "desk@clinic-a.example"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="update", object_type="clinic").count() == 1
    bad = as_bob.post(url, {"name": "Clinic A", "email": "not an address"})
    assert bad.status_code == 200 and "valid email" in bad.content.decode()
    visit = make_visit(alice, client_of_a, activities=["bifocals"])
    text = _letter(as_alice, visit, tmp_path)
    for part in ("1 Quay Road", "Poole BH15 1AA", "01202 960000", "desk@clinic-a.example"):
        assert part in text


def test_letters_are_reachable_from_the_plan_page(as_alice: Any, alice: Any,
                                                  client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, activities=["bifocals"])
    plan_seed(by=alice, client=client_of_a, visit=visit)
    page = as_alice.get(reverse("plans:plan-detail", kwargs={"client_id": client_of_a.pk}))
    url = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": 0})
    assert url in page.content.decode() and "Letter to Optometrist" in page.content.decode()
