"""What the screening answers mean for the page: red flags answered yes, with whom to refer to.

The referral content (professional, reason, urgency) comes from the knowledge base, never from
this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import load_knowledge
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
    """One alert per red flag answered yes, in a stable order."""
    red_flags = vocabulary().red_flags
    knowledge = load_knowledge().red_flags
    alerts = []
    for flag_id in sorted(k for k, v in screening.items() if v is True and k in red_flags):
        flag = knowledge[flag_id]
        alerts.append(RedFlagAlert(
            id=flag_id, label=id_label(flag_id), to=flag.to, to_label=id_label(flag.to),
            reason=flag.reason, urgency=flag.urgency, urgency_label=id_label(flag.urgency),
        ))
    return alerts
