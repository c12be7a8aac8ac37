"""Questionnaires over the API: recorded and scored by the core, bad answers named, the series
against the MCID, clinic scope and audit."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient

from tonus.web.audit.models import AuditEvent


def test_record_and_read_a_psfs(alice_api: HttpClient, visit_of_a: Any) -> None:
    body = {"instrument": "psfs", "answers": {"activity-1": 2, "activity-2": 4, "activity-3": 6},
            "labels": {"activity-1": "Lifting my child"}}
    response = alice_api.post(f"/api/visits/{visit_of_a.pk}/questionnaires", body,
                              content_type="application/json")
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["total"] == 4.0  # (2 + 4 + 6) / 3
    assert out["labels"] == {"activity-1": "Lifting my child"}
    listed = alice_api.get(f"/api/visits/{visit_of_a.pk}/questionnaires").json()
    assert [q["instrument"] for q in listed] == ["psfs"]
    series = alice_api.get(f"/api/clients/{visit_of_a.client_id}/questionnaires").json()
    assert series[0]["points"][0]["total"] == 4.0 and series[0]["mcid"] == 2
    assert AuditEvent.objects.filter(object_type="questionnaire", action="create").exists()


def test_an_out_of_range_item_is_named(alice_api: HttpClient, visit_of_a: Any) -> None:
    body = {"instrument": "lefs", "answers": {f"item-{i}": 2 for i in range(1, 20)}}
    body["answers"]["item-3"] = 7
    response = alice_api.post(f"/api/visits/{visit_of_a.pk}/questionnaires", body,
                              content_type="application/json")
    assert response.status_code == 422
    messages = [d["msg"] for d in response.json()["detail"]]
    assert any("item 'item-3'" in m and "got 7" in m for m in messages)


def test_instruments_carry_their_terms(alice_api: HttpClient) -> None:
    instruments = {i["id"]: i for i in alice_api.get("/api/questionnaires/instruments").json()}
    assert set(instruments) == {"psfs", "lefs", "acr-2016-fs"}
    assert "free" in instruments["lefs"]["terms"].lower()
    assert instruments["acr-2016-fs"]["mcid"] is None


def test_another_clinic_gets_404(carol_api: HttpClient, visit_of_a: Any) -> None:
    assert carol_api.get(f"/api/visits/{visit_of_a.pk}/questionnaires").status_code == 404
    assert carol_api.get(
        f"/api/clients/{visit_of_a.client_id}/questionnaires").status_code == 404
