"""The request's IP and user agent, set by the middleware so selectors and services need not
carry the request around (the API and management commands get the same audit writer)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""
    # The views already recorded in this request: one page view is one event, however many
    # selectors (client, its visits, its plan) the page reads.
    viewed: dict[tuple[str, Any], Any] = field(default_factory=dict, compare=False)


NO_REQUEST = RequestContext()  # frozen, so sharing it as the default is safe
current_request: ContextVar[RequestContext] = ContextVar(
    "tonus_audit_request", default=NO_REQUEST
)
