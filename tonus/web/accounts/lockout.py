"""Login lockout (django-axes): the client's address, and what a successful login clears."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind our reverse proxy the last X-Forwarded-For entry.

    The last entry is the one the proxy appended (the address it saw); entries before it come
    from the client and could be forged to dodge the per-address limit.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        if forwarded:
            return forwarded
    return remote


@receiver(user_logged_in)
def clear_own_failures(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A successful login clears that account's failed attempts, and only those.

    axes' own AXES_RESET_ON_SUCCESS also clears every failure from the same address, so an
    attacker could log into their own account between guesses at someone else's and never
    reach the limit; it is off, and this does the safe half of it.
    """
    axes_reset(username=user.get_username())
