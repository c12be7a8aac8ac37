"""The request's IP and user agent, set by the middleware so selectors and services need not
carry the request around (the API and management commands get the same audit writer)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""


NO_REQUEST = RequestContext()  # frozen, so sharing it as the default is safe
current_request: ContextVar[RequestContext] = ContextVar(
    "tonus_audit_request", default=NO_REQUEST
)
