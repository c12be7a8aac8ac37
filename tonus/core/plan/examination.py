"""The examination plan: what to palpate or test first, and what confirms or refutes each idea."""

from __future__ import annotations

from typing import Any

from tonus.core.case.model import Case
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.knowledge.rom import rom_tests
from tonus.core.plan.next_tests import next_tests
from tonus.core.reasoning.ranking import Ranking, Scored, score_words

EXAMINE_AT_MOST = 6


def _rom_checks(muscle: str, side: str) -> list[str]:
    out = []
    for t in rom_tests().values():
        for r in t.restricted_by:
            if r.muscle == muscle:
                if t.sided:
                    test_side = side if r.side in ("same", "both") else {"l": "r", "r": "l"}[side]
                    out.append(f"{t.id}-{test_side} (normal {t.normal:g}°)")
                else:
                    out.append(f"{t.id} (normal {t.normal:g}°)")
    return out[:3]


def _zones_words(s: Scored) -> str:
    hits = s.essential_hits or s.explains
    return ", ".join(hits[:4])


def examination_step(s: Scored, kb: KnowledgeBase) -> dict[str, Any]:
    src = s.source
    covers = _zones_words(s) or "no mark"
    why = f"ranked with score {score_words(s.score)}; its pattern covers {covers}"
    if src.kind == "trigger-point":
        muscle = kb.muscles[src.ident]
        tp = next(t for t in muscle.trigger_points if t.id == src.trigger_point)
        side = src.side if src.side != "midline" else "l"
        return {
            "kind": "trigger-point", "muscle": muscle.id, "side": src.side,
            "trigger_point": tp.id, "palpate": tp.palpate, "why": why,
            "confirms": ("a taut band with an exquisitely tender nodule whose pressure "
                         "reproduces the client's pain in "
                         f"{', '.join(s.explains[:3]) or 'the referral zone'} (active trigger "
                         "point); a local twitch response supports it"),
            "refutes": ("no taut band, or pressure that is only locally tender and never "
                        "reproduces the pain; a full, painless stretch range"),
            "range_of_motion": _rom_checks(muscle.id, side),
        }
    if src.kind == "entrapment":
        ent = kb.entrapments[src.ident]
        return {
            "kind": "entrapment", "entrapment": ent.id, "side": src.side, "why": why,
            "tests": [f"{t.name}: {t.how} Positive: {t.positive}" for t in ent.provocative_tests],
            "palpate": [f"{m} ({src.side})" for m in ent.muscles],
            "confirms": "a provocative test reproduces the paresthesia in the nerve's territory",
            "refutes": ("negative tests and symptoms reproduced instead by pressure on a "
                        "trigger point; " + ent.vs_trigger_point),
        }
    root = kb.nerve_roots[src.ident]
    return {
        "kind": "radicular", "root": root.id, "side": src.side, "why": why,
        "tests": [*(f"strength: {m}" for m in root.myotome),
                  *([f"reflex: {root.reflex}"] if root.reflex else [])],
        "confirms": "; ".join(root.tells),
        "refutes": ("normal strength and reflexes, symptoms reproduced by trigger-point pressure "
                    f"({', '.join(root.mimics[:3])})"),
        "refer": f"a suspected radicular pattern is referred to the {root.refer_to}",
    }


def examination_plan(ranking: Ranking, kb: KnowledgeBase,
                     case: Case | None = None) -> list[dict[str, Any]]:
    """The tests that best tell the leaders apart (best first, each naming a ``test`` or a
    ``neuro`` item with its side), then what to palpate and test for each leading source."""
    order: list[Scored] = []
    seen: set[int] = set()  # by identity: comparing Scored dataclasses field by field is slow
    for s in [*ranking.explanation, *ranking.ranked]:
        if id(s) not in seen:
            seen.add(id(s))
            order.append(s)
        if len(order) >= EXAMINE_AT_MOST:
            break
    tests = next_tests(case, ranking, kb) if case is not None else []
    plan = [*tests, *(examination_step(s, kb) for s in order[:EXAMINE_AT_MOST])]
    for i, step in enumerate(plan, 1):
        step["order"] = i
    return plan
