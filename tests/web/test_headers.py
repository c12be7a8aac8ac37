"""Every page and API answer: a Content-Security-Policy that allows no inline script, and
``Cache-Control: no-store`` (they carry health data)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.conftest import CASE, api_client, token_for


@pytest.fixture
def visit(alice: Any, client_of_a: Any) -> Any:
    from tonus.web.visits.services import visit_create

    return visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                        case=CASE)


def _pages(client: Any, visit: Any) -> list[str]:
    return [
        "/clients/", f"/clients/{client.pk}/", f"/clients/{client.pk}/edit/",
        f"/visits/{visit.pk}/", f"/visits/{visit.pk}/drawing/", f"/visits/new/{client.pk}/",
        f"/posture/visits/{visit.pk}/photos/", f"/plans/client/{client.pk}/",
        f"/progress/sessions/{visit.pk}/", f"/progress/clients/{client.pk}/",
        f"/visits/{visit.pk}/hypotheses/1/chart.svg", "/accounts/api-tokens/",
        "/accounts/team/", "/audit/", "/api/docs",
    ]


def _script_src(policy: str) -> list[str]:
    for directive in policy.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return values
    return []


def test_every_page_has_a_strict_script_policy_and_no_store(
    as_bob: HttpClient, client_of_a: Any, visit: Any
) -> None:
    for url in _pages(client_of_a, visit):
        response = as_bob.get(url)
        assert response.status_code in (200, 404), url  # a chart may not exist: still headers
        policy = response["Content-Security-Policy"]
        sources = _script_src(policy)
        assert "'self'" in sources, url
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, url
        assert "no-store" in response["Cache-Control"], url
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            # every <script> loads a file from this server (or is a JSON data block)
            for tag in re.findall(r"<script\b[^>]*>", html):
                assert 'src="/static/' in tag or 'type="application/json"' in tag, (url, tag)
            assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers


def test_the_login_page_and_errors_have_the_headers_too(client: HttpClient) -> None:
    for url in ("/accounts/login/", "/no-such-page/"):
        response = client.get(url)
        assert "Content-Security-Policy" in response, url
        assert "no-store" in response["Cache-Control"], url


def test_api_answers_are_not_stored(alice: Any, client_of_a: Any, visit: Any) -> None:
    api = api_client(token_for(alice))
    for url in (f"/api/clients/{client_of_a.pk}", f"/api/visits/{visit.pk}/report",
                "/api/clients/999999", "/api/nothing-here"):
        response = api.get(url)
        assert "no-store" in response["Cache-Control"], url
    assert "no-store" in api_client(None).get("/api/clients")["Cache-Control"]
