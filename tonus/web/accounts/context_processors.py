"""The clinic and role for the top bar and the nav (display only: views decide permissions)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tonus.web.accounts.models import Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.roles import role_has


def membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    found = Membership.objects.select_related("clinic").filter(user_id=user.pk).first()
    if found is None:
        return {}
    return {
        "current_membership": found,
        "current_clinic": found.clinic,
        "can_view_audit": role_has(found.role, Permission.AUDIT_VIEW),
        "can_manage_clinic": role_has(found.role, Permission.CLINIC_MANAGE),
    }
