"""The API's error contract: strict JSON bodies (no NaN or Infinity), documented error answers,
and JSON (never an HTML page) for any error under /api/, including unknown URLs and crashes."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from ninja.parser import Parser


class _NonFinite:
    """Stands for a NaN / Infinity literal while the parsed body is searched for them."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


class NonFiniteNumberError(ValueError):
    """The body is JSON but holds NaN, Infinity or -Infinity (Python's json reads them)."""

    def __init__(self, found: list[tuple[list[str | int], str]]) -> None:
        super().__init__(", ".join(".".join(map(str, loc)) for loc, _ in found))
        self.found = found

    def problems(self) -> list[dict[str, Any]]:
        return [
            {"loc": ["body", *loc], "msg": f"{literal} is not a number: send a finite number",
             "type": "finite_number"}
            for loc, literal in self.found
        ]


def _non_finite(value: Any, loc: list[str | int], found: list[tuple[list[str | int], str]]) -> None:
    if isinstance(value, _NonFinite):
        found.append((loc, value.literal))
    elif isinstance(value, dict):
        for key, item in value.items():
            _non_finite(item, [*loc, key], found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _non_finite(item, [*loc, index], found)


class StrictJsonParser(Parser):
    """JSON as RFC 8259 defines it: NaN and Infinity are refused, each named by its field."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_constant=_NonFinite)
        found: list[tuple[list[str | int], str]] = []
        _non_finite(data, [], found)
        if found:
            raise NonFiniteNumberError(found)
        return data


_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"anyOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": "object", "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"},
                                                         {"type": "integer"}]}},
            "msg": {"type": "string"}, "type": {"type": "string"}}}},
    ]}},
    "required": ["detail"],
}
_ERRORS = {
    "400": "The body is not valid JSON.",
    "401": "No token, or an unknown, expired or revoked one.",
    "403": "Your role does not allow this.",
    "404": "No such record in your clinic.",
    "422": "Invalid input: `detail` lists each problem with the field (`loc`) it concerns.",
}


def document_errors(schema: Any) -> Any:
    """Add the error answers to every operation of an OpenAPI schema (in place)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = _ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, description in _ERRORS.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": ref}},
                })
    return schema


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/ (an unknown endpoint), Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: JSON under /api/ (the error is logged, nothing about it is revealed)."""
    if _is_api(request):
        return JsonResponse({"detail": "Internal server error"}, status=500)
    return defaults.server_error(request)
