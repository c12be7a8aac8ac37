"""``assess``: from a case to a ``tonus.report/1``.

The one entry point the CLI, the web app and the API call. Pure: everything it needs comes in
as arguments (the knowledge base is loaded once by the caller or on first use).
"""

from __future__ import annotations

from typing import Any

from tonus import __version__
from tonus.core.case.model import Case, parse_case
from tonus.core.knowledge.base import KnowledgeBase, load_knowledge
from tonus.core.plan.examination import examination_plan
from tonus.core.plan.treatment import treatment_plan
from tonus.core.reasoning.principles import principles_block
from tonus.core.reasoning.priors import PriorTerms, prior_terms
from tonus.core.reasoning.ranking import Ranking, Scored, rank
from tonus.core.reasoning.screening import red_flags, referrals, widespread_referral
from tonus.core.reasoning.sources import source_index
from tonus.core.reasoning.widespread import WidespreadPain, assess_widespread

REPORT_FORMAT = "tonus.report/1"
HYPOTHESES_AT_MOST = 10


EXAMINATION_WORDS = ("test:", "neuro:", "palpation:", "history:")


def _evidence(s: Scored, marks: dict[str, Any]) -> list[str]:
    """Examination findings first (what the therapist found), then the drawing, then the rest."""
    src = s.source
    zone = {"trigger-point": "essential zone", "entrapment": "nerve territory",
            "radicular": "dermatome"}[src.kind]
    out = [w for w in s.prior_reasons if w.startswith(EXAMINATION_WORDS)]
    for r in s.essential_hits:
        m = marks[r]
        out.append(f"{zone} covers {r} (intensity {m.intensity:g}"
                   f"{', primary' if m.primary else ''})")
    for r in s.spillover_hits:
        out.append(f"{'spillover zone' if src.kind == 'trigger-point' else 'pain zone'} "
                   f"covers {r}")
    for r in s.poor_fit:
        out.append(f"the quality felt in {r} ({', '.join(marks[r].qualities)}) is unusual "
                   "for this source")
    if src.kind != "trigger-point":
        paresthesia = [r for r in s.explains
                       if set(marks[r].qualities) & {"numbness", "tingling", "burning", "cold"}]
        if paresthesia:
            out.append(f"paresthesia in {', '.join(paresthesia)} fits a nerve source")
    out.extend(w for w in s.prior_reasons if not w.startswith(EXAMINATION_WORDS))
    if s.missing_essential:
        more = len(s.missing_essential) - 3
        out.append("not drawn although in its main zone: " + ", ".join(s.missing_essential[:3])
                   + (f" and {more} more" if more > 0 else ""))
    return out


def _hypothesis(rank_no: int, s: Scored, marks: dict[str, Any],
                kb: KnowledgeBase) -> dict[str, Any]:
    src = s.source
    h: dict[str, Any] = {"rank": rank_no, "kind": src.kind}
    if src.kind == "trigger-point":
        muscle = kb.muscles[src.ident]
        tp = next(t for t in muscle.trigger_points if t.id == src.trigger_point)
        h.update(muscle=src.ident, muscle_name=muscle.name, trigger_point=tp.id,
                 trigger_point_name=tp.name)
        sources = tp.sources
    elif src.kind == "entrapment":
        ent = kb.entrapments[src.ident]
        h.update(entrapment=src.ident, nerve=ent.nerve)
        sources = ent.sources
    else:
        root = kb.nerve_roots[src.ident]
        h.update(root=src.ident, refer_to=root.refer_to)
        sources = root.sources
    h.update(
        side=src.side,
        score=round(s.score, 3),
        explains=list(s.explains),
        not_explained=list(s.not_explained),
        evidence=_evidence(s, marks),
        sources=[c.model_dump(exclude_none=True) for c in sources],
    )
    return h


def _imbalance(priors: PriorTerms, kb: KnowledgeBase) -> list[dict[str, Any]]:
    out = []
    present = {f for f, *_ in priors.posture_findings}
    bases = {f[:-2] if f[-2:] in ("-l", "-r") else f for f in present}
    for finding, severity, _w, words in priors.posture_findings:
        base = finding[:-2] if finding[-2:] in ("-l", "-r") else finding
        rule = kb.posture_rules.get(base)
        if rule is None:
            continue
        out.append({
            "finding": finding, "severity": severity, "evidence": words,
            "meaning": rule.meaning,
            "shortened": [f"{m.muscle} ({m.side})" for m in rule.shortened],
            "lengthened": [f"{m.muscle} ({m.side})" for m in rule.lengthened],
            "check": list(rule.check),
        })
    for syn in kb.posture_syndromes:
        # all of findings_all, and at least one of findings_any when it lists any
        if not syn.findings_all and not syn.findings_any:
            continue
        if set(syn.findings_all) <= bases and (
                not syn.findings_any or set(syn.findings_any) & bases):
            out.append({"syndrome": syn.id, "name": syn.name, "description": syn.description,
                        "shortened": list(syn.shortened), "lengthened": list(syn.lengthened)})
    return out


def _summary(wp: WidespreadPain | None, hypotheses: list[dict[str, Any]]) -> list[str]:
    """What the report says first, in words: a widespread pattern before any local source."""
    if wp is None or not wp.widespread:
        return []
    tps = [f"{h['muscle_name']} ({h['side']})" for h in hypotheses
           if h["kind"] == "trigger-point"][:3]
    words = [f"Widespread pain: {wp.wpi} of the 19 areas of the ACR 2016 widespread pain index, in "
             f"{len(wp.body_regions)} of the 5 body regions"
             + (f", symptom severity {wp.sss}/12" if wp.sss is not None else "") + "."]
    words.append({"met": "The ACR 2016 criteria for fibromyalgia are met on the client's answers; "
                         "the diagnosis is a physician's.",
                  "not-met": "The ACR 2016 criteria for fibromyalgia are not all met.",
                  "incomplete": "Whether the ACR 2016 criteria are met cannot be said yet "
                                "(symptom severity or duration missing)."}[wp.acr_2016])
    words.append("A few local trigger points do not explain pain this widespread; "
                 + (f"those worth treating ({', '.join(tps)}) are contributors, treated gently."
                    if tps else "treat gently and in small doses."))
    return words


def assess_case(case: Case, kb: KnowledgeBase | None = None, *,
                weeks: float | None = None) -> dict[str, Any]:
    """The report for a validated case (``weeks``: how long the pain has lasted, when the case
    has no history)."""
    kb = kb or load_knowledge()
    wp = assess_widespread(case, weeks=weeks)
    index = source_index(kb)
    priors = prior_terms(case, kb)
    ranking: Ranking = rank(case, index, priors, kb.prevalence)
    flags = red_flags(case, kb)
    marks = {m.region: m for m in case.pain}
    top = ranking.ranked[:HYPOTHESES_AT_MOST]
    hypotheses = [_hypothesis(i, s, marks, kb) for i, s in enumerate(top, 1)]
    rank_of = {id(s): i for i, s in enumerate(top, 1)}
    explanation = {
        "sources": [
            {"rank": rank_of.get(id(s)), "kind": s.source.kind, "id": s.source.ident,
             "side": s.source.side, "explains": list(s.explains)}
            for s in ranking.explanation
        ],
        "unexplained": ranking.unexplained,
    }
    report: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "engine": {"name": "tonus", "version": __version__, "knowledge": kb.fingerprint},
        "summary": _summary(wp, hypotheses),
        "red_flags": flags,
    }
    if wp is not None:
        report["widespread_pain"] = wp.block()
    report.update({
        "hypotheses": hypotheses,
        "explanation": explanation,
        "imbalance": _imbalance(priors, kb),
        "examination_plan": examination_plan(ranking, kb, case),
        "treatment_plan": treatment_plan(case, kb, ranking, priors, flags, wp),
        "referrals": referrals(case, kb, ranking),
    })
    if wp is not None and wp.widespread:
        report["referrals"].insert(0, widespread_referral(wp))
    report["principles"] = principles_block(case, report, wp)
    return report


def assess(case_json: Any, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Validate a decoded ``tonus.case/1`` object and assess it (raises CaseError)."""
    return assess_case(parse_case(case_json), kb)
