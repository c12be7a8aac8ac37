"""The clinic's own details (name, address, phone, e-mail: the letterhead of its documents),
read by everyone in the clinic and edited by its admin; each change is audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tonus.web.accounts.models import Clinic
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action


class ClinicForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Clinic
        fields = ["name", "address", "phone", "email"]
        labels = {"email": "E-mail"}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"address": "As printed on letters, one line per row."}


def clinic_update(*, by: AnyUser, data: dict[str, Any]) -> Clinic:
    """Save the admin's own clinic's details; ValueError naming the fields that are wrong."""
    membership = membership_require(user=by, permission=Permission.CLINIC_MANAGE)
    clinic = membership.clinic
    form = ClinicForm(data, instance=clinic)
    if not form.is_valid():
        raise ValueError("; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items()))
    with transaction.atomic():
        form.save()
        record(user=by, action=Action.UPDATE, object_type="clinic", object_id=clinic.pk,
               clinic_id=clinic.pk,
               summary=f"Clinic details edited ({', '.join(form.changed_data) or 'no change'})")
    return clinic


@require_http_methods(["GET", "POST"])
def clinic_settings_view(request: HttpRequest) -> HttpResponse:
    membership = membership_require(user=request.user, permission=Permission.CLINIC_MANAGE)
    form = ClinicForm(request.POST or None, instance=membership.clinic)
    if request.method == "POST" and form.is_valid():
        clinic_update(by=request.user, data=request.POST.dict())
        messages.success(request, "Clinic details saved; letters now carry them.")
        return redirect("accounts:clinic-settings")
    return render(request, "accounts/clinic_settings.html", {"form": form})
