"""What the screening answers mean for the page: red flags answered yes, with whom to refer to.

The referral content (professional, reason, urgency) comes from the knowledge base, never from
this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from tonus.core.knowledge.base import load_knowledge
from tonus.core.reasoning.screening import screening_red_flags
from tonus.web.labels import id_label


@dataclass(frozen=True)
class RedFlagAlert:
    id: str
    label: str
    to: str
    to_label: str
    reason: str
    urgency: str
    urgency_label: str


def red_flag_alerts(screening: dict[str, bool]) -> list[RedFlagAlert]:
    """One alert per red flag answered yes, most urgent first (the core decides which and how)."""
    return [
        RedFlagAlert(
            id=f["id"], label=id_label(f["id"]), to=f["to"], to_label=id_label(f["to"]),
            reason=f["reason"], urgency=f["urgency"], urgency_label=id_label(f["urgency"]),
        )
        for f in screening_red_flags(screening, load_knowledge())
    ]
