"""What to test next: the examinations that best tell the leading hypotheses apart.

Over the top hypotheses (their posterior renormalised, with the rest lumped as "other"), each
candidate examination not yet done is scored by its expected information gain: the entropy of
the current distribution minus the expected entropy after the result. A result multiplies the
odds of the hypotheses the examination bears on by its likelihood ratio, exactly as
``reasoning.findings`` will when the result is recorded, so the plan's "if positive / if
negative" is what the ranking will do. Candidates: the special tests bearing on a leading
hypothesis, on its side, and the myotome and reflex of a leading nerve root.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tonus.core.case.model import Case
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.reasoning.findings import (
    groups_of,
    likelihood_ratios,
    operating_point,
    sens_spec,
)
from tonus.core.reasoning.ranking import Ranking, Scored

TOP_HYPOTHESES = 5
TESTS_AT_MOST = 5
MIN_GAIN_BITS = 0.001  # below this an examination tells the leaders apart too little


@dataclass(frozen=True)
class Candidate:
    key: tuple[str, str, str]  # (kind, id, side): the same examination is scored once
    entry: dict[str, Any]
    targets: frozenset[str]  # hypothesis groups a positive result multiplies
    lr_pos: float
    lr_neg: float


def label(s: Scored) -> str:
    src = s.source
    if src.kind == "trigger-point":
        return f"{src.ident} trigger point ({src.side})"
    if src.kind == "radicular":
        return f"{src.ident} root ({src.side})"
    return f"{src.ident} ({src.side})"


def _entropy(ps: list[float]) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)


def _posterior(prior: list[float], hit: list[bool], lr: float) -> list[float]:
    raw = [p * (lr if h else 1.0) for p, h in zip(prior, hit, strict=True)]
    z = sum(raw)
    return [r / z for r in raw]


def _candidates(case: Case, leaders: list[Scored], kb: KnowledgeBase) -> list[Candidate]:
    done_tests = {(t.test, t.side) for t in case.tests}
    leading = {s.source.group_key for s in leaders}
    sides = sorted({s.source.side for s in leaders if s.source.side in ("l", "r")})
    out: list[Candidate] = []
    for test in kb.special_tests.values():
        for side in sides:
            if (test.id, side) in done_tests:
                continue
            targets = frozenset(groups_of(test.bears_on, kb, side))
            if not targets & leading:
                continue
            lr_pos, lr_neg = likelihood_ratios(test)
            sens, spec = operating_point(test)
            out.append(Candidate(("test", test.id, side), {
                "kind": "test", "test": test.id, "side": side, "name": test.name,
                "how": test.how, "positive": test.positive,
                "accuracy": (f"sensitivity {sens:.2f}, specificity {spec:.2f}"
                             + ("" if test.published else " (Tonus default, none published)")),
            }, targets, lr_pos, lr_neg))
    neuro = kb.neuro
    if neuro is None:
        return out
    done_strength = {(f.root, f.side) for f in case.neuro if f.kind == "strength"}
    done_reflex = {(f.reflex, f.side) for f in case.neuro if f.kind == "reflex"}
    actions: dict[str, str] = {m.root: m.action for m in neuro.myotomes}
    for s in leaders:
        src = s.source
        if src.kind != "radicular":
            continue
        if (src.ident, src.side) not in done_strength and src.ident in actions:
            weak = neuro.strength.weak
            out.append(Candidate(("strength", src.ident, src.side), {
                "kind": "neuro", "neuro": {"kind": "strength", "root": src.ident},
                "side": src.side, "name": f"{src.ident} myotome strength",
                "how": f"Test {actions[src.ident]} against resistance, both sides (MRC 0-5).",
                "positive": "Weaker than the other side (grade 4 or less).",
                "accuracy": "specific, insensitive (likelihood ratios in neuro.yaml)",
            }, frozenset({src.group_key}), weak, neuro.strength.normal))
        for ref in neuro.reflexes:
            if ref.roots[0] != src.ident or (ref.id, src.side) in done_reflex:
                continue
            out.append(Candidate(("reflex", ref.id, src.side), {
                "kind": "neuro", "neuro": {"kind": "reflex", "reflex": ref.id},
                "side": src.side, "name": ref.name,
                "how": f"Tap the tendon for the {ref.name.lower()}, compare both sides.",
                "positive": "Reduced or absent compared with the other side.",
                "accuracy": "specific, insensitive (likelihood ratios in neuro.yaml)",
            }, frozenset({src.group_key}), neuro.reflex.reduced, neuro.reflex.normal))
    return out


def _words(names: list[str], before: list[float], after: list[float]) -> str:
    moves = sorted(range(len(names)), key=lambda i: -abs(after[i] - before[i]))
    parts = [f"{names[i]} {before[i]:.2f} -> {after[i]:.2f}" for i in moves[:3]
             if abs(after[i] - before[i]) >= 0.005]
    return "; ".join(parts) or "little change"


def next_tests(case: Case, ranking: Ranking, kb: KnowledgeBase,
               at_most: int = TESTS_AT_MOST) -> list[dict[str, Any]]:
    """The best next examinations, best first, each with what either result would do."""
    leaders = ranking.ranked[:TOP_HYPOTHESES]
    if len(leaders) < 2:
        return []
    names = [label(s) for s in leaders] + ["anything else"]
    prior = [s.score for s in leaders]
    prior.append(max(0.0, 1.0 - sum(prior)))
    z = sum(prior)
    prior = [p / z for p in prior]
    h0 = _entropy(prior)
    groups = [s.source.group_key for s in leaders] + [""]
    scored: list[tuple[float, Candidate, list[float], list[float]]] = []
    for cand in _candidates(case, leaders, kb):
        hit = [g in cand.targets for g in groups]
        if cand.lr_pos <= cand.lr_neg:
            continue
        sens, spec = sens_spec(cand.lr_pos, cand.lr_neg)
        p_pos = sum(p * (sens if h else 1 - spec) for p, h in zip(prior, hit, strict=True))
        post_pos = _posterior(prior, hit, cand.lr_pos)
        post_neg = _posterior(prior, hit, cand.lr_neg)
        gain = h0 - p_pos * _entropy(post_pos) - (1 - p_pos) * _entropy(post_neg)
        if gain >= MIN_GAIN_BITS:
            scored.append((gain, cand, post_pos, post_neg))
    scored.sort(key=lambda x: (-x[0], x[1].key))
    out = []
    for gain, cand, post_pos, post_neg in scored[:at_most]:
        bears = [names[i] for i, g in enumerate(groups) if g in cand.targets]
        entry = dict(cand.entry)
        entry.update(
            information_gain=round(gain, 3),
            why=(f"tells apart the leading hypotheses (expected information gain "
                 f"{gain:.2f} bits); bears on {', '.join(bears)}"),
            if_positive=f"odds x{cand.lr_pos:.2g} for {', '.join(bears)}: "
                        + _words(names, prior, post_pos),
            if_negative=f"odds x{cand.lr_neg:.2g} for {', '.join(bears)}: "
                        + _words(names, prior, post_neg),
        )
        entry["confirms"] = entry["if_positive"]
        entry["refutes"] = entry["if_negative"]
        out.append(entry)
    return out
