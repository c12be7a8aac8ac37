"""Login is required everywhere; another clinic's client is a 404; the audit page is 403 for
therapists."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

CLIENT_PAGES = ["clients:client-detail", "clients:client-update", "clients:client-screening"]


@pytest.mark.parametrize(
    "url_name", ["clients:client-list", "clients:client-create", "audit:event-list"]
)
def test_anonymous_is_sent_to_login(db: Any, url_name: str) -> None:
    response = HttpClient().get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url_name", CLIENT_PAGES)
def test_anonymous_cannot_open_a_client(client_of_a: Any, url_name: str) -> None:
    response = HttpClient().get(reverse(url_name, kwargs={"client_id": client_of_a.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_page_is_public(db: Any) -> None:
    assert HttpClient().get(reverse("accounts:login")).status_code == 200
    assert HttpClient().get(reverse("accounts:password-reset")).status_code == 200


def test_alice_sees_her_clinics_clients(as_alice: HttpClient, client_of_a: Any) -> None:
    response = as_alice.get(reverse("clients:client-list"))
    assert response.status_code == 200
    assert "Whitfield" in response.content.decode()


@pytest.mark.parametrize("url_name", CLIENT_PAGES)
def test_alice_opens_her_clinics_client(
    as_alice: HttpClient, client_of_a: Any, url_name: str
) -> None:
    response = as_alice.get(reverse(url_name, kwargs={"client_id": client_of_a.pk}))
    assert response.status_code == 200


def test_other_clinic_does_not_list_the_client(as_carol: HttpClient, client_of_a: Any) -> None:
    response = as_carol.get(reverse("clients:client-list"), {"q": "Sarah"})
    assert "Whitfield" not in response.content.decode()


@pytest.mark.parametrize("url_name", CLIENT_PAGES)
def test_other_clinic_gets_404(as_carol: HttpClient, client_of_a: Any, url_name: str) -> None:
    response = as_carol.get(reverse(url_name, kwargs={"client_id": client_of_a.pk}))
    assert response.status_code == 404


def test_other_clinic_cannot_post_to_the_client(as_carol: HttpClient, client_of_a: Any) -> None:
    for url_name in ["clients:client-update", "clients:client-screening", "clients:client-consent"]:
        url = reverse(url_name, kwargs={"client_id": client_of_a.pk})
        response = as_carol.post(url, {"first_name": "Hacked", "last_name": "X", "given": "yes"})
        assert response.status_code == 404
    client_of_a.refresh_from_db()
    assert client_of_a.first_name == "Sarah"
    assert client_of_a.consent_given is False


def test_therapist_gets_403_on_the_audit_page(as_alice: HttpClient) -> None:
    assert as_alice.get(reverse("audit:event-list")).status_code == 403


def test_admin_sees_the_audit_page(as_bob: HttpClient, client_of_a: Any) -> None:
    response = as_bob.get(reverse("audit:event-list"), {"client": client_of_a.pk})
    assert response.status_code == 200
    assert "alice" in response.content.decode()


def test_user_without_a_clinic_gets_403(django_user_model: Any) -> None:
    user = django_user_model.objects.create_user(username="loner", password="x-long-password")
    http = HttpClient()
    http.force_login(user)
    assert http.get(reverse("clients:client-list")).status_code == 403


def test_login_with_password_works_and_is_audited(alice: Any) -> None:
    from tonus.web.audit.models import AuditEvent

    http = HttpClient(REMOTE_ADDR="198.51.100.4")
    response = http.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="login")
    assert (event.username, event.ip, event.clinic_id) == (
        "alice", "198.51.100.4", alice.membership.clinic_id
    )
