"""Visits, cases and assessments over the API: the case is validated by the core's parse_case,
the report always comes from assess()."""

from __future__ import annotations

import copy
from typing import Any

from django.test import Client as HttpClient

from tests.api.conftest import CASE
from tonus.core.case import parse_case
from tonus.core.errors import CaseError
from tonus.web.audit.models import AuditEvent
from tonus.web.visits.models import Visit

BAD_CASE: dict[str, Any] = {
    "format": "tonus.case/1",
    "pain": [{"region": "nowhere", "intensity": 12, "qualities": ["aching"], "primary": True}],
    "activities": ["juggling-knives"],
}
NECK_CASE: dict[str, Any] = {
    "format": "tonus.case/1",
    "pain": [{"region": "neck-posterior-upper-r", "intensity": 5, "qualities": ["aching"],
              "primary": True}],
}


def _problems(case: dict[str, Any]) -> list[str]:
    try:
        parse_case(case)
    except CaseError as error:
        return error.problems
    raise AssertionError("the case should be invalid")


def _assert_case_problems(response: Any) -> None:
    """422, one item per problem the core (and the CLI) reports, each naming its field."""
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    expected = _problems(BAD_CASE)
    assert len(detail) == len(expected) >= 2
    for item, line in zip(detail, expected, strict=True):
        field, _, message = line.partition(": ")
        assert item["loc"][-1] == field and item["msg"] == message
    fields = {item["loc"][-1] for item in detail}
    assert "activities[0]" in fields and any(f.startswith("pain[0].") for f in fields)


def test_record_a_visit_with_its_case(alice_api: HttpClient, client_of_a: Any) -> None:
    response = alice_api.post(f"/api/clients/{client_of_a.pk}/visits",
                              {"visit_date": "2025-02-03", "case": CASE},
                              content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    visit = Visit.objects.get(pk=body["id"])
    assert body["client_id"] == client_of_a.pk and body["therapist"] == "alice"
    assert visit.case == CASE and visit.report["format"] == "tonus.report/1"


def test_an_invalid_case_is_422_per_problem_and_stores_nothing(
    alice_api: HttpClient, client_of_a: Any
) -> None:
    response = alice_api.post(f"/api/clients/{client_of_a.pk}/visits",
                              {"visit_date": "2025-02-03", "case": BAD_CASE},
                              content_type="application/json")
    _assert_case_problems(response)
    assert not Visit.objects.exists()


def test_a_visit_without_a_date_is_422(alice_api: HttpClient, client_of_a: Any) -> None:
    response = alice_api.post(f"/api/clients/{client_of_a.pk}/visits", {"case": CASE},
                              content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "visit_date"


def test_list_and_get_visits(alice_api: HttpClient, visit_of_a: Any) -> None:
    listed = alice_api.get(f"/api/clients/{visit_of_a.client_id}/visits").json()
    assert [v["id"] for v in listed] == [visit_of_a.pk]
    body = alice_api.get(f"/api/visits/{visit_of_a.pk}").json()
    assert body["visit_date"] == "2025-01-06" and body["therapist"] == "alice"


def test_get_the_case_and_the_report(alice_api: HttpClient, visit_of_a: Any) -> None:
    assert alice_api.get(f"/api/visits/{visit_of_a.pk}/case").json() == CASE
    report = alice_api.get(f"/api/visits/{visit_of_a.pk}/report").json()
    assert report == visit_of_a.report and report["format"] == "tonus.report/1"


def test_put_a_case_reassesses(alice_api: HttpClient, visit_of_a: Any) -> None:
    before = copy.deepcopy(visit_of_a.report)
    response = alice_api.put(f"/api/visits/{visit_of_a.pk}/case", NECK_CASE,
                             content_type="application/json")
    assert response.status_code == 200, response.content
    visit_of_a.refresh_from_db()
    assert visit_of_a.case == NECK_CASE
    assert response.json() == visit_of_a.report != before


def test_put_an_invalid_case_is_422_and_keeps_the_old_one(
    alice_api: HttpClient, visit_of_a: Any
) -> None:
    response = alice_api.put(f"/api/visits/{visit_of_a.pk}/case", BAD_CASE,
                             content_type="application/json")
    _assert_case_problems(response)
    visit_of_a.refresh_from_db()
    assert visit_of_a.case == CASE


def test_a_case_that_is_not_an_object_is_422(alice_api: HttpClient, visit_of_a: Any) -> None:
    response = alice_api.put(f"/api/visits/{visit_of_a.pk}/case", ["not", "a", "case"],
                             content_type="application/json")
    assert response.status_code == 422


def test_assess_stores_nothing(alice_api: HttpClient, alice: Any) -> None:
    events = AuditEvent.objects.count()
    response = alice_api.post("/api/assess", CASE, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["format"] == "tonus.report/1"
    assert response.json()["hypotheses"]
    assert not Visit.objects.exists()
    assert AuditEvent.objects.count() == events


def test_assess_validates_like_the_cli(alice_api: HttpClient) -> None:
    _assert_case_problems(alice_api.post("/api/assess", BAD_CASE,
                                         content_type="application/json"))


def test_assess_needs_a_token(db: Any) -> None:
    response = HttpClient().post("/api/assess", CASE, content_type="application/json")
    assert response.status_code == 401
