"""No dead ends: the 403, 404 and 500 pages keep the app's menu and a way to log out, the API
documentation links back to the app, and logging out says so."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient
from django.test import RequestFactory
from django.urls import reverse

from tonus.web.errors import server_error


def _has_the_menu(html: str) -> None:
    assert 'href="/clients/"' in html and ">Clients</a>" in html
    assert 'action="/accounts/logout/"' in html and "Log out" in html


def test_404_keeps_the_menu(as_alice: HttpClient) -> None:
    response = as_alice.get(reverse("clients:client-detail", kwargs={"client_id": 987654}))
    assert response.status_code == 404
    html = response.content.decode()
    _has_the_menu(html)
    assert "does not exist" in html and "Back to the clients" in html


def test_403_keeps_the_menu(as_alice: HttpClient) -> None:
    response = as_alice.get(reverse("audit:event-list"))  # a therapist, not an admin
    assert response.status_code == 403
    _has_the_menu(response.content.decode())


def test_500_keeps_the_menu(alice: Any) -> None:
    request = RequestFactory().get("/clients/")
    request.user = alice
    request.session = {}  # type: ignore[assignment]
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    _has_the_menu(html)
    assert "nothing it would have changed was saved" in html


def test_api_docs_link_back_to_the_app(as_alice: HttpClient) -> None:
    html = as_alice.get("/api/docs").content.decode()
    assert '<a class="api-docs-back" href="/clients/">← Back to Tonus</a>' in html


def test_log_out_confirms_it(as_alice: HttpClient) -> None:
    response = as_alice.post(reverse("accounts:logout"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "You are logged out" in html
    assert as_alice.get(reverse("clients:client-list")).status_code == 302
