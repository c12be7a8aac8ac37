"""Logins go to the audit log (the one place a signal is used: Django sends it, we record it)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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


@receiver(user_login_failed)
def record_login_failure(sender: Any, credentials: dict[str, Any], request: Any = None,
                         **kwargs: Any) -> None:
    """A failed login, in the log of the clinic of the account it named (if any); never the
    password (Django has already masked it)."""
    from django.contrib.auth import get_user_model

    from tonus.web.accounts.models import Membership

    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    membership = Membership.objects.filter(user=user).first() if user else None
    record(user=None, action=Action.LOGIN_FAILED, object_type="user",
           object_id=str(user.pk) if user else "",
           clinic_id=membership.clinic_id if membership else None, username=username,
           summary=f"Failed login as “{username}”"
           + ("" if user else " (no such account)"))


@receiver(user_logged_out)
def confirm_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Log out confirms it on the page it lands on (the login form)."""
    if request is not None:
        messages.success(request, "You are logged out. Close the browser on a shared computer.")
