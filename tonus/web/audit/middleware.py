from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tonus.web.audit.context import RequestContext, current_request


class AuditContextMiddleware:
    """Remember who is asking (IP, user agent) for the audit events of this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a proxy we trust sets it.
        context = RequestContext(
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = current_request.set(context)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
