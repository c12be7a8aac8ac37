"""Reading query-string parameters without trusting them."""

from __future__ import annotations

from django.http import HttpRequest


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive whole number from the query string, or None when absent or malformed."""
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def str_param(request: HttpRequest, name: str, max_length: int = 100) -> str:
    return request.GET.get(name, "").strip()[:max_length]
