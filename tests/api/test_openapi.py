"""The OpenAPI schema is valid, documents every endpoint, and the docs page uses no CDN."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.endpoints import ENDPOINTS

HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


@pytest.fixture
def schema(as_alice: HttpClient) -> dict[str, Any]:
    response = as_alice.get("/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/json")
    body: dict[str, Any] = response.json()
    return body


def _operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path.removeprefix("/api")): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items() if method in HTTP_METHODS
    }


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref" and isinstance(v, str)] + [
            ref for v in node.values() for ref in _refs(v)]
    if isinstance(node, list):
        return [ref for v in node for ref in _refs(v)]
    return []


def _resolve(schema: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = schema
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_the_schema_is_valid_openapi(schema: dict[str, Any]) -> None:
    assert re.fullmatch(r"3\.[01]\.\d+", schema["openapi"])
    assert schema["info"]["title"] == "Tonus API" and schema["info"]["version"]
    for ref in _refs(schema):
        assert isinstance(_resolve(schema, ref), dict), ref
    operation_ids = [op["operationId"] for op in _operations(schema).values()]
    assert len(operation_ids) == len(set(operation_ids))
    for (method, path), operation in _operations(schema).items():
        assert operation["responses"], (method, path)
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path)), (method, path)


def test_the_schema_lists_every_endpoint_documented(schema: dict[str, Any]) -> None:
    operations = _operations(schema)
    assert set(operations) == {(e.method, e.path) for e in ENDPOINTS}
    for key, operation in operations.items():
        assert operation.get("summary") and operation.get("description"), key
        assert operation.get("tags"), key
        assert operation["security"] == [{"ApiTokenAuth": []}], key


def test_the_schema_declares_bearer_tokens(schema: dict[str, Any]) -> None:
    scheme = schema["components"]["securitySchemes"]["ApiTokenAuth"]
    assert scheme == {"type": "http", "scheme": "bearer"}


def test_validation_limits_are_in_the_schema(schema: dict[str, Any]) -> None:
    muscle = schema["components"]["schemas"]["MuscleTreated"]["properties"]
    assert (muscle["pressure"]["minimum"], muscle["pressure"]["maximum"]) == (1, 5)


def test_the_docs_page_uses_local_assets_only(as_alice: HttpClient) -> None:
    response = as_alice.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html and "/static/ninja/" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert '"validatorUrl": null' in html


def test_docs_and_schema_need_a_login(db: Any) -> None:
    for url in ("/api/docs", "/api/openapi.json"):
        response = HttpClient().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
