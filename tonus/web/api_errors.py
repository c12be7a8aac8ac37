"""The API's error contract: strict JSON bodies (no NaN or Infinity), documented error answers,
and JSON (never an HTML page) for any error under /api/, including unknown URLs and crashes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.datastructures import MultiValueDict
from django.views import defaults
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser


class _NonFinite:
    """Stands for a NaN / Infinity literal while the parsed body is searched for them."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


Loc = list[str | int]
_NUL = "text must not contain the NUL character (\\u0000)"


def _problem(where: str, loc: Loc, msg: str, kind: str) -> dict[str, Any]:
    return {"loc": [where, *loc], "msg": msg, "type": kind}


class UnsafeBodyError(ValueError):
    """The body is JSON, but holds NaN / Infinity (Python's json reads them, no database or
    client can use them) or text with NUL characters (PostgreSQL refuses them)."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(".".join(map(str, p["loc"])) for p in problems))
        self.problems = problems


def _unsafe(value: Any, loc: Loc, found: list[dict[str, Any]]) -> None:
    if isinstance(value, _NonFinite):
        found.append(_problem("body", loc, f"{value.literal} is not a number: send a finite "
                              "number", "finite_number"))
    elif isinstance(value, str):
        if "\x00" in value:
            found.append(_problem("body", loc, _NUL, "nul_character"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                found.append(_problem("body", [*loc, key], _NUL, "nul_character"))
            _unsafe(item, [*loc, key], found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _unsafe(item, [*loc, index], found)


class StrictJsonParser(Parser):
    """JSON as RFC 8259 defines it, and text a database can store: NaN, Infinity and NUL
    characters are refused with a 422 naming each field (body and query)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_constant=_NonFinite)
        found: list[dict[str, Any]] = []
        _unsafe(data, [], found)
        if found:
            raise UnsafeBodyError(found)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        nul = [_problem("query", [key], _NUL, "nul_character") for key, values in data.lists()
               if any(isinstance(v, str) and "\x00" in v for v in values) or "\x00" in key]
        if nul:
            raise NinjaValidationError(nul)
        return super().parse_querydict(data, list_fields, request)


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
    """handler500: JSON under /api/ (the error is logged, nothing about it is revealed); the
    app's own 500 page, with its navigation, elsewhere."""
    from tonus.web.errors import server_error as page

    if _is_api(request):
        return JsonResponse({"detail": "Internal server error"}, status=500)
    return page(request)


class ApiErrorsAsJsonMiddleware:
    """The safety net under /api/: an error answer that is not JSON (405 from the router,
    400 for a body over Django's size limit, ...) becomes ``{"detail": <reason>}``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (_is_api(request) and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")):
            json_response = JsonResponse({"detail": response.reason_phrase},
                                         status=response.status_code)
            if response.has_header("Allow"):
                json_response["Allow"] = response["Allow"]
            return json_response
        return response
