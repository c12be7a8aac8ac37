"""Bearer tokens: required, checked, revocable, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client as HttpClient

from tests.api.conftest import api_client, token_for
from tests.web.conftest import logged_in
from tonus.web.accounts.models import ApiToken
from tonus.web.accounts.tokens import token_revoke
from tonus.web.audit.models import AuditEvent


def test_no_token_is_401(client_of_a: Any) -> None:
    response = api_client(None).get(f"/api/clients/{client_of_a.pk}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize("header", [
    "Bearer not-a-real-token", "Bearer ", "Token abc", "Basic YWxpY2U6cGFzc3dvcmQ=",
])
def test_a_bad_or_foreign_authorization_header_is_401(client_of_a: Any, header: str) -> None:
    response = HttpClient(HTTP_AUTHORIZATION=header).get("/api/clients")
    assert response.status_code == 401


def test_a_revoked_token_is_401(alice: Any, client_of_a: Any) -> None:
    raw = token_for(alice)
    http = api_client(raw)
    assert http.get(f"/api/clients/{client_of_a.pk}").status_code == 200
    token_revoke(by=alice, token_id=ApiToken.objects.get().pk)
    assert http.get(f"/api/clients/{client_of_a.pk}").status_code == 401


def test_an_inactive_users_token_is_401(alice: Any, client_of_a: Any) -> None:
    http = api_client(token_for(alice))
    alice.is_active = False
    alice.save()
    assert http.get(f"/api/clients/{client_of_a.pk}").status_code == 401


def test_a_browser_session_does_not_open_the_api(as_alice: HttpClient, client_of_a: Any) -> None:
    response = as_alice.get(f"/api/clients/{client_of_a.pk}")
    assert response.status_code == 401


def test_the_token_acts_as_its_user_not_the_session(
    as_alice: HttpClient, carol: Any, client_of_a: Any
) -> None:
    as_alice.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(carol)}"
    assert as_alice.get(f"/api/clients/{client_of_a.pk}").status_code == 404


def test_only_the_hash_is_stored(alice: Any) -> None:
    raw = token_for(alice, name="export script")
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(value) for row in ApiToken.objects.values_list() for value in row]
    assert not any(raw in value for value in stored)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        assert not any(raw in str(value) for row in cursor.fetchall() for value in row)
    assert len(raw) >= 43  # token_urlsafe(32): 256 random bits


def test_tokens_are_random(alice: Any) -> None:
    assert token_for(alice) != token_for(alice)


def test_use_is_recorded_as_last_used(alice_api: HttpClient, client_of_a: Any) -> None:
    assert ApiToken.objects.get().last_used_at is None
    alice_api.get(f"/api/clients/{client_of_a.pk}")
    assert ApiToken.objects.get().last_used_at is not None


def test_the_token_page_shows_a_new_token_once(as_alice: HttpClient, alice: Any) -> None:
    response = as_alice.post("/accounts/api-tokens/new/", {"name": "front desk"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=alice)
    raw = response.context["new_token"]
    assert token.name == "front desk"
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw in response.content.decode()
    listing = as_alice.get("/accounts/api-tokens/").content.decode()
    assert "front desk" in listing and raw not in listing


def test_the_token_page_revokes_own_tokens_only(
    as_alice: HttpClient, alice: Any, carol: Any
) -> None:
    token_for(carol)
    carols = ApiToken.objects.get(user=carol)
    assert as_alice.post(f"/accounts/api-tokens/{carols.pk}/revoke/").status_code == 404
    token_for(alice)
    alices = ApiToken.objects.get(user=alice)
    response = as_alice.post(f"/accounts/api-tokens/{alices.pk}/revoke/")
    assert response.status_code == 302
    alices.refresh_from_db()
    carols.refresh_from_db()
    assert alices.is_revoked and not carols.is_revoked


def test_the_token_page_lists_only_own_tokens(as_alice: HttpClient, carol: Any) -> None:
    token_for(carol, name="carols-secret-script")
    assert "carols-secret-script" not in as_alice.get("/accounts/api-tokens/").content.decode()


def test_the_user_menu_links_to_the_token_page(as_alice: HttpClient) -> None:
    assert 'href="/accounts/api-tokens/"' in as_alice.get("/accounts/api-tokens/").content.decode()


def test_creating_and_revoking_are_audited(alice: Any) -> None:
    token_for(alice, name="nightly")
    token_revoke(by=alice, token_id=ApiToken.objects.get().pk)
    events = list(AuditEvent.objects.filter(object_type="api-token").order_by("id"))
    assert [e.action for e in events] == ["create", "update"]
    assert all(e.username == "alice" and e.clinic_id == alice.membership.clinic_id
               for e in events)


def test_the_command_prints_a_working_token(alice: Any, client_of_a: Any) -> None:
    out, err = StringIO(), StringIO()
    call_command("api_token_create", "--user", "alice", "--name", "import", stdout=out,
                 stderr=err)
    raw = out.getvalue().strip()
    assert ApiToken.objects.get().name == "import"
    assert api_client(raw).get(f"/api/clients/{client_of_a.pk}").status_code == 200


def test_the_command_refuses_an_unknown_user(db: Any) -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("api_token_create", "--user", "nobody", "--name", "x", stdout=StringIO())


def test_the_token_page_needs_a_login(db: Any) -> None:
    response = HttpClient().get("/accounts/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]


def test_logged_in_helper_still_works(alice: Any) -> None:
    assert logged_in(alice).get("/accounts/api-tokens/").status_code == 200
