"""Which address a login attempt comes from, for django-axes' per-address lockout."""

from __future__ import annotations

from django.conf import settings
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
