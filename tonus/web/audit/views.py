from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tonus.web.audit.selectors import audit_event_list
from tonus.web.query import int_param


def event_list(request: HttpRequest) -> HttpResponse:
    client_id = int_param(request, "client")
    page = audit_event_list(
        user=request.user, client_id=client_id, page=int_param(request, "page") or 1
    )
    query = urlencode({"client": client_id}) if client_id else ""
    return render(
        request, "audit/event_list.html", {"page": page, "client_id": client_id, "query": query}
    )
