"""API reads and writes land in the audit log like the pages' do: who, what, from where."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.conftest import IP, USER_AGENT
from tests.api.endpoints import SCOPED, Endpoint, call
from tonus.web.audit.models import AuditEvent


@pytest.mark.parametrize("endpoint", SCOPED, ids=str)
def test_every_record_endpoint_is_audited(
    alice_api: HttpClient, visit_of_a: Any, endpoint: Endpoint
) -> None:
    seen = set(AuditEvent.objects.values_list("id", flat=True))
    response = call(alice_api, endpoint, client_id=visit_of_a.client_id, visit_id=visit_of_a.pk)
    assert response.status_code == endpoint.success, response.content
    new = AuditEvent.objects.exclude(id__in=seen)
    assert new.exists()
    for event in new:
        assert event.username == "alice" and event.user_id == visit_of_a.therapist_id
        assert event.client_id == visit_of_a.client_id
        assert event.clinic_id == visit_of_a.clinic_id
        assert (event.ip, event.user_agent) == (IP, USER_AGENT)
    actions = set(new.values_list("action", flat=True))
    if endpoint.method == "GET":
        assert actions == {"view"}
    else:
        assert actions & {"create", "update"}


def test_a_client_read_and_write_are_recorded(alice_api: HttpClient, client_of_a: Any) -> None:
    alice_api.get(f"/api/clients/{client_of_a.pk}")
    alice_api.patch(f"/api/clients/{client_of_a.pk}", {"phone": "01632 960001"},
                    content_type="application/json")
    events = AuditEvent.objects.filter(client_id=client_of_a.pk, username="alice")
    assert events.filter(action="view", object_type="client").exists()
    update = events.get(action="update", object_type="client")
    assert "phone" in update.summary


def test_listing_clients_is_recorded(alice_api: HttpClient, client_of_a: Any) -> None:
    alice_api.get("/api/clients", {"search": "sarah"})
    event = AuditEvent.objects.get(object_type="client-list")
    assert event.username == "alice" and "searched" in event.summary


def test_creating_a_client_is_recorded(alice_api: HttpClient, alice: Any) -> None:
    response = alice_api.post("/api/clients", {"first_name": "Ann", "last_name": "Lee"},
                              content_type="application/json")
    event = AuditEvent.objects.get(action="create", object_type="client")
    assert event.client_id == response.json()["id"] and event.ip == IP


def test_a_refused_request_records_no_read(carol_api: HttpClient, client_of_a: Any) -> None:
    carol_api.get(f"/api/clients/{client_of_a.pk}")
    carols = AuditEvent.objects.filter(username="carol", client_id=client_of_a.pk)
    assert not carols.filter(action="view").exists()
    assert carols.filter(action="denied").count() == 1  # the attempt itself is logged
