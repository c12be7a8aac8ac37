"""The outside probe's reproductions: bad input is a 4xx naming the field, never a 500, and
never changes what is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tests.api.conftest import CASE
from tonus.web.clients.api import NOT_NULL


def _put_json(api: HttpClient, url: str, body: str) -> Any:
    return api.put(url, body, content_type="application/json")


@pytest.mark.parametrize("field", NOT_NULL)
def test_null_for_a_field_that_cannot_be_empty_is_422_naming_it(
    alice_api: HttpClient, client_of_a: Any, field: str
) -> None:
    before = {f: getattr(client_of_a, f) for f in NOT_NULL}
    response = alice_api.patch(f"/api/clients/{client_of_a.pk}", {field: None},
                               content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
    client_of_a.refresh_from_db()
    assert {f: getattr(client_of_a, f) for f in NOT_NULL} == before


def test_null_clears_the_fields_that_may_be_empty(
    alice_api: HttpClient, client_of_a: Any
) -> None:
    response = alice_api.patch(f"/api/clients/{client_of_a.pk}",
                               {"date_of_birth": None, "caffeine_cups_per_day": None},
                               content_type="application/json")
    assert response.status_code == 200
    assert response.json()["date_of_birth"] is None


def test_the_schema_shows_those_fields_as_not_nullable(alice_api: HttpClient) -> None:
    from tonus.web.api import api

    schema = api.get_openapi_schema()
    patch = schema["components"]["schemas"]["ClientPatch"]["properties"]
    assert patch["phone"] == {"type": "string", "maxLength": 40, "title": "Phone"}
    assert {"type": "null"} in patch["date_of_birth"]["anyOf"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_or_infinity_in_a_case_measure_is_422_naming_it(
    alice_api: HttpClient, visit_of_a: Any, literal: str
) -> None:
    stored = dict(visit_of_a.case)
    body = json.dumps({**CASE, "measures": [{"id": "head-tilt", "value": 0}]}).replace(
        '"value": 0', f'"value": {literal}')
    response = _put_json(alice_api, f"/api/visits/{visit_of_a.pk}/case", body)
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", "measures", 0, "value"]
    assert literal in problem["msg"]
    visit_of_a.refresh_from_db()
    assert visit_of_a.case == stored


def test_nan_anywhere_in_any_body_is_refused(alice_api: HttpClient, visit_of_a: Any) -> None:
    body = '{"rom": [{"test": "cervical-flexion", "degrees": NaN}], "pre_nprs": {}}'
    response = _put_json(alice_api, f"/api/visits/{visit_of_a.pk}/session", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "rom", 0, "degrees"]
    response = alice_api.post("/api/assess", '{"format": "tonus.case/1", "pain": [{"region": '
                              '"head-temple-r", "intensity": Infinity}]}',
                              content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pain", 0, "intensity"]


def test_the_core_refuses_non_finite_numbers_too() -> None:
    """Python callers (the CLI reads JSON with NaN too) get the same refusal from the core."""
    from tonus.core.case import parse_case
    from tonus.core.errors import CaseError

    for bad in (float("nan"), float("inf"), 10**400):
        with pytest.raises(CaseError, match=r"pain\[0\]\.intensity"):
            parse_case({**CASE, "pain": [{**CASE["pain"][0], "intensity": bad}]})
        with pytest.raises(CaseError, match=r"measures\[0\]\.value"):
            parse_case({**CASE, "measures": [{"id": "head-tilt", "value": bad}]})


def test_a_body_that_is_not_json_is_400_json(alice_api: HttpClient, visit_of_a: Any) -> None:
    response = _put_json(alice_api, f"/api/visits/{visit_of_a.pk}/case", "{not json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_unknown_api_urls_answer_json(alice_api: HttpClient) -> None:
    response = alice_api.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_the_schema_documents_the_error_answers() -> None:
    from tonus.web.api import api

    schema = api.get_openapi_schema()
    for item in schema["paths"].values():
        for operation in item.values():
            assert {"400", "401", "404", "422"} <= set(operation["responses"]), operation


def test_a_height_of_nan_is_refused_and_keeps_the_stored_height(
    as_alice: HttpClient, visit_of_a: Any
) -> None:
    url = reverse("posture:session-height", kwargs={"visit_id": visit_of_a.pk})
    as_alice.post(url, {"height_cm": "172.5"})
    for bad in ("nan", "NaN", "inf", "-inf"):
        response = as_alice.post(url, {"height_cm": bad}, follow=True)
        assert response.status_code == 200
        assert "between 50 and 250" in response.content.decode()
        visit_of_a.posture.refresh_from_db()
        assert visit_of_a.posture.height_cm == 172.5


def test_the_service_refuses_a_nan_height(alice: Any, visit_of_a: Any) -> None:
    from django.core.exceptions import ValidationError

    from tonus.web.posture.services import posture_height_set

    with pytest.raises(ValidationError, match="height"):
        posture_height_set(by=alice, visit=visit_of_a, height_cm=float("nan"))


def test_an_id_beyond_the_database_integer_is_a_404_not_a_500(alice_api: HttpClient) -> None:
    for path in ("/api/visits/99999999999999999999999", "/api/clients/-99999999999999999999"):
        response = alice_api.get(path)
        assert response.status_code in (404, 422), path
        assert response["Content-Type"].startswith("application/json")


def test_nul_characters_are_refused_naming_the_field(
    alice_api: HttpClient, client_of_a: Any
) -> None:
    """PostgreSQL cannot store or even compare text holding NUL: a 422, not a 500."""
    response = alice_api.patch(f"/api/clients/{client_of_a.pk}", {"phone": "01\x0023"},
                               content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "phone"]
    response = alice_api.get("/api/clients", {"search": "Sa\x00rah"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "search"]


def test_a_page_search_with_nul_is_harmless(as_alice: HttpClient, client_of_a: Any) -> None:
    response = as_alice.get("/clients/", {"q": "Sa\x00rah", "search": "Sa\x00rah"})
    assert response.status_code == 200


def test_a_method_the_endpoint_lacks_is_405_json(alice_api: HttpClient) -> None:
    response = alice_api.delete("/api/clients")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_crash_under_api_is_json_and_reveals_nothing() -> None:
    from django.test import RequestFactory

    from tonus.web.api_errors import server_error

    response = server_error(RequestFactory().get("/api/clients"))
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "Internal server error"}
    page = server_error(RequestFactory().get("/clients/"))
    assert page.status_code == 500 and not page["Content-Type"].startswith("application/json")
