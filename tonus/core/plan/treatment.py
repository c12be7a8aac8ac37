"""The individualized treatment plan: muscles in order, technique and pressure, the stretch that
follows deactivation, home care (the client's self-stretch and self-care), and education drawn
only from the client's own habits and screening findings, each advice once (``advice.py``).

Order: the sources that explain the drawing first (key trigger points before their satellites),
then the muscles that hold the posture found, then the other likely sources. Pressure is capped
when screening shows fragile tissue or bleeding risk, and the whole plan is put on hold while a
red flag awaits a referral.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tonus.core.case.model import Case
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.plan.advice import AdviceOnce, factor_education, habit_advice, muscle_home_care
from tonus.core.reasoning.priors import PriorTerms
from tonus.core.reasoning.ranking import Ranking
from tonus.core.reasoning.widespread import WidespreadPain

PLAN_AT_MOST = 6
_GENTLE_FACTORS = {"anticoagulant-medication": 2, "long-term-steroids": 2}


def _pressure_cap(screening: Mapping[str, bool], age: int | None) -> tuple[int, list[str]]:
    cap, why = 5, []
    for fid, limit in _GENTLE_FACTORS.items():
        if screening.get(fid):
            cap = min(cap, limit)
            why.append(f"{fid}: light pressure only (at most {limit}/5), no sustained "
                       "ischemic compression")
    if age is not None and age >= 75:
        cap = min(cap, 3)
        why.append("age 75 or more: pressure at most 3/5")
    return cap, why


def plan_entry(kb: KnowledgeBase, muscle_id: str, side: str, *, screening: Mapping[str, bool],
               age: int | None, reason: str = "",
               role: str = "added by the therapist") -> dict[str, Any]:
    """One muscle's plan entry for this client, with the screening's pressure limits applied
    (used when the therapist adds a muscle the report did not propose)."""
    cap, _notes = _pressure_cap(screening, age)
    return _muscle_entry(kb, muscle_id, side, reason, cap, role)


def _muscle_entry(kb: KnowledgeBase, muscle_id: str, side: str, reason: str, cap: int,
                  role: str) -> dict[str, Any]:
    m = kb.muscles[muscle_id]
    techniques = []
    for t in m.treatment.techniques:
        if cap <= 2 and t.technique == "ischemic-compression":
            continue
        techniques.append({
            "technique": t.technique, "pressure": min(t.pressure, cap),
            "pressure_scale": "1 light contact - 5 very deep (titrate to the client)",
            "discomfort_target": t.discomfort_target, "how": t.how,
        })
    if not techniques:
        techniques.append({"technique": "effleurage", "pressure": 1,
                           "pressure_scale": "1 light contact - 5 very deep",
                           "discomfort_target": "0-2/10",
                           "how": "Light gliding strokes only, because of the screening."})
    return {
        "muscle": muscle_id, "name": m.name, "side": side, "role": role, "why": reason,
        "client_position": m.treatment.client_position, "techniques": techniques,
        "stretch": m.treatment.stretch, "self_stretch": m.treatment.self_stretch or "",
        "precautions": list(m.treatment.precautions),
    }


def treatment_plan(case: Case, kb: KnowledgeBase, ranking: Ranking, priors: PriorTerms,
                   red_flags: list[dict[str, Any]],
                   widespread: WidespreadPain | None = None) -> dict[str, Any]:
    cap, pressure_notes = _pressure_cap(case.screening, case.age)
    at_most = PLAN_AT_MOST
    adapted = None
    if widespread is not None and widespread.widespread:
        # widespread pain: small doses, light pressure (the soft-tissue aspects of fibromyalgia)
        from tonus.core.knowledge.client_knowledge import client_knowledge

        adapted = client_knowledge().widespread.plan
        if cap > adapted.pressure_max:
            cap = adapted.pressure_max
        pressure_notes.append(f"widespread pain: pressure at most {adapted.pressure_max}/5")
        at_most = adapted.areas_per_session_max
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(muscle: str, side: str, reason: str, role: str) -> None:
        if (muscle, side) in seen or len(entries) >= at_most:
            return
        seen.add((muscle, side))
        entries.append(_muscle_entry(kb, muscle, side, reason, cap, role))

    top_score = ranking.ranked[0].score if ranking.ranked else 0.0
    candidates = [*ranking.explanation,
                  *(s for s in ranking.ranked[:8] if s.score >= 0.25 * top_score)]
    nerve_notes: list[str] = []
    for s in candidates:
        src = s.source
        if src.kind == "trigger-point":
            add(src.ident, src.side, f"likely source of pain in {', '.join(s.explains[:4])}",
                "key trigger point")
        elif src.kind == "entrapment":
            ent = kb.entrapments[src.ident]
            nerve_notes.append(f"{ent.id} ({src.side}): release the structures that narrow the "
                               f"passage; {ent.refer_when}")
            for muscle in ent.muscles:
                add(muscle, src.side, f"takes part in the {ent.nerve} entrapment ({ent.site})",
                    "entrapping muscle")
        else:
            nerve_notes.append(f"{src.ident} nerve-root pattern ({src.side}): medical "
                               "assessment first; soft-tissue work only for the muscles that "
                               "guard it, gently")
    for finding, _sev, _w, _words in priors.posture_findings:
        base = finding[:-2] if finding[-2:] in ("-l", "-r") else finding
        side = finding[-1] if finding[-2:] in ("-l", "-r") else None
        rule = kb.posture_rules.get(base)
        if rule is None:
            continue
        for ms in rule.shortened[:2]:
            s_side = side if side and ms.side == "same" else (
                {"l": "r", "r": "l"}[side] if side and ms.side == "opposite" else "r")
            if kb.muscles[ms.muscle].laterality == "midline":
                s_side = "midline"
            add(ms.muscle, s_side, f"held shortened by {finding}; lengthen after release",
                "postural")

    # Home care from the first three muscles (their self-stretch and self-care); education only
    # from the client's own recorded activities and screening findings, never a muscle's
    # generic advice (a neck muscle's bifocals tip is wrong for a client without bifocals).
    once = AdviceOnce()
    home_care: list[str] = []
    for e in entries[:3]:
        care = muscle_home_care(e["muscle"], kb, once)
        home_care += [care["self_stretch"], *care["self_care"]] if care["self_stretch"] \
            else care["self_care"]
    habits = habit_advice(case.activities, kb, once)
    education = factor_education(case.screened_true(), kb, once)
    if adapted is not None:
        education = [*adapted.education, *education]
    from tonus.core.reasoning.principles import ischemic_compression_notes

    plan: dict[str, Any] = {
        "status": ("on hold: refer before treatment (see red flags)" if red_flags
                   else "ready"),
        "muscles": [{"priority": i, **e} for i, e in enumerate(entries, 1)],
        "nerve_sites": nerve_notes,
        "pressure_limits": pressure_notes,
        "home_care": home_care,
        "habit_advice": habits,
        "education": education,
        "follow_up": ("Re-assess pain (NPRS) and range of motion before and after each session; "
                      "if there is no change of at least 2 points over 3 sessions, review the "
                      "perpetuating factors and refer."),
    }
    plan["ischemic_compression"] = ischemic_compression_notes(plan["muscles"])
    if adapted is not None:
        plan["session"] = {"minutes_max": adapted.session_minutes_max,
                           "areas_max": adapted.areas_per_session_max,
                           "pressure_max": adapted.pressure_max, "note": adapted.session_note}
    return plan
