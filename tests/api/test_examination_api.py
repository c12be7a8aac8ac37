"""The API carries the examination: a case's history, tests and neuro screen are stored as
given, assessed, and refused field by field when wrong."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient

from tonus.web.visits.models import Visit

EXAM_CASE: dict[str, Any] = {
    "format": "tonus.case/1",
    "pain": [{"region": "neck-posterior-lower-l", "intensity": 5, "qualities": ["aching"],
              "primary": True},
             {"region": "finger-thumb-l", "intensity": 4, "qualities": ["tingling"]}],
    "history": {"onset": "insidious", "weeks": 6, "aggravated_by": ["cough-sneeze-strain"]},
    "tests": [{"test": "spurling", "side": "l", "result": "positive",
               "reproduces_complaint": True}],
    "neuro": [{"kind": "strength", "root": "C6", "side": "l", "grade": 4}],
}


def test_a_case_with_tests_and_neuro_is_stored_and_assessed(
    alice_api: HttpClient, client_of_a: Any
) -> None:
    response = alice_api.post(f"/api/clients/{client_of_a.pk}/visits",
                              {"visit_date": "2025-02-03", "case": EXAM_CASE},
                              content_type="application/json")
    assert response.status_code == 201, response.content
    visit = Visit.objects.get(pk=response.json()["id"])
    assert visit.case["tests"] == EXAM_CASE["tests"] and visit.case["neuro"] == EXAM_CASE["neuro"]
    top = visit.report["hypotheses"][0]
    assert (top["kind"], top["root"], top["side"]) == ("radicular", "C6", "l")
    assert any(e.startswith("test: Spurling") for e in top["evidence"])
    report = alice_api.post("/api/assess", EXAM_CASE, content_type="application/json").json()
    assert any(step.get("kind") in ("test", "neuro") for step in report["examination_plan"])


def test_bad_tests_are_422_one_item_per_problem(alice_api: HttpClient) -> None:
    bad = {**EXAM_CASE, "tests": [{"test": "spurlng", "side": "x", "result": "yes"}]}
    response = alice_api.post("/api/assess", bad, content_type="application/json")
    assert response.status_code == 422
    fields = [item["loc"][-1] for item in response.json()["detail"]]
    assert fields == ["tests[0].test", "tests[0].side", "tests[0].result"]
