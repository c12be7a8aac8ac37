"""Red flags and referrals: the limits of soft-tissue work, stated before the plan.

Red flags come only from explicit findings: a screening answer of true, or a drawing that itself
shows the flagged picture (paresthesia in both hands or both feet, when the therapist has not
answered that question). A pain location alone never raises one.

Referrals name the factor that calls for them: a perpetuating factor outside soft tissue, a
movement habit another professional corrects (bifocals, clenching), a nerve-root pattern, an
apparent leg-length difference, and stalled progress (``sessions_without_progress``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tonus.core.case.model import Case
from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.reasoning.ranking import Ranking
from tonus.core.reasoning.widespread import WidespreadPain

STALLED_SESSIONS = 3  # sessions without progress after which referral becomes the advice

_HAND = ("hand-palm", "hand-thenar", "hand-hypothenar", "hand-dorsal-radial",
         "hand-dorsal-ulnar", "finger-thumb", "finger-index", "finger-middle", "finger-ring",
         "finger-little")
_FOOT = ("foot-arch", "foot-ball", "foot-dorsum", "heel", "toe-great", "toes-lesser")


def _bilateral_paresthesia(case: Case) -> str | None:
    paresthesia = vocabulary().paresthesia_qualities
    marked = {m.region for m in case.pain if set(m.qualities) & paresthesia}
    for bases, where in ((_HAND, "both hands"), (_FOOT, "both feet")):
        left = any(f"{b}-l" in marked for b in bases)
        right = any(f"{b}-r" in marked for b in bases)
        if left and right:
            return where
    return None


def screening_question_applies(item_id: str, kb: KnowledgeBase, age: int | None,
                               sex: str | None) -> bool:
    """Whether a screening question (red flag or perpetuating factor) can apply to this client.

    The rule is knowledge (``applies_when`` in the data files). An unknown age, or a sex other
    than female or male, keeps the question: a question is skipped only when it cannot apply.
    """
    entry = kb.red_flags.get(item_id) or kb.factors.get(item_id)
    rule = entry.applies_when if entry is not None else None
    if rule is None:
        return True
    if age is not None:
        if rule.min_age is not None and age < rule.min_age:
            return False
        if rule.max_age is not None and age > rule.max_age:
            return False
    return not (rule.sexes is not None and sex in ("female", "male") and sex not in rule.sexes)


def intake_answers(intake: Mapping[str, object], kb: KnowledgeBase) -> dict[str, bool]:
    """The screening answers that follow from what the client form recorded (``intake``: its
    fields such as ``caffeine_cups_per_day``, ``tobacco``, ``alcohol_units_per_week``); a
    question whose field is empty (not asked) is left out, so it is still asked."""
    out: dict[str, bool] = {}
    for fid, factor in kb.factors.items():
        rule = factor.from_intake
        value = intake.get(rule.field) if rule is not None else None
        if rule is None or value is None or value == "":
            continue
        if rule.yes_above is not None and isinstance(value, int | float):
            out[fid] = value > rule.yes_above
        elif rule.yes_when:
            out[fid] = str(value) in rule.yes_when
    return out


def red_flags(case: Case, kb: KnowledgeBase) -> list[dict[str, Any]]:
    found: dict[str, str] = dict.fromkeys(case.screened_true(), "screening answer")
    where = _bilateral_paresthesia(case)
    if where and "bilateral-paresthesia" not in case.screening:
        found["bilateral-paresthesia"] = f"pain drawing: numbness or tingling in {where}"
    return flags_found(found, kb)


def screening_red_flags(screening: Mapping[str, bool], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The red flags answered yes on a screening form alone (the client record, before any
    drawing): same entries and order as in a report."""
    return flags_found({fid: "screening answer" for fid, yes in screening.items() if yes is True},
                       kb)


def flags_found(found: Mapping[str, str], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Report entries for red flag ids (mapped to how each was found), most urgent first;
    ids that are not red flags are ignored."""
    out = []
    for fid, found_by in found.items():
        flag = kb.red_flags.get(fid)
        if flag is None:
            continue
        out.append({
            "id": fid,
            "action": "refer-before-treatment",
            "to": flag.to,
            "urgency": flag.urgency,
            "severity": flag.action,  # emergency, refer-before-treatment or precaution
            "reason": flag.reason,
            "meaning": flag.meaning,
            "found_by": found_by,
        })
    order = {"emergency": 0, "refer-before-treatment": 1, "precaution": 2}
    out.sort(key=lambda f: (order[str(f["severity"])], str(f["id"])))
    return out


def referrals(case: Case, kb: KnowledgeBase, ranking: Ranking) -> list[dict[str, Any]]:
    stalled = case.sessions_without_progress >= STALLED_SESSIONS
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(to: str, factor: str, reason: str, priority: str) -> None:
        if (to, factor) in seen:
            return
        seen.add((to, factor))
        out.append({"to": to, "factor": factor, "reason": reason, "priority": priority})

    stall_words = (f" No lasting progress after {case.sessions_without_progress} sessions: "
                   "this factor may be what keeps the trigger points active.") if stalled else ""
    for fid in case.screened_true():
        factor = kb.factors.get(fid)
        if factor is None:
            continue
        for to in factor.refer_to:
            add(to, fid, factor.referral_reason + stall_words,
                "recommended" if stalled else "consider")
    for act in case.activities:
        entry = kb.activities.get(act)
        if entry is None or not entry.refer_to:
            continue
        for to in entry.refer_to:
            add(to, act, (entry.referral_reason or entry.meaning) + stall_words,
                "recommended" if stalled else "consider")
    for finding in case.posture:
        if finding.startswith("leg-length-short"):
            side = "left" if finding.endswith("-l") else "right"
            add("chiropractor", finding,
                f"Apparent short {side} leg on screening: please confirm or rule out an anatomical "
                "leg-length difference (standing measurement or imaging) and advise on a lift.",
                "recommended" if stalled else "consider")
    top = ranking.ranked[:5]
    for s in [*ranking.explanation, *top]:
        if s.source.kind == "radicular" and (s in ranking.explanation or s.score >= 0.1):
            root = kb.nerve_roots[s.source.ident]
            side = {"l": "left", "r": "right"}.get(s.source.side, "")
            add(root.refer_to, f"nerve-root-{root.id}-{s.source.side}",
                f"The drawing follows the {root.id} dermatome on the {side} "
                f"({', '.join(s.essential_hits) or 'dermatome'}): a nerve-root problem needs a "
                f"medical assessment (myotome: {'; '.join(root.myotome[:2])}).", "recommended")
        if s.source.kind == "entrapment" and s in top[:3]:
            marks = {m.region: m for m in case.pain}
            weak = [r for r in s.explains if "weakness" in marks[r].qualities]
            ent = kb.entrapments[s.source.ident]
            # a site with no muscle to release (Morton's neuroma: footwear) is not ours to treat
            no_soft_tissue = not ent.muscles and s is ranking.ranked[0]
            if weak or stalled or no_soft_tissue:
                why = ("weakness in the nerve's territory" if weak
                       else f"no progress after {case.sessions_without_progress} sessions"
                       if stalled else "no muscle that manual therapy can release")
                add(ent.refer_to, f"entrapment-{ent.id}-{s.source.side}",
                    f"Suspected {ent.nerve} entrapment ({ent.site}) with {why}. "
                    f"{ent.refer_when}", "recommended")
    if stalled and not out:
        add("physician", "sessions-without-progress",
            f"No lasting progress after {case.sessions_without_progress} sessions although no "
            "perpetuating factor was found on screening: please review for systemic, hormonal, "
            "nutritional or joint causes outside the scope of soft-tissue therapy.", "recommended")
    return out


def widespread_referral(wp: WidespreadPain) -> dict[str, Any]:
    """A widespread pattern goes to a physician for diagnosis (the therapist screens)."""
    from tonus.core.knowledge.client_knowledge import client_knowledge

    reason = client_knowledge().widespread.plan.referral_reason
    return {"to": "physician", "factor": "widespread-pain",
            "reason": f"{reason} Widespread pain index {wp.wpi}/19"
                      + (f", symptom severity {wp.sss}/12" if wp.sss is not None else "")
                      + f"; ACR 2016 criteria: {wp.acr_2016}.",
            "priority": "recommended"}
