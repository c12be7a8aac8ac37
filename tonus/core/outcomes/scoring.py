"""Score one questionnaire from its answers, as the instrument's data file says.

Answers are ``{item id: number}``. Every problem is collected and named (an unknown item, a value
out of the item's range, a required item missing), so the form can show each next to its item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tonus.core.errors import OutcomeError
from tonus.core.knowledge.client_schema import Instrument

SCORER_VERSION = "1"  # stored with each score, so a later change of rule is visible


@dataclass(frozen=True)
class Score:
    instrument: str
    total: float
    subscales: dict[str, float]
    answered: int

    def as_dict(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "total": self.total,
                "subscales": dict(self.subscales), "answered": self.answered,
                "scorer": SCORER_VERSION}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def validate_answers(inst: Instrument, answers: Any) -> dict[str, float]:
    """The answers as numbers; raise OutcomeError naming every bad or missing item."""
    if not isinstance(answers, dict):
        raise OutcomeError([f"{inst.short}: answers must be an object of item: value"])
    items = {i.id: i for i in inst.items}
    problems: list[str] = []
    clean: dict[str, float] = {}
    for key, value in answers.items():
        item = items.get(key)
        if item is None:
            problems.append(f"{inst.short}: unknown item {key!r}")
        elif value is None:
            continue
        elif not _is_number(value):
            problems.append(f"{inst.short} item {key!r} ({item.text}): must be a number from "
                            f"{item.min} to {item.max}, got {value!r}")
        elif not item.min <= value <= item.max or value != int(value):
            problems.append(f"{inst.short} item {key!r} ({item.text}): must be a whole number "
                            f"from {item.min} to {item.max}, got {value!r}")
        else:
            clean[key] = float(value)
    if len(clean) < inst.scoring.min_answered and not problems:
        if inst.scoring.min_answered == len(inst.items):
            missing = [f"{i.id!r} ({i.text})" for i in inst.items if i.id not in clean]
            problems.append(f"{inst.short}: every item needs an answer; missing "
                            + ", ".join(missing))
        else:
            problems.append(f"{inst.short}: at least {inst.scoring.min_answered} items need an "
                            f"answer, got {len(clean)}")
    if problems:
        raise OutcomeError(problems)
    return clean


def score(inst: Instrument, answers: Any) -> Score:
    clean = validate_answers(inst, answers)
    values = list(clean.values())
    raw = sum(values) if inst.scoring.method == "sum" else sum(values) / len(values)
    subscales = {
        s.id: float(sum(v for k, v in clean.items()
                        if next(i for i in inst.items if i.id == k).subscale == s.id))
        for s in inst.subscales
    }
    return Score(inst.id, round(raw, inst.scoring.decimals), subscales, len(clean))


@dataclass(frozen=True)
class Change:
    first: float
    latest: float
    change: float  # latest - first
    improved_by: float  # change in the direction of "better" (positive = better)
    mcid: float | None
    meaningful: bool | None  # None when the instrument has no MCID

    @property
    def words(self) -> str:
        if self.mcid is None:
            return f"{self.change:+g} (no published minimal important difference)"
        if self.meaningful:
            return f"{self.change:+g}: better by at least the MCID ({self.mcid:g})"
        if self.improved_by <= -self.mcid:
            return f"{self.change:+g}: worse by at least the MCID ({self.mcid:g})"
        return f"{self.change:+g}: less than the MCID ({self.mcid:g})"


def change(inst: Instrument, first: float, latest: float) -> Change:
    delta = round(latest - first, 2)
    better = delta if inst.better == "higher" else -delta
    mcid = inst.mcid.value
    return Change(first, latest, delta, better, mcid,
                  None if mcid is None else better >= mcid)


def mcid_band(*, first: float, mcid: float | None, better: str,
              score_range: tuple[float, float]) -> tuple[float, float] | None:
    """The scores within one MCID of the first in the direction of improvement (no meaningful
    change yet), clamped to the instrument's range; None without a published MCID."""
    if mcid is None:
        return None
    lo, hi = score_range
    if better == "higher":
        return first, min(hi, first + mcid)
    return max(lo, first - mcid), first


def reassessment_due(inst: Instrument, last: date | None, today: date) -> bool:
    """Due when never scored, or when ``reassess_after_weeks`` have passed since the last."""
    if last is None:
        return True
    return (today - last).days >= inst.reassess_after_weeks * 7
