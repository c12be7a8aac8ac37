"""What the screening answers mean for the page: red flags answered yes, with whom to refer to.

The referral content (professional, reason, urgency) comes from the knowledge base, never from
this module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tonus.core.knowledge.base import load_knowledge
from tonus.core.reasoning.screening import (
    intake_answers,
    screening_question_applies,
    screening_red_flags,
)
from tonus.web.clients.models import Client
from tonus.web.clients.vocabulary import screening_ids
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


@dataclass(frozen=True)
class NotAsked:
    """A screening question the form does not ask, and why: answered by the client form
    (``answer`` True/False), or one that cannot apply to this client (``answer`` None)."""

    id: str
    label: str
    answer: bool | None
    why: str


def _age(born: datetime.date | None, on: datetime.date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def questions_not_asked(client: Client) -> dict[str, NotAsked]:
    """The questions to leave off this client's screening form (the core and the knowledge
    base decide): those the client form already answered, and those that cannot apply by age
    or sex."""
    kb = load_knowledge()
    out: dict[str, NotAsked] = {}
    intake = {"caffeine_cups_per_day": client.caffeine_cups_per_day,
              "tobacco": client.tobacco, "alcohol_units_per_week": client.alcohol_units_per_week}
    for fid, answer in intake_answers(intake, kb).items():
        rule = kb.factors[fid].from_intake
        out[fid] = NotAsked(fid, id_label(fid), answer, rule.why if rule else "")
    age = _age(client.date_of_birth, timezone.localdate())
    for qid in sorted(screening_ids()):
        if qid not in out and not screening_question_applies(qid, kb, age, client.sex):
            entry = kb.red_flags.get(qid) or kb.factors.get(qid)
            applies = entry.applies_when if entry is not None else None
            out[qid] = NotAsked(qid, id_label(qid), None, applies.why if applies else "")
    return out
