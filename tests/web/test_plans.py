"""The treatment plan: seeded from the report, edited by the therapist, every edit audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tonus.web.audit.models import AuditEvent
from tonus.web.plans.models import TreatmentPlan
from tonus.web.plans.services import plan_muscle_add, plan_muscle_update, plan_seed


def _seeded(alice: Any, client: Any, **case_extra: Any) -> TreatmentPlan:
    visit = make_visit(alice, client, **case_extra)
    return plan_seed(by=alice, client=client, visit=visit)


def _url(name: str, plan: TreatmentPlan, **kwargs: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"client_id": plan.client_id, **kwargs})


def test_plan_is_seeded_from_the_report(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    url = reverse("plans:plan-detail", kwargs={"client_id": client_of_a.pk})
    assert "Make the plan from this assessment" in as_alice.get(url).content.decode()
    response = as_alice.post(reverse("plans:plan-seed", kwargs={"client_id": client_of_a.pk}),
                             {"visit_id": visit.pk})
    assert response.status_code == 302
    plan = TreatmentPlan.objects.get()
    seed = visit.report["treatment_plan"]
    assert [m["muscle"] for m in plan.muscles] == [m["muscle"] for m in seed["muscles"]]
    assert plan.home_care == seed["home_care"] and plan.education == seed["education"]
    first = plan.muscles[0]
    assert first["technique"] == seed["muscles"][0]["techniques"][0]["technique"]
    assert 1 <= first["pressure"] <= 5
    page = as_alice.get(url).content.decode()
    assert first["name"] in page and "Home-care handout (PDF)" in page
    assert AuditEvent.objects.filter(object_type="treatment-plan", action="create").exists()


def test_reorder_remove_add_and_edit_are_audited(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    plan = _seeded(alice, client_of_a)
    names = [m["muscle"] for m in plan.muscles]
    as_alice.post(_url("muscle-move", plan, index=1), {"direction": "up"})
    plan.refresh_from_db()
    assert [m["muscle"] for m in plan.muscles][:2] == [names[1], names[0]]
    as_alice.post(_url("muscle-remove", plan, index=0))
    plan.refresh_from_db()
    assert names[1] not in [m["muscle"] for m in plan.muscles]
    as_alice.post(_url("muscle-add", plan), {"muscle": "masseter", "side": "l"})
    plan.refresh_from_db()
    added = plan.muscles[-1]
    assert (added["muscle"], added["side"]) == ("masseter", "l")
    assert added["options"] and added["technique"] == added["options"][0]["technique"]
    last = len(plan.muscles) - 1
    as_alice.post(_url("muscle-update", plan, index=last),
                  {"technique": added["technique"], "pressure": "2", "notes": "Gentle."})
    plan.refresh_from_db()
    assert plan.muscles[-1]["pressure"] == 2 and plan.muscles[-1]["notes"] == "Gentle."
    as_alice.post(_url("lines-update", plan), {"home_care": "Heat pack\n\nChin tucks",
                                               "education": "Screen at eye level"})
    plan.refresh_from_db()
    assert plan.home_care == ["Heat pack", "Chin tucks"]
    assert plan.education == ["Screen at eye level"]
    updates = AuditEvent.objects.filter(object_type="treatment-plan", action="update")
    assert updates.count() == 5
    assert all(e.user_id == alice.pk and e.client_id == client_of_a.pk for e in updates)


@pytest.mark.parametrize("pressure", ["0", "6", "-1", "deep", ""])
def test_pressure_outside_one_to_five_is_refused(
    as_alice: Any, alice: Any, client_of_a: Any, pressure: str
) -> None:
    plan = _seeded(alice, client_of_a)
    before = plan.muscles
    response = as_alice.post(_url("muscle-update", plan, index=0), {
        "technique": before[0]["technique"], "pressure": pressure, "notes": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.muscles == before
    assert not AuditEvent.objects.filter(object_type="treatment-plan", action="update").exists()


def test_service_refuses_pressure_outside_one_to_five(alice: Any, client_of_a: Any) -> None:
    plan = _seeded(alice, client_of_a)
    for pressure in (0, 6, True):
        with pytest.raises(ValidationError):
            plan_muscle_update(by=alice, plan=plan, index=0, pressure=pressure,
                               technique=plan.muscles[0]["technique"], notes="")
    plan.refresh_from_db()
    assert plan.muscles[0]["pressure"] in range(1, 6)


def test_plan_shows_the_red_flag_hold(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    plan = _seeded(alice, client_of_a, screening={"thunderclap-headache": True})
    assert plan.on_hold
    html = as_alice.get(_url("plan-detail", plan)).content.decode()
    assert "Plan on hold: refer before treatment" in html and "Emergency services" in html


def test_a_muscle_added_by_hand_keeps_the_screening_pressure_limit(
    alice: Any, client_of_a: Any
) -> None:
    # Anticoagulants: light pressure only, no sustained ischemic compression (clinical notes f).
    client_of_a.screening = {**client_of_a.screening, "anticoagulant-medication": True}
    client_of_a.save()
    plan = _seeded(alice, client_of_a)
    plan = plan_muscle_add(by=alice, plan=plan, muscle="gluteus-medius", side="l")
    added = plan.muscles[-1]
    assert added["muscle"] == "gluteus-medius"
    assert all(o["pressure"] <= 2 for o in added["options"])
    assert all(o["technique"] != "ischemic-compression" for o in added["options"])
