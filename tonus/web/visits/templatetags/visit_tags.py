"""Template helpers of the visit pages: links to pages other apps may not provide yet, and the
words of a stored report's best hypothesis."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from tonus.web.visits.presenters import hypothesis_title

register = template.Library()


@register.simple_tag
def optional_url(name: str, **kwargs: Any) -> str:
    """The URL of ``name``, or "" while the app that provides it is not installed."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.filter
def top_hypothesis(report: dict[str, Any] | None) -> str:
    hypotheses = (report or {}).get("hypotheses") or []
    if not hypotheses:
        return ""
    title, _ = hypothesis_title(hypotheses[0])
    return title


@register.filter
def has_red_flag(report: dict[str, Any] | None) -> bool:
    return bool((report or {}).get("red_flags"))


@register.filter
def nprs_by_region(scores: dict[str, Any] | None) -> list[tuple[str, Any]]:
    """A visit's pain scores with the region each belongs to: [("Left forehead", 5)]."""
    from tonus.web.labels import region_label

    return [(region_label(region), score) for region, score in (scores or {}).items()]
