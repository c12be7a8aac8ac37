"""Clients over the API: list, search, pages, get, create, update, screening."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient

from tonus.web.clients.models import Client
from tonus.web.clients.selectors import PAGE_SIZE
from tonus.web.clients.services import client_create


def test_list_is_the_clinics_clients(
    alice_api: HttpClient, alice: Any, carol: Any, client_of_a: Any
) -> None:
    client_create(by=carol, first_name="Other", last_name="Clinic")
    body = alice_api.get("/api/clients").json()
    assert [c["id"] for c in body["items"]] == [client_of_a.pk]
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1


def test_list_searches_and_pages(alice_api: HttpClient, alice: Any) -> None:
    for n in range(PAGE_SIZE + 2):
        client_create(by=alice, first_name=f"Client{n:02d}", last_name="Marsh")
    client_create(by=alice, first_name="Nora", last_name="Quill", phone="0123 456")
    first = alice_api.get("/api/clients").json()
    assert first["count"] == PAGE_SIZE + 3 and first["pages"] == 2
    assert len(first["items"]) == PAGE_SIZE and first["page_size"] == PAGE_SIZE
    second = alice_api.get("/api/clients", {"page": 2}).json()
    assert len(second["items"]) == 3
    found = alice_api.get("/api/clients", {"search": "quill"}).json()
    assert [c["first_name"] for c in found["items"]] == ["Nora"]


def test_a_bad_page_number_is_422(alice_api: HttpClient) -> None:
    response = alice_api.get("/api/clients", {"page": 0})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "page"


def test_get_a_client(alice_api: HttpClient, client_of_a: Any) -> None:
    body = alice_api.get(f"/api/clients/{client_of_a.pk}").json()
    assert body["first_name"] == "Sarah" and body["date_of_birth"] == "1981-04-12"
    assert body["activities"] == ["desk-work"] and body["sex"] == "female"


def test_get_an_unknown_client_is_404(alice_api: HttpClient, db: Any) -> None:
    assert alice_api.get("/api/clients/999999").status_code == 404


def test_create_a_client(alice_api: HttpClient, alice: Any) -> None:
    response = alice_api.post("/api/clients", {
        "first_name": "Tom", "last_name": "Reed", "email": "tom@example.com",
        "activities": ["running"], "consent_given": True, "sex": "male",
    }, content_type="application/json")
    assert response.status_code == 201, response.content
    client = Client.objects.get(pk=response.json()["id"])
    assert client.clinic_id == alice.membership.clinic_id
    assert client.consent_given and client.consent_recorded_by_id == alice.pk


def test_create_with_bad_fields_is_422_naming_them_and_writes_nothing(
    alice_api: HttpClient, alice: Any
) -> None:
    response = alice_api.post("/api/clients", {
        "first_name": "Tom", "last_name": "Reed", "caffeine_cups_per_day": -1, "sex": "robot",
    }, content_type="application/json")
    assert response.status_code == 422
    fields = {item["loc"][-1] for item in response.json()["detail"]}
    assert {"caffeine_cups_per_day", "sex"} <= fields
    response = alice_api.post("/api/clients", {
        "first_name": "Tom", "last_name": "Reed", "email": "not-an-email",
        "activities": ["juggling-knives"],
    }, content_type="application/json")
    assert response.status_code == 422
    fields = {item["loc"][-1] for item in response.json()["detail"]}
    assert {"email", "activities"} <= fields
    assert not Client.objects.exists()


def test_update_changes_only_the_fields_sent(alice_api: HttpClient, client_of_a: Any) -> None:
    response = alice_api.patch(f"/api/clients/{client_of_a.pk}", {"phone": "07700 900123"},
                               content_type="application/json")
    assert response.status_code == 200
    client_of_a.refresh_from_db()
    assert client_of_a.phone == "07700 900123" and client_of_a.first_name == "Sarah"
    assert client_of_a.activities == ["desk-work"]


def test_update_with_a_bad_field_is_422(alice_api: HttpClient, client_of_a: Any) -> None:
    response = alice_api.patch(f"/api/clients/{client_of_a.pk}", {"first_name": ""},
                               content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "first_name"]
    client_of_a.refresh_from_db()
    assert client_of_a.first_name == "Sarah"


def test_screening_round_trip(alice_api: HttpClient, client_of_a: Any) -> None:
    url = f"/api/clients/{client_of_a.pk}/screening"
    assert alice_api.get(url).json() == {"answers": {}, "red_flags": []}
    response = alice_api.put(url, {"answers": {"anxiety": True, "chest-pain-on-exertion": True}},
                             content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == {"anxiety": True, "chest-pain-on-exertion": True}
    assert [flag["id"] for flag in body["red_flags"]] == ["chest-pain-on-exertion"]
    assert body["red_flags"][0]["to"]
    # PUT replaces: an answer left out becomes unanswered
    alice_api.put(url, {"answers": {"anxiety": False}}, content_type="application/json")
    client_of_a.refresh_from_db()
    assert client_of_a.screening == {"anxiety": False}


def test_screening_with_an_unknown_id_is_422(alice_api: HttpClient, client_of_a: Any) -> None:
    response = alice_api.put(f"/api/clients/{client_of_a.pk}/screening",
                             {"answers": {"likes-cheese": True}},
                             content_type="application/json")
    assert response.status_code == 422
    item = response.json()["detail"][0]
    assert item["loc"] == ["body", "answers"] and "likes-cheese" in item["msg"]
    response = alice_api.put(f"/api/clients/{client_of_a.pk}/screening",
                             {"answers": {"anxiety": "maybe"}}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "anxiety"
    client_of_a.refresh_from_db()
    assert client_of_a.screening == {}
