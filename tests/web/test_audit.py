"""Reads and writes of client records leave an audit event (who, what, from where), and the
audit log can be neither changed nor deleted, not even through the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tonus.web.audit import record
from tonus.web.audit.models import AuditEvent, AuditLogAppendOnlyError


def test_opening_a_client_is_audited_with_user_and_ip(
    as_alice: HttpClient, alice: Any, client_of_a: Any
) -> None:
    as_alice.get(reverse("clients:client-detail", kwargs={"client_id": client_of_a.pk}))
    event = AuditEvent.objects.filter(action="view", object_type="client").get()
    assert event.user_id == alice.pk and event.username == "alice"
    assert event.client_id == client_of_a.pk
    assert event.clinic_id == client_of_a.clinic_id
    assert event.ip == "203.0.113.7"
    assert event.user_agent == "pytest-browser"


def test_a_write_is_audited(as_alice: HttpClient, alice: Any, client_of_a: Any) -> None:
    url = reverse("clients:client-screening", kwargs={"client_id": client_of_a.pk})
    as_alice.post(url, {"high-caffeine": "yes"})
    event = AuditEvent.objects.filter(action="update", object_type="client-screening").get()
    assert (event.username, event.ip, event.client_id) == ("alice", "203.0.113.7", client_of_a.pk)


def test_creating_a_client_is_audited(client_of_a: Any) -> None:
    event = AuditEvent.objects.get(action="create", object_type="client")
    assert event.object_id == str(client_of_a.pk) and event.username == "alice"


def test_listing_clients_is_audited(as_alice: HttpClient) -> None:
    as_alice.get(reverse("clients:client-list"))
    assert AuditEvent.objects.filter(action="view", object_type="client-list").count() == 1


def test_other_clinics_events_are_not_shown(as_bob: HttpClient, carol: Any) -> None:
    record(user=carol, action="view", object_type="client", object_id=1,
           clinic_id=carol.membership.clinic_id, summary="carol-secret-event")
    assert "carol-secret-event" not in as_bob.get(reverse("audit:event-list")).content.decode()


def test_an_event_cannot_be_updated(alice: Any) -> None:
    event = record(user=alice, action="view", object_type="client", object_id=1)
    event.summary = "rewritten"
    with pytest.raises(AuditLogAppendOnlyError):
        event.save()
    with pytest.raises(AuditLogAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    event.refresh_from_db()
    assert event.summary == ""


def test_an_event_cannot_be_deleted(alice: Any) -> None:
    event = record(user=alice, action="view", object_type="client", object_id=1)
    with pytest.raises(AuditLogAppendOnlyError):
        event.delete()
    with pytest.raises(AuditLogAppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_site_cannot_change_or_delete_events(admin_client: HttpClient, alice: Any) -> None:
    event = record(user=alice, action="view", object_type="client", object_id=1)
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    admin_client.post(change_url, {"summary": "rewritten"})
    admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})
    event.refresh_from_db()
    assert event.summary == ""
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
