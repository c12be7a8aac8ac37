"""Logins go to the audit log (the one place a signal is used: Django sends it, we record it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from tonus.web.audit import record
from tonus.web.audit.actions import Action


@receiver(user_logged_in)
def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    membership = getattr(user, "membership", None)
    record(
        user=user, action=Action.LOGIN, object_type="user", object_id=str(user.pk),
        clinic_id=membership.clinic_id if membership else None, summary="Logged in",
    )
