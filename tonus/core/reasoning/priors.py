"""Prior weight of each source from what the therapist gathered besides the pain drawing.

Activities, posture (observed or measured), range of motion, palpation and perpetuating factors
raise or lower the prior odds of sources. Each adjustment is a log-odds term with the words that
explain it, so the report can say why. Posture and habits are evidence, never proof: their
terms are capped well below what a matching pain pattern contributes, while a palpated active
trigger point that reproduces the complaint dominates everything else.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from tonus.core.case.model import Case
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.knowledge.rom import RESTRICTED_FRACTION, test_of
from tonus.core.posture.norms import SEVERITY_WEIGHT, finding_from_measure
from tonus.core.reasoning.findings import examination_terms

LOG_ACTIVITY = math.log(1.5)
LOG_ACTIVITY_CAP = math.log(3.0)
LOG_SHORTENED = math.log(1.5)
LOG_LENGTHENED = math.log(1.3)
LOG_POSTURE_CAP = math.log(3.0)
LOG_MOVEMENT_CAP = math.log(3.0)  # movement, like posture, supports but never proves
LOG_ROM = math.log(1.6)
LOG_FACTOR = math.log(1.2)
PALPATION_LOG: dict[str, float] = {
    "active-trigger-point": math.log(4.0),
    "latent-trigger-point": math.log(1.5),
    "taut-band": math.log(1.5),
    "tender": math.log(1.3),
    "normal": math.log(0.25),
}
LOG_REPRODUCES = math.log(10.0)  # on top of the active finding: x40 in all


@dataclass
class PriorTerms:
    """Log-odds adjustments per source group (``kind:ident:side``) with their reasons."""

    terms: dict[str, list[tuple[float, str]]] = field(default_factory=lambda: defaultdict(list))
    posture_findings: list[tuple[str, str, float, str]] = field(default_factory=list)
    # (finding id, severity, weight, evidence words)
    reproduces: set[str] = field(default_factory=set)
    # groups whose palpation reproduced the complaint: the pattern was observed directly

    def add(self, group: str, log_odds: float, why: str) -> None:
        self.terms[group].append((log_odds, why))

    def total(self, group: str) -> float:
        return sum(v for v, _ in self.terms.get(group, ()))

    def reasons(self, group: str) -> list[str]:
        return [why for _, why in self.terms.get(group, ())]


def _sides(side_rule: str, finding_side: str | None) -> list[str]:
    if finding_side is None or side_rule == "both":
        return ["l", "r"]
    if side_rule == "same":
        return [finding_side]
    return ["r" if finding_side == "l" else "l"]


def _muscle_groups(kb: KnowledgeBase, muscle: str, sides: list[str]) -> list[str]:
    if kb.muscles[muscle].laterality == "midline":
        return [f"trigger-point:{muscle}:midline"]
    return [f"trigger-point:{muscle}:{s}" for s in sides]


def posture_findings(case: Case) -> list[tuple[str, str, float, str]]:
    """Observed findings (weight 1) and those measured beyond their norms (weighted)."""
    out: dict[str, tuple[str, str, float, str]] = {}
    for f in case.posture:
        out[f] = (f, "observed", 1.0, f"posture: {f} (observed)")
    for m in case.measures:
        pf = finding_from_measure(m.id, m.value)
        if pf is not None:
            weight = SEVERITY_WEIGHT[pf.severity]
            if pf.finding not in out or out[pf.finding][2] < weight:
                out[pf.finding] = (pf.finding, pf.severity, weight, f"posture: {pf.evidence}")
    return list(out.values())


def _capped(terms: list[tuple[str, float, str]], cap: float) -> list[tuple[str, float, str]]:
    """Scale a group's terms down so that together they stay under the cap."""
    by_group: dict[str, float] = defaultdict(float)
    for g, v, _ in terms:
        by_group[g] += v
    out = []
    for g, v, why in terms:
        total = by_group[g]
        out.append((g, v * cap / total if total > cap else v, why))
    return out


def movement_terms(case: Case, kb: KnowledgeBase) -> list[tuple[str, float, str]]:
    """(group, log-odds, words) for each muscle a confirmed movement finding implicates."""
    if not case.movement:
        return []
    from tonus.core.knowledge.movement import compensation

    out: list[tuple[str, float, str]] = []
    for m in case.movement:
        comp = compensation(m.finding)
        seen = f"movement: {m.finding.replace('-', ' ')}" + \
            (f" ({'left' if m.side == 'l' else 'right'})" if m.side else "") + \
            f" in the {m.screen.replace('-', ' ')}"
        for ms in comp.overactive:
            for g in _muscle_groups(kb, ms.muscle, _sides(ms.side, m.side)):
                out.append((g, LOG_SHORTENED, f"{seen}; {ms.muscle} likely overactive (short)"))
        for ms in comp.underactive:
            for g in _muscle_groups(kb, ms.muscle, _sides(ms.side, m.side)):
                out.append((g, LOG_LENGTHENED,
                            f"{seen}; {ms.muscle} likely underactive (long, overloaded)"))
    return out


def prior_terms(case: Case, kb: KnowledgeBase) -> PriorTerms:
    pt = PriorTerms()

    # Activities: the movement habits and postures that overload a muscle or a nerve site.
    act_terms: list[tuple[str, float, str]] = []
    for act in case.activities:
        for muscle in sorted(kb.activity_muscles.get(act, ())):
            for g in _muscle_groups(kb, muscle, ["l", "r"]):
                act_terms.append((g, LOG_ACTIVITY, f"activity: {act} loads {muscle}"))
        for ent in kb.entrapments.values():
            if act in ent.aggravating_activities:
                for s in ("l", "r"):
                    act_terms.append((f"entrapment:{ent.id}:{s}", LOG_ACTIVITY,
                                      f"activity: {act} aggravates this nerve site"))
    for g, v, why in _capped(act_terms, LOG_ACTIVITY_CAP):
        pt.add(g, v, why)

    # Posture: a finding implies shortened and lengthened muscles (both can hold trigger points).
    pt.posture_findings = posture_findings(case)
    post_terms: list[tuple[str, float, str]] = []
    for finding, _severity, weight, words in pt.posture_findings:
        base, side = finding, None
        if finding[-2:] in ("-l", "-r") and finding[:-2] in kb.posture_rules:
            base, side = finding[:-2], finding[-1]
        rule = kb.posture_rules.get(base)
        if rule is not None:
            for ms in rule.shortened:
                for g in _muscle_groups(kb, ms.muscle, _sides(ms.side, side)):
                    post_terms.append((g, LOG_SHORTENED * weight,
                                       f"{words}; {ms.muscle} held shortened"))
            for ms in rule.lengthened:
                for g in _muscle_groups(kb, ms.muscle, _sides(ms.side, side)):
                    post_terms.append((g, LOG_LENGTHENED * weight,
                                       f"{words}; {ms.muscle} held lengthened (overloaded)"))
        for ent in kb.entrapments.values():
            if base in ent.related_postures:
                for s in _sides("same", side):
                    post_terms.append((f"entrapment:{ent.id}:{s}", LOG_LENGTHENED * weight,
                                       f"{words}; narrows this nerve passage"))
    for g, v, why in _capped(post_terms, LOG_POSTURE_CAP):
        pt.add(g, v, why)

    # Movement screens: a confirmed compensation points to muscles likely overactive (short)
    # and underactive (long); trigger points form in both (movement.yaml).
    mov_terms = movement_terms(case, kb)
    for g, v, why in _capped(mov_terms, LOG_MOVEMENT_CAP):
        pt.add(g, v, why)

    # Range of motion: a restricted motion points to the muscles that limit it.
    for rom in case.rom:
        test, side = test_of(rom.test)
        if rom.degrees >= RESTRICTED_FRACTION * test.normal:
            continue
        for r in test.restricted_by:
            for g in _muscle_groups(kb, r.muscle, _sides(r.side, side)):
                pt.add(g, LOG_ROM, f"range of motion: {rom.test} {rom.degrees:g}° "
                       f"(normal {test.normal:g}°), limited by {r.muscle}")

    # Palpation: the examination outranks every indirect clue.
    for p in case.palpation:
        muscle_def = kb.muscles[p.muscle]
        side = "midline" if muscle_def.laterality == "midline" else p.side
        sides = ["l", "r"] if side == "midline" and muscle_def.laterality == "sided" else [side]
        for s in sides:
            g = f"trigger-point:{p.muscle}:{s}"
            words = p.finding.replace("-", " ")
            pt.add(g, PALPATION_LOG[p.finding], f"palpation: {words} in {p.muscle}")
            if p.reproduces_complaint and p.finding in ("active-trigger-point", "taut-band",
                                                        "tender", "latent-trigger-point"):
                pt.add(g, LOG_REPRODUCES, "palpation: pressure reproduces the complaint")
                pt.reproduces.add(g)
            if p.finding == "active-trigger-point":
                for ent_id in muscle_def.entrapments:
                    pt.add(f"entrapment:{ent_id}:{s}", math.log(1.5),
                           f"palpation: active trigger point in {p.muscle}, which can compress "
                           "this nerve")

    # Perpetuating factors that overload particular muscles.
    for fid in case.screened_true():
        factor = kb.factors.get(fid)
        if factor is None:
            continue
        for muscle in factor.muscles:
            for g in _muscle_groups(kb, muscle, ["l", "r"]):
                pt.add(g, LOG_FACTOR, f"perpetuating factor: {fid}")

    # The examination and the pain's history: likelihood ratios (findings.py).
    for term in examination_terms(case, kb):
        pt.add(term.group, math.log(term.lr), term.why)
    return pt
