"""What the client reads at home: each piece of advice once, and only advice that comes from
this client's own recorded habits, screening findings and treated muscles.

"Once" means once by meaning, not by spelling: the same advice reaches a plan from several
places (desk work and prolonged sitting both say "get up every 20-30 minutes"; the phone habit
and a neck muscle both say "use a headset"), so two lines that share most of their content
words are one piece of advice and the first one wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from tonus.core.knowledge.base import KnowledgeBase

_STOP_WORDS = """a an and or the of to in on at for with by from as is are be it its this that
your you yours do not no never into onto than then so if when while each per any all over under
up down off out very few minutes minute s twice once day days daily several times time"""
_STOP = frozenset(_STOP_WORDS.split())
SAME_MEANING = 0.7  # share of the shorter line's content words that the other line repeats


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)  # advice lines come from the knowledge base: a small, fixed set
def content_words(line: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", line.lower())
    return frozenset(_stem(w) for w in words if w not in _STOP)


def same_meaning(a: str, b: str) -> bool:
    """Whether two advice lines say the same thing (most content words of the shorter one
    appear in the other)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    shorter = min(len(wa), len(wb))
    return len(wa & wb) / shorter >= SAME_MEANING and len(wa & wb) >= 2


class AdviceOnce:
    """Hands out each piece of advice once across a whole document."""

    def __init__(self) -> None:
        self._said: list[str] = []

    def new(self, lines: Iterable[str], *, exact: bool = False) -> list[str]:
        """The lines not said yet; ``exact``: compare the wording only (two stretches for two
        muscles share most words, "sitting, hold the chair seat...", yet differ)."""
        out = []
        for line in lines:
            said_before = (line in self._said if exact
                           else any(same_meaning(line, said) for said in self._said))
            if line and not said_before:
                self._said.append(line)
                out.append(line)
        return out


def dedupe_by_meaning(lines: Iterable[str]) -> list[str]:
    return AdviceOnce().new(lines)


def habit_advice(activities: Sequence[str], kb: KnowledgeBase,
                 once: AdviceOnce | None = None) -> list[dict[str, Any]]:
    """Advice for the client's recorded activities only, in their order, each line once."""
    once = once or AdviceOnce()
    out = []
    for act in dict.fromkeys(activities):
        entry = kb.activities.get(act)
        if entry is None:
            continue
        advice = once.new(entry.advice)
        if advice:
            out.append({"activity": act, "advice": advice})
    return out


def factor_education(screened_true: Iterable[str], kb: KnowledgeBase,
                     once: AdviceOnce | None = None) -> list[str]:
    """Education for the perpetuating factors the client's screening found, one line each."""
    once = once or AdviceOnce()
    lines = []
    for fid in screened_true:
        factor = kb.factors.get(fid)
        if factor and factor.education:
            lines.append(factor.education[0])
    return once.new(lines)


def muscle_home_care(muscle_id: str, kb: KnowledgeBase, once: AdviceOnce,
                     at_most: int = 2) -> dict[str, Any]:
    """One treated muscle's part of the handout: the stretch the client can do alone (none
    where the knowledge base has no safe self-stretch) and its self-care, new advice only."""
    treatment = kb.muscles[muscle_id].treatment
    stretch = once.new([treatment.self_stretch], exact=True) if treatment.self_stretch else []
    return {"self_stretch": stretch[0] if stretch else "",
            "self_care": once.new(treatment.self_care)[:at_most]}


def handout_advice(plan: Mapping[str, Any], kb: KnowledgeBase,
                   muscles: Sequence[str]) -> dict[str, Any]:
    """Everything the handout advises, each piece once: the treated ``muscles``' self-stretch
    and self-care (in plan order), then the plan's habit advice and its education (the
    therapist's edited lines where there are some), minus what was already said."""
    once = AdviceOnce()
    per_muscle = [muscle_home_care(m, kb, once) for m in muscles]
    habits = []
    for h in plan.get("habit_advice", []):
        advice = once.new(str(a) for a in h.get("advice", []))
        if advice:
            habits.append({"activity": str(h["activity"]), "advice": advice})
    education = once.new(str(e) for e in plan.get("education", []))
    return {"muscles": per_muscle, "habits": habits, "education": education}
