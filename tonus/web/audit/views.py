from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tonus.web.audit.actions import Action
from tonus.web.audit.selectors import (
    AuditFilter,
    audit_event_list,
    audit_usernames,
    client_names,
)
from tonus.web.query import int_param


def _date(request: HttpRequest, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


def event_list(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    filters = AuditFilter(
        client_id=int_param(request, "client"),
        client_name=request.GET.get("q", "")[:100],
        username=request.GET.get("user", "")[:150],
        action=action if action in Action.values else "",
        date_from=_date(request, "from"), date_to=_date(request, "to"),
    )
    page = audit_event_list(user=request.user, filters=filters,
                            page=int_param(request, "page") or 1)
    names = client_names(user=request.user,
                         client_ids={e.client_id for e in page.object_list if e.client_id})
    rows = [(e, names.get(e.client_id or 0, "")) for e in page.object_list]
    params = {"client": filters.client_id or "", "q": filters.client_name,
              "user": filters.username, "action": filters.action,
              "from": filters.date_from or "", "to": filters.date_to or ""}
    query = urlencode({k: v for k, v in params.items() if v})
    return render(request, "audit/event_list.html", {
        "page": page, "rows": rows, "filters": filters, "query": query,
        "client_id": filters.client_id, "usernames": audit_usernames(user=request.user),
        "actions": Action.choices, "filtered": bool(query),
    })
