"""Schemathesis against the API's own OpenAPI schema: every operation gets generated requests
(valid and invalid bodies, queries and ids), sent with a live token through Django's test
client; the bar is no server error at all, and every answer is JSON.

Bounded for the test suite: EXAMPLES valid and EXAMPLES invalid requests per operation
(about 15 s in all on two cores).
Path ids are a real record of the token's clinic for half the examples, so bodies reach the
services, and whatever schemathesis drew (huge, negative) for the other half.
    .venv/bin/pytest -q -s tests/api/test_schemathesis.py   # prints the counts per status
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.test import Client as HttpClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation.modes import GenerationMode

from tests.api.conftest import IP, USER_AGENT, token_for

EXAMPLES = 25
pytestmark = pytest.mark.slow


def _send(http: HttpClient, case: Any, token: str, real_ids: dict[str, int]) -> Any:
    path_parameters = dict(case.path_parameters or {})
    for name, value in path_parameters.items():
        if name in real_ids and isinstance(value, int) and value % 2 == 0:
            path_parameters[name] = real_ids[name]
    path = case.path
    for name, value in path_parameters.items():
        path = path.replace("{" + name + "}", str(value))
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    extra = {f"HTTP_{k.upper().replace('-', '_')}": str(v) for k, v in headers.items()}
    extra.update(HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=IP,
                 HTTP_USER_AGENT=USER_AGENT)
    body = case.body
    data = b"" if body is None or isinstance(body, schemathesis.core.NotSet) else body
    if not isinstance(data, bytes | str):
        data = json.dumps(data)
    return http.generic(case.method.upper(), path, data=data, QUERY_STRING=_query(case.query),
                        content_type=case.media_type or "application/json", **extra)


def _query(query: dict[str, Any] | None) -> str:
    from urllib.parse import urlencode

    return urlencode(query or {}, doseq=True)


@pytest.mark.django_db
def test_no_generated_request_gets_a_server_error(
    alice: Any, visit_of_a: Any, client_of_a: Any
) -> None:
    from tonus.web.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    token = token_for(alice)
    http = HttpClient(raise_request_exception=False)
    real_ids = {"client_id": client_of_a.pk, "visit_id": visit_of_a.pk}
    statuses: Counter[int] = Counter()
    failures: list[str] = []

    def checker(operation: Any) -> Any:
        def check(case: Any) -> None:
            _check(operation, case)
        return check

    def _check(operation: Any, case: Any) -> None:
        response = _send(http, case, token, real_ids)
        statuses[response.status_code] += 1
        is_json = response.get("Content-Type", "").startswith("application/json")
        if response.status_code >= 500 or not is_json:
            failures.append(f"{operation.method.upper()} {operation.path} -> "
                            f"{response.status_code}: {case.path_parameters} "
                            f"{case.query} {str(case.body)[:200]}")

    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            run = given(case=strategy)(settings(
                max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(checker(operation)))
            run()

    print(f"\nschemathesis: {sum(statuses.values())} requests, "
          f"by status {dict(sorted(statuses.items()))}, {len(failures)} failures")
    assert not failures, "\n".join(failures[:20])
    assert sum(statuses.values()) > 10 * EXAMPLES
    assert any(200 <= s < 300 for s in statuses)  # real records were reached
