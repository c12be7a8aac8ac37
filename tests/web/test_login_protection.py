"""Login protection (django-axes) and the clinic admin's Team page: lockout per account and per
address, unlock, deactivation that revokes every token, token expiry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.utils import timezone

from tests.web.conftest import PASSWORD

LOGIN = "/accounts/login/"


def _browser(ip: str = "198.51.100.20") -> HttpClient:
    return HttpClient(REMOTE_ADDR=ip, HTTP_USER_AGENT="pytest-login")


def _login(http: HttpClient, username: str, password: str) -> int:
    return int(http.post(LOGIN, {"username": username, "password": password}).status_code)


def _logged_in(http: HttpClient) -> bool:
    return "_auth_user_id" in http.session


def test_thirty_wrong_passwords_lock_the_account_even_for_the_right_one(alice: Any) -> None:
    http = _browser()
    codes = [_login(http, "alice", f"guess-{n}") for n in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert codes[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(codes[limit:]) == {429}  # refused outright once locked
    response = http.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Login paused" in response.content.decode()
    assert not _logged_in(http)
    # from another address too: the account itself is locked
    other = _browser("192.0.2.55")
    assert _login(other, "alice", PASSWORD) == 429 and not _logged_in(other)


def test_the_lock_ends_after_the_cool_off(alice: Any) -> None:
    from axes.models import AccessAttempt

    http = _browser()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(http, "alice", f"guess-{n}")
    assert _login(http, "alice", PASSWORD) == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1))
    assert _login(http, "alice", PASSWORD) == 302 and _logged_in(http)


def test_one_address_trying_many_accounts_is_locked(alice: Any, bob: Any) -> None:
    http = _browser("203.0.113.66")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(http, f"someone-{n}", "password123")
    assert _login(http, "bob", PASSWORD) == 429  # this address is paused for every account
    assert _login(_browser("203.0.113.67"), "bob", PASSWORD) == 302  # bob is not


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(settings: Any) -> None:
    from django.test import RequestFactory

    from tonus.web.accounts.lockout import client_ip

    request = RequestFactory().post(LOGIN, REMOTE_ADDR="127.0.0.1",
                                    HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "198.51.100.9"  # the forged first entry is ignored


def test_a_clinic_admin_unlocks_an_account(alice: Any, as_bob: HttpClient) -> None:
    from tonus.web.audit.models import AuditEvent

    http = _browser()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(http, "alice", f"guess-{n}")
    page = as_bob.get("/accounts/team/").content.decode()
    assert "Locked out" in page
    as_bob.post(f"/accounts/team/{alice.pk}/unlock/")
    assert _login(_browser("192.0.2.80"), "alice", PASSWORD) == 302
    assert AuditEvent.objects.filter(object_type="user", object_id=str(alice.pk),
                                     summary__startswith="Unlocked alice").exists()


def test_deactivation_ends_access_and_revokes_every_token(
    alice: Any, as_bob: HttpClient, client_of_a: Any
) -> None:
    from tests.api.conftest import api_client, token_for
    from tonus.web.accounts.models import ApiToken
    from tonus.web.audit.models import AuditEvent

    api = api_client(token_for(alice))
    session = _browser()
    assert _login(session, "alice", PASSWORD) == 302
    assert api.get(f"/api/clients/{client_of_a.pk}").status_code == 200

    response = as_bob.post(f"/accounts/team/{alice.pk}/deactivate/", follow=True)
    assert "Deactivated" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.is_active
    assert not ApiToken.objects.filter(user=alice, revoked_at__isnull=True).exists()
    assert api.get(f"/api/clients/{client_of_a.pk}").status_code == 401
    assert session.get("/clients/").status_code == 302  # the open session is over
    assert _login(_browser("192.0.2.9"), "alice", PASSWORD) == 200  # the form again
    assert AuditEvent.objects.filter(
        object_type="user", summary="Deactivated alice and revoked 1 API token(s)").exists()

    as_bob.post(f"/accounts/team/{alice.pk}/reactivate/")
    alice.refresh_from_db()
    assert alice.is_active
    assert api.get(f"/api/clients/{client_of_a.pk}").status_code == 401  # tokens stay revoked


def test_only_a_clinic_admin_of_that_clinic_manages_the_team(
    alice: Any, bob: Any, carol: Any, as_alice: HttpClient, as_carol: HttpClient,
    as_bob: HttpClient,
) -> None:
    assert as_alice.get("/accounts/team/").status_code == 403
    assert as_alice.post(f"/accounts/team/{bob.pk}/deactivate/").status_code == 403
    from tests.web.conftest import _member

    other_admin = _member("dana", carol.membership.clinic, "admin")
    http = HttpClient(REMOTE_ADDR="203.0.113.7")
    http.force_login(other_admin)
    assert http.post(f"/accounts/team/{alice.pk}/deactivate/").status_code == 404
    alice.refresh_from_db()
    assert alice.is_active
    page = as_bob.get("/accounts/team/").content.decode()
    assert "alice" in page and "carol" not in page
    as_bob.post(f"/accounts/team/{bob.pk}/deactivate/")  # not oneself
    bob.refresh_from_db()
    assert bob.is_active


def test_an_expired_token_is_401(alice: Any, client_of_a: Any) -> None:
    from tests.api.conftest import api_client
    from tonus.web.accounts.models import ApiToken
    from tonus.web.accounts.tokens import token_create

    token, raw = token_create(by=alice, name="short", expires_in_days=30)
    api = api_client(raw)
    assert token.expires_at is not None
    assert api.get(f"/api/clients/{client_of_a.pk}").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert api.get(f"/api/clients/{client_of_a.pk}").status_code == 401


def test_the_token_page_offers_an_expiry(as_alice: HttpClient, alice: Any) -> None:
    from tonus.web.accounts.models import ApiToken

    as_alice.post("/accounts/api-tokens/new/", {"name": "script", "expires_in_days": "90"})
    as_alice.post("/accounts/api-tokens/new/", {"name": "forever", "expires_in_days": ""})
    tokens = {t.name: t for t in ApiToken.objects.filter(user=alice)}
    expires = tokens["script"].expires_at
    assert expires is not None
    assert abs((expires - timezone.now()) - datetime.timedelta(days=90)) < datetime.timedelta(
        minutes=1)
    assert tokens["forever"].expires_at is None
    from django.core.exceptions import ValidationError

    from tonus.web.accounts.tokens import token_create

    with pytest.raises(ValidationError, match="3650"):
        token_create(by=alice, name="too long", expires_in_days=99999)


def test_logging_into_ones_own_account_does_not_reset_guesses_at_another(
    alice: Any, bob: Any
) -> None:
    """An attacker with an account of their own, from one address: succeeding as themselves
    between guesses must not clear the failures counted against the victim."""
    http = _browser("203.0.113.90")
    guesses = 0
    for _ in range(4):
        for _ in range(3):
            guesses += 1
            _login(http, "bob", f"guess-{guesses}")
        assert _login(_browser("203.0.113.90"), "alice", PASSWORD) in (302, 429)
    assert guesses >= settings.AXES_FAILURE_LIMIT
    assert _login(_browser("192.0.2.200"), "bob", PASSWORD) == 429  # bob's account is locked


def test_a_success_clears_the_accounts_own_typos(alice: Any) -> None:
    http = _browser("198.51.100.77")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(http, "alice", f"typo-{n}")
    assert _login(http, "alice", PASSWORD) == 302
    other = _browser("198.51.100.78")
    assert _login(other, "alice", "one-more-typo") == 200  # counting from zero again
    assert _login(other, "alice", PASSWORD) == 302
