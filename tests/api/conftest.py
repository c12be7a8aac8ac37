"""API test fixtures: the web people (alice, bob: clinic A; carol: clinic B), a token each, and
a visit of clinic A's client."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.web import conftest as web

# The web people and their clinics, shared with tests/web (pytest collects fixtures by name).
_web_settings = web._web_settings
clinic_a, clinic_b = web.clinic_a, web.clinic_b
alice, bob, carol, as_alice = web.alice, web.bob, web.carol, web.as_alice
client_of_a = web.client_of_a

IP = "203.0.113.9"
USER_AGENT = "tonus-api-tests"

CASE: dict[str, Any] = {
    "format": "tonus.case/1",
    "pain": [{"region": "head-temple-r", "intensity": 6, "qualities": ["aching"],
              "primary": True}],
}


def token_for(user: Any, name: str = "tests") -> str:
    from tonus.web.accounts.tokens import token_create

    return token_create(by=user, name=name)[1]


def api_client(raw_token: str | None) -> HttpClient:
    """A test client that sends ``Authorization: Bearer <token>`` (or nothing) on every call."""
    headers = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": USER_AGENT}
    if raw_token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw_token}"
    return HttpClient(**headers)


@pytest.fixture
def alice_api(alice: Any) -> HttpClient:
    return api_client(token_for(alice))


@pytest.fixture
def bob_api(bob: Any) -> HttpClient:
    return api_client(token_for(bob))


@pytest.fixture
def carol_api(carol: Any) -> HttpClient:
    return api_client(token_for(carol))


@pytest.fixture
def visit_of_a(alice: Any, client_of_a: Any) -> Any:
    from tonus.web.visits.services import visit_create

    return visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                        case=CASE)
