"""What SQLite cannot vouch for: the same models and selectors on PostgreSQL (JSON columns,
case-insensitive search, the append-only audit log). Runs only when the suite runs against
PostgreSQL (`make pytest-postgres`, part of `make test`); skipped on SQLite."""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from django.db import connection

from tonus.web.audit import record
from tonus.web.audit.models import AuditEvent, AuditLogAppendOnlyError
from tonus.web.clients.selectors import client_list
from tonus.web.clients.services import client_create
from tonus.web.visits.models import Visit
from tonus.web.visits.services import visit_create

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only (TONUS_DATABASE_URL)"
    ),
]

CASE: dict[str, Any] = {
    "format": "tonus.case/1",
    "client": {"age": 44, "sex": "female"},
    "complaint": "Headache at the right temple – worse after screen work (6/10).",
    "pain": [
        {"region": "head-temple-r", "intensity": 6, "qualities": ["aching"], "primary": True},
        {"region": "shoulder-top-r", "intensity": 3.5, "qualities": ["aching", "stiffness"]},
    ],
    "activities": ["desk-work"],
    "screening": {"high-caffeine": True, "unrelenting-night-pain": False},
}


def test_the_suite_runs_on_its_own_postgres_test_database() -> None:
    # test_tonus_<pid> (tests/conftest.py): two runs on one server never drop each other's.
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_") and name.endswith(f"_{os.getpid()}")


def test_json_fields_round_trip(alice: Any, client_of_a: Any) -> None:
    visit = visit_create(
        by=alice, client=client_of_a, visit_date=datetime.date(2025, 3, 4), case=CASE,
        pre_nprs={"head-temple-r": 6}, post_nprs={"head-temple-r": 3.5},
        rom=[{"test": "cervical-rotation-l", "degrees": 55}],
        muscles_treated=[{"muscle": "upper-trapezius", "side": "r",
                          "technique": "ischemic-compression", "pressure": 3}],
    )
    stored = Visit.objects.get(pk=visit.pk)
    assert stored.case == CASE  # unicode, floats, booleans and nesting intact
    assert stored.report == visit.report and stored.report["hypotheses"]
    assert stored.post_nprs == {"head-temple-r": 3.5}
    assert stored.rom == [{"test": "cervical-rotation-l", "degrees": 55}]
    assert stored.muscles_treated[0]["pressure"] == 3
    # jsonb lookups work on the stored documents
    assert Visit.objects.filter(case__pain__0__region="head-temple-r").count() == 1
    assert Visit.objects.filter(case__screening__has_key="high-caffeine").count() == 1
    assert Visit.objects.filter(case__contains={"activities": ["desk-work"]}).count() == 1


def test_client_json_fields_round_trip(alice: Any) -> None:
    client = client_create(
        by=alice, first_name="Zoë", last_name="O'Brien", sex="female",
        activities=["desk-work", "phone-on-ear"],
    )
    client.refresh_from_db()
    assert client.activities == ["desk-work", "phone-on-ear"] and client.full_name == "Zoë O'Brien"


def test_the_audit_log_is_append_only(alice: Any) -> None:
    event = record(user=alice, action="view", object_type="client", object_id=1,
                   summary="opened")
    event.summary = "rewritten"
    with pytest.raises(AuditLogAppendOnlyError):
        event.save()
    with pytest.raises(AuditLogAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AuditLogAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditLogAppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "opened"


def test_client_search_is_case_insensitive_and_scoped(
    alice: Any, carol: Any, client_of_a: Any
) -> None:
    client_create(by=carol, first_name="Sam", last_name="Whitfield")  # clinic B: never listed
    client_create(by=alice, first_name="Tom", last_name="Baker", phone="023 9200 1234")
    assert [c.pk for c in client_list(user=alice, search="WHITF")] == [client_of_a.pk]
    assert [c.full_name for c in client_list(user=alice, search="9200")] == ["Tom Baker"]
    assert [c.full_name for c in client_list(user=alice, search="sarah whit")] == [
        "Sarah Whitfield"
    ]
    assert list(client_list(user=alice, search="nobody")) == []
