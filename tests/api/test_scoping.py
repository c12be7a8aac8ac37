"""Another clinic's records do not exist: carol (clinic B) gets a 404 from every endpoint that
names clinic A's client or visit, for reads and writes alike, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.endpoints import ENDPOINTS, SCOPED, Endpoint, call
from tonus.web.audit.models import AuditEvent
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit


def _rows() -> list[dict[str, Any]]:
    return [*Client.objects.values(), *Visit.objects.values()]


@pytest.mark.parametrize("endpoint", SCOPED, ids=str)
def test_other_clinic_gets_404_and_changes_nothing(
    carol_api: HttpClient, visit_of_a: Any, endpoint: Endpoint
) -> None:
    client_id = visit_of_a.client_id
    before = _rows()
    response = call(carol_api, endpoint, client_id=client_id, visit_id=visit_of_a.pk)
    assert response.status_code == 404, response.content
    body = response.content.decode()
    assert "Sarah" not in body and "Whitfield" not in body and "head-temple" not in body
    assert _rows() == before
    assert Visit.objects.count() == 1 and Client.objects.count() == 1
    # no read is recorded, only the refused attempt (in the owning clinic's log)
    carols = AuditEvent.objects.filter(username="carol", client_id=client_id)
    assert set(carols.values_list("action", flat=True)) <= {"denied"}


def test_other_clinics_ids_and_unknown_ids_look_the_same(
    carol_api: HttpClient, visit_of_a: Any
) -> None:
    mine = carol_api.get(f"/api/visits/{visit_of_a.pk}")
    unknown = carol_api.get("/api/visits/987654")
    assert (mine.status_code, mine.json()) == (unknown.status_code, unknown.json())


def test_the_list_holds_only_own_clinic(carol_api: HttpClient, client_of_a: Any) -> None:
    assert carol_api.get("/api/clients").json()["items"] == []


def test_every_scoped_endpoint_is_checked() -> None:
    assert {e.path for e in ENDPOINTS if "{" in e.path} == {e.path for e in SCOPED}
    assert len(SCOPED) == 15
