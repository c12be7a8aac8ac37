"""Another clinic gets 404 on every visit, plan and PDF URL, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.clinical_visits import consultation_post, make_visit
from tonus.web.plans.services import plan_seed

GETS = [
    ("visits:visit-detail", "visit"), ("visits:visit-drawing", "visit"),
    ("visits:visit-create", "client"), ("visits:hypothesis-chart", "visit-rank"),
    ("plans:plan-detail", "client"), ("plans:handout-pdf", "visit"),
    ("plans:referral-letter-pdf", "visit-index"), ("plans:red-flag-letter-pdf", "visit-index"),
]
POSTS = [
    ("visits:visit-create", "client"), ("visits:visit-drawing", "visit"),
    ("visits:finding-add", "visit-kind"), ("visits:finding-remove", "visit-kind-index"),
    ("plans:plan-seed", "client"), ("plans:muscle-add", "client"),
    ("plans:muscle-move", "client-index"), ("plans:muscle-remove", "client-index"),
    ("plans:muscle-update", "client-index"), ("plans:lines-update", "client"),
]


@pytest.fixture
def setting(alice: Any, client_of_a: Any) -> dict[str, Any]:
    visit = make_visit(alice, client_of_a, activities=["bifocals"],
                       screening={"thunderclap-headache": True},
                       rom=[{"test": "cervical-rotation-r", "degrees": 50}])
    plan = plan_seed(by=alice, client=client_of_a, visit=visit)
    return {"visit": visit, "client": client_of_a, "plan": plan}


def _kwargs(shape: str, s: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if shape.startswith("visit"):
        out["visit_id"] = s["visit"].pk
    if shape.startswith("client"):
        out["client_id"] = s["client"].pk
    if "rank" in shape:
        out["rank"] = 1
    if "index" in shape:
        out["index"] = 0
    if "kind" in shape:
        out["kind"] = "rom"
    return out


@pytest.mark.parametrize(("name", "shape"), GETS)
def test_other_clinic_gets_404(as_carol: Any, as_alice: Any, setting: dict[str, Any],
                               name: str, shape: str) -> None:
    url = reverse(name, kwargs=_kwargs(shape, setting))
    assert as_alice.get(url).status_code == 200
    assert as_carol.get(url).status_code == 404


@pytest.mark.parametrize(("name", "shape"), POSTS)
def test_other_clinic_cannot_write(as_carol: Any, setting: dict[str, Any],
                                   name: str, shape: str) -> None:
    visit, plan = setting["visit"], setting["plan"]
    url = reverse(name, kwargs=_kwargs(shape, setting))
    data = {**consultation_post(), "visit_id": visit.pk, "muscle": "masseter", "side": "l",
            "test": "cervical-rotation-l", "degrees": "10", "direction": "down",
            "pressure": "1", "technique": plan.muscles[0]["technique"]}
    assert as_carol.post(url, data).status_code == 404
    before_case, before_muscles = visit.case, plan.muscles
    visit.refresh_from_db()
    plan.refresh_from_db()
    assert visit.case == before_case and plan.muscles == before_muscles
