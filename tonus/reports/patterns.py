"""A source's referral pattern, sided, as the atlas draws it: one place for the HTML report, the
PDFs, the web pages and the documentation pictures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tonus.core.atlas import TriggerPointMark, render_referral_pattern
from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import load_knowledge


@dataclass(frozen=True)
class Pattern:
    essential: list[str]
    spillover: list[str]
    marks: list[TriggerPointMark]


def _sided(bases: list[str], sides: tuple[str, ...]) -> list[str]:
    voc = vocabulary()
    return list(dict.fromkeys(voc.sided(b, s) for b in bases for s in sides))


def source_pattern(kind: str, ident: str, side: str,
                   trigger_point: str | None = None) -> Pattern | None:
    """The zones of a trigger point (its first one when unnamed), an entrapment's territory or a
    root's dermatome, on the source's side (both sides for a midline source); None if unknown."""
    kb = load_knowledge()
    sides = (side,) if side in ("l", "r") else ("l", "r")
    if kind == "trigger-point" and ident in kb.muscles:
        muscle = kb.muscles[ident]
        tp = next((t for t in muscle.trigger_points if t.id == trigger_point),
                  muscle.trigger_points[0])
        opposite = tuple({"l": "r", "r": "l"}[s] for s in sides)
        return Pattern(
            essential=[*_sided(list(tp.referral.essential), sides),
                       *_sided(list(tp.referral.contralateral), opposite)],
            spillover=_sided(list(tp.referral.spillover), sides),
            marks=[TriggerPointMark(region=r, view=tp.location.view, nudge=tp.location.nudge)
                   for r in _sided([tp.location.region], sides)],
        )
    if kind == "entrapment" and ident in kb.entrapments:
        ent = kb.entrapments[ident]
        return Pattern(_sided(list(ent.symptom_regions), sides),
                       _sided(list(ent.pain_regions), sides), [])
    if kind == "radicular" and ident in kb.nerve_roots:
        root = kb.nerve_roots[ident]
        return Pattern(_sided(list(root.dermatome), sides),
                       _sided(list(root.pain_regions), sides), [])
    return None


def hypothesis_chart(hypothesis: Mapping[str, Any], pain: Mapping[str, float] | None = None,
                     *, title: str | None = None, focus: bool = True) -> str | None:
    """A report hypothesis's referral pattern, over the client's own drawing when given (SVG)."""
    kind = str(hypothesis.get("kind"))
    ident = hypothesis.get("muscle") or hypothesis.get("entrapment") or hypothesis.get("root")
    pattern = source_pattern(kind, str(ident), str(hypothesis.get("side", "r")),
                             hypothesis.get("trigger_point"))
    if pattern is None:
        return None
    return render_referral_pattern(essential=pattern.essential, spillover=pattern.spillover,
                                   trigger_points=pattern.marks, pain=pain, title=title,
                                   focus=focus)
