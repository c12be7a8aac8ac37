"""Erasure pages (clinic admins): delete a visit, or erase a client's whole record."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.clients.erasure import client_erase, visit_delete
from tonus.web.clients.selectors import client_get
from tonus.web.visits.selectors import visit_get, visit_list


@require_http_methods(["GET", "POST"])
def client_erase_view(request: HttpRequest, client_id: int) -> HttpResponse:
    membership_require(user=request.user, permission=Permission.CLINIC_MANAGE)
    client = client_get(user=request.user, client_id=client_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm_name", "").strip() != client.full_name:
            error = "Type the client's full name exactly to confirm."
        else:
            try:
                visits, photos = client_erase(by=request.user, client=client)  # type: ignore[arg-type]
            except ProtectedError:
                error = "This record is still referred to by other records; nothing was erased."
            else:
                messages.success(request, f"Erased the client record, {visits} visit(s) and "
                                          f"{photos} photo(s).")
                return redirect("clients:client-list")
    return render(request, "clients/erase.html", {
        "client": client, "visits": visit_list(user=request.user, client_id=client.pk),
        "error": error,
    }, status=422 if error else 200)


@require_http_methods(["GET", "POST"])
def visit_delete_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    """GET: what will be deleted, and a button; POST: delete."""
    membership_require(user=request.user, permission=Permission.CLINIC_MANAGE)
    visit = visit_get(user=request.user, visit_id=visit_id)
    if request.method == "GET":
        return render(request, "clients/visit_delete.html", {
            "visit": visit, "photos": visit.posture_photos.count()})
    client_id = visit.client_id
    try:
        photos = visit_delete(by=request.user, visit=visit)  # type: ignore[arg-type]
    except ProtectedError:
        messages.error(request, "This visit is still referred to by other records.")
    else:
        messages.success(request, f"Deleted the visit of {visit.visit_date:%d %b %Y} and "
                                  f"{photos} photo(s).")
    return redirect("clients:client-erase", client_id=client_id)
