"""Client pages: translation only (parse, call one selector or service, render)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import has_permission, membership_require
from tonus.web.clients.forms import ClientCreateForm, ClientForm, ScreeningForm
from tonus.web.clients.screening import questions_not_asked, red_flag_alerts
from tonus.web.clients.selectors import client_get, client_list
from tonus.web.clients.services import (
    client_consent_record,
    client_create,
    client_screening_update,
    client_update,
)
from tonus.web.htmx import HtmxHttpRequest
from tonus.web.labels import id_label
from tonus.web.query import int_param, str_param
from tonus.web.visits.selectors import visit_list


@require_http_methods(["GET"])
def client_list_view(request: HtmxHttpRequest) -> HttpResponse:
    search = str_param(request, "q")
    page = client_list(user=request.user, search=search, page=int_param(request, "page") or 1)
    context = {"page": page, "search": search, "query": urlencode({"q": search}) if search else ""}
    if request.htmx:
        return render(request, "clients/_client_rows.html", context)
    return render(request, "clients/client_list.html", context)


@require_http_methods(["GET", "POST"])
def client_create_view(request: HttpRequest) -> HttpResponse:
    membership_require(user=request.user, permission=Permission.CLIENT_EDIT)
    form = ClientCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = client_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, f"{client.full_name} added.")
        return redirect("clients:client-detail", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


@require_http_methods(["GET"])
def client_detail_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    context = {
        "client": client,
        "alerts": red_flag_alerts(client.screening),
        "activities": [id_label(a) for a in client.activities],
        "screening_yes": [id_label(k) for k, v in sorted(client.screening.items()) if v],
        "visits": visit_list(user=request.user, client_id=client.pk),
        "can_view_audit": has_permission(request.user, Permission.AUDIT_VIEW),
    }
    return render(request, "clients/client_detail.html", context)


@require_http_methods(["GET", "POST"])
def client_update_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        client_update(by=request.user, client=client, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, "Client record saved.")
        return redirect("clients:client-detail", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
def client_screening_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    form = ScreeningForm(request.POST or None, screening=client.screening,
                         not_asked=questions_not_asked(client))
    if request.method == "POST" and form.is_valid():
        client_screening_update(
            by=request.user, client=client, answers=form.answers()  # type: ignore[arg-type]
        )
        messages.success(request, "Screening answers saved.")
        return redirect("clients:client-detail", client_id=client.pk)
    return render(request, "clients/screening_form.html", {"form": form, "client": client})


@require_POST
def client_consent_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    given = request.POST.get("given") == "yes"
    client_consent_record(by=request.user, client=client, given=given)  # type: ignore[arg-type]
    messages.success(request, "Consent recorded." if given else "Consent withdrawal recorded.")
    return redirect("clients:client-detail", client_id=client.pk)
