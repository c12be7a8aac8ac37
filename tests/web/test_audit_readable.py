"""The audit log a clinic admin can read: one event per page view (not one per embedded
chart), the client named, filters by client name, user, action and date, failed logins, and
refused requests for another clinic's record."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tonus.web.audit.models import AuditEvent


def test_one_page_view_is_one_event(as_alice: HttpClient, alice: Any,
                                    client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    before = AuditEvent.objects.filter(action="view").count()
    page = as_alice.get(reverse("visits:visit-detail", kwargs={"visit_id": visit.pk}))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="view").count() == before + 1
    for rank in (1, 2, 3):  # the charts the page embeds
        as_alice.get(reverse("visits:hypothesis-chart",
                             kwargs={"visit_id": visit.pk, "rank": rank}))
    assert AuditEvent.objects.filter(action="view").count() == before + 1
    as_alice.get(reverse("clients:client-detail", kwargs={"client_id": client_of_a.pk}))
    assert AuditEvent.objects.filter(action="view").count() == before + 2


def test_the_log_names_the_client_and_filters(as_bob: HttpClient, as_alice: HttpClient,
                                              alice: Any, bob: Any, client_of_a: Any) -> None:
    from tonus.web.clients.services import client_create

    other = client_create(by=alice, first_name="David", last_name="Chen")
    as_alice.get(reverse("clients:client-detail", kwargs={"client_id": client_of_a.pk}))
    as_alice.get(reverse("clients:client-detail", kwargs={"client_id": other.pk}))
    url = reverse("audit:event-list")
    html = as_bob.get(url).content.decode()
    assert f"Sarah Whitfield <span class=\"muted\">#{client_of_a.pk}</span>" in html
    chen = as_bob.get(url, {"q": "chen"}).content.decode()
    assert "David Chen" in chen and "Sarah Whitfield" not in chen
    views = as_bob.get(url, {"action": "view", "user": "alice"}).content.decode()
    assert "Opened client record" in views and "Created" not in views.split("<tbody>")[1]
    assert "No events." in as_bob.get(url, {"from": "2001-01-01", "to": "2001-01-02"}
                                      ).content.decode()
    assert "No events." in as_bob.get(url, {"user": "nobody"}).content.decode()


def test_failed_logins_are_logged_without_the_password(alice: Any) -> None:
    http = HttpClient()
    http.post(reverse("accounts:login"), {"username": "alice", "password": "wrong-guess-1"})
    http.post(reverse("accounts:login"), {"username": "mallory", "password": "x"})
    failed = AuditEvent.objects.filter(action="login-fail").order_by("id")
    assert [e.clinic_id for e in failed] == [alice.membership.clinic_id, None]
    assert "alice" in failed[0].summary and "no such account" in failed[1].summary
    assert [e.username for e in failed] == ["alice", "mallory"] and failed[0].user_id is None
    assert not any("wrong-guess" in e.summary for e in AuditEvent.objects.all())


def test_another_clinics_record_is_refused_and_logged(as_carol: HttpClient, carol: Any,
                                                      alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    for url in (reverse("clients:client-detail", kwargs={"client_id": client_of_a.pk}),
                reverse("visits:visit-detail", kwargs={"visit_id": visit.pk})):
        assert as_carol.get(url).status_code == 404
    owner = AuditEvent.objects.filter(action="denied", clinic_id=client_of_a.clinic_id)
    assert owner.count() == 2 and {e.username for e in owner} == {"carol"}
    assert set(owner.values_list("object_type", flat=True)) == {"client", "visit"}
    own = AuditEvent.objects.filter(action="denied", clinic_id=carol.membership.clinic_id)
    assert own.count() == 2 and not own.filter(client_id__isnull=False).exists()
    assert as_carol.get(reverse("clients:client-detail",
                                kwargs={"client_id": 999999})).status_code == 404
    assert AuditEvent.objects.filter(action="denied").count() == 4  # none for a missing id
