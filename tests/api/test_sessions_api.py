"""A visit's session record over the API: SOAP notes, NPRS, ROM, muscles treated."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client as HttpClient

SESSION: dict[str, Any] = {
    "soap_subjective": "Headache since Monday, worse at the desk.",
    "soap_objective": "Taut band in right upper trapezius.",
    "soap_assessment": "Referred pain from upper trapezius.",
    "soap_plan": "Ischemic compression; review in a week.",
    "pre_nprs": {"head-temple-r": 6},
    "post_nprs": {"head-temple-r": 3},
    "rom": [{"test": "cervical-extension", "degrees": 50}],
    "muscles_treated": [{"muscle": "upper-trapezius", "side": "r",
                         "technique": "ischemic-compression", "pressure": 3}],
}


def _with(**changes: Any) -> dict[str, Any]:
    session = copy.deepcopy(SESSION)
    session.update(changes)
    return session


def test_session_round_trip(alice_api: HttpClient, visit_of_a: Any) -> None:
    url = f"/api/visits/{visit_of_a.pk}/session"
    empty = alice_api.get(url).json()
    assert empty["soap_plan"] == "" and empty["pre_nprs"] == {} and empty["rom"] == []
    response = alice_api.put(url, SESSION, content_type="application/json")
    assert response.status_code == 200, response.content
    visit_of_a.refresh_from_db()
    assert visit_of_a.post_nprs == {"head-temple-r": 3}
    assert visit_of_a.muscles_treated == SESSION["muscles_treated"]
    assert alice_api.get(url).json()["soap_subjective"] == SESSION["soap_subjective"]


@pytest.mark.parametrize(("change", "field"), [
    ({"pre_nprs": {"head-temple-r": 11}}, "pre_nprs"),
    ({"post_nprs": {"head-temple-r": -1}}, "post_nprs"),
    ({"post_nprs": {"nowhere": 2}}, "post_nprs"),
    ({"muscles_treated": [{**SESSION["muscles_treated"][0], "pressure": 6}]}, "pressure"),
    ({"muscles_treated": [{**SESSION["muscles_treated"][0], "pressure": 0}]}, "pressure"),
    ({"muscles_treated": [{**SESSION["muscles_treated"][0], "muscle": "biceps-nope"}]},
     "muscle"),
    ({"muscles_treated": [{**SESSION["muscles_treated"][0], "technique": "tickling"}]},
     "technique"),
    ({"rom": [{"test": "cervical-extension", "degrees": 400}]}, "degrees"),
    ({"rom": [{"test": "wiggle", "degrees": 40}]}, "test"),
])
def test_invalid_session_is_422_naming_the_field_and_saves_nothing(
    alice_api: HttpClient, visit_of_a: Any, change: dict[str, Any], field: str
) -> None:
    response = alice_api.put(f"/api/visits/{visit_of_a.pk}/session", _with(**change),
                             content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in {str(part) for item in response.json()["detail"] for part in item["loc"]}
    visit_of_a.refresh_from_db()
    assert visit_of_a.pre_nprs == {} and visit_of_a.muscles_treated == []
