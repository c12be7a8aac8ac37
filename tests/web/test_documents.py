"""The PDFs: a handout and referral letters, downloaded as attachments and audited."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tonus.web.audit.models import AuditEvent
from tonus.web.plans.services import plan_lines_update, plan_seed


def test_handout_is_a_pdf_attachment_and_audited(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a)
    plan = plan_seed(by=alice, client=client_of_a, visit=visit)
    plan_lines_update(by=alice, plan=plan, home_care=["Heat"], education=["Edited advice line"])
    response = as_alice.get(reverse("plans:handout-pdf", kwargs={"visit_id": visit.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="export", object_type="home-care-handout")
    assert event.user_id == alice.pk and event.client_id == client_of_a.pk


def test_handout_uses_the_edited_plan(alice: Any, client_of_a: Any) -> None:
    from tonus.web.plans.documents import _report_for

    visit = make_visit(alice, client_of_a)
    plan = plan_seed(by=alice, client=client_of_a, visit=visit)
    plan_lines_update(by=alice, plan=plan, home_care=["Heat"], education=["Edited advice line"])
    section = _report_for(visit)["treatment_plan"]
    assert section["education"] == ["Edited advice line"] and section["home_care"] == ["Heat"]


def test_referral_and_red_flag_letters(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, activities=["bifocals"],
                       screening={"thunderclap-headache": True})
    assert visit.report["referrals"] and visit.report["red_flags"]
    page = as_alice.get(reverse("visits:visit-detail",
                                kwargs={"visit_id": visit.pk})).content.decode()
    for name in ("referral-letter-pdf", "red-flag-letter-pdf"):
        url = reverse(f"plans:{name}", kwargs={"visit_id": visit.pk, "index": 0})
        assert url in page
        response = as_alice.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="export", object_type="referral-letter").count() == 2
    missing = reverse("plans:referral-letter-pdf", kwargs={"visit_id": visit.pk, "index": 99})
    assert as_alice.get(missing).status_code == 404
