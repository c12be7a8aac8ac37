"""Rank the sources that may explain a pain drawing: a noisy-OR diagnostic network with a leak.

Each source links to the regions it can make symptomatic with a strength p (its zones). A region
is symptomatic if any active source fires through its link, or through the leak (anything the
network does not model). For one source, the evidence of the drawing is the likelihood ratio
against the leak alone:

* a marked region r contributes w_r · log(P(r | s) / λ), with P(r | s) = 1 − (1 − λ)(1 − p·c),
  where w_r grows with intensity and with the mark being primary, and c (≤ 1) is how well the
  mark's qualities fit the source (numbness fits a nerve far better than a trigger point);
* a region of the source's zones left unmarked contributes β · log(1 − p): absent pain is weak
  evidence, since clients do not draw everything.

The posterior odds are the prior odds (``priors.py``) times that ratio, normalised over every
candidate and a "none of these" hypothesis. Trigger points of one muscle on one side compete as
one hypothesis (the best-fitting one is named). A greedy search then picks the small set of
sources that together explain the drawing best, each addition paying a complexity cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tonus.core.case.model import Case, PainMark
from tonus.core.ids import vocabulary
from tonus.core.reasoning.priors import PriorTerms
from tonus.core.reasoning.sources import BASE_PRIOR, Source, SourceIndex

LEAK = 0.02
BETA_ABSENT = 0.2
LOG_NONE = math.log(0.5)  # prior odds of "none of the modelled sources"
SET_COST = 1.5  # complexity cost of each extra source in the explanation set
MAX_SET = 4
P_REPRODUCED = 0.8  # a primary mark whose pain palpation of this muscle reproduced
NERVE_PAIN_SIGNS = frozenset({"burning", "weakness"})
PAIN_QUALITIES = frozenset({"aching", "sharp", "throbbing", "stabbing", "stiffness", "cramping"})


MOTOR_ONLY_WEIGHT = 0.3
NUMBNESS_FIT_TRIGGER_POINT = 0.5


def score_words(score: float) -> str:
    """A ranking score as every page and report prints it: two decimals, and "below 0.01" for
    what would read as "0.00" (a source that is ranked is never scored zero)."""
    return f"{score:.2f}" if round(score, 2) >= 0.01 else "below 0.01"


def mark_weight(mark: PainMark) -> float:
    w = 0.4 + 0.6 * mark.intensity / 10.0
    if not mark.intensity and mark.qualities:
        w = 0.6  # numbness without pain is still a symptom
    if set(mark.qualities) == {"weakness"}:
        # Weakness alone is a motor sign: where it is felt says little about a sensory
        # territory or a referral zone (the neuro screen weighs the myotome instead).
        w *= MOTOR_ONLY_WEIGHT
    return w * (1.5 if mark.primary else 1.0)


def symptomatic(mark: PainMark) -> bool:
    return mark.intensity > 0 or bool(mark.qualities)


def quality_fit(source: Source, mark: PainMark) -> float:
    """How well a mark's qualities fit a source (1 = typical)."""
    quals = set(mark.qualities) or {"aching"}
    nerve_signs = vocabulary().paresthesia_qualities | NERVE_PAIN_SIGNS
    if (source.kind != "trigger-point" and mark.region in source.essential
            and source.qualities & nerve_signs and not quals & nerve_signs):
        # A nerve's territory drawn as a plain ache, with no numbness, tingling, burning or
        # weakness: the hallmark of the nerve is missing (trigger-point referral aches).
        return 0.5
    if source.kind == "trigger-point" and quals == {"numbness"} | (quals & {"weakness"}):
        # Numbness alone is loss of feeling: trigger points refer pain and tingling, they do
        # not take sensation away (Travell & Simons Vol. 1 ch. 2).
        return NUMBNESS_FIT_TRIGGER_POINT
    if quals & source.qualities:
        return 1.0
    paresthesia = quals & vocabulary().paresthesia_qualities
    if source.kind == "trigger-point":
        return 0.3 if paresthesia or "burning" in quals else 0.8
    # a nerve source with a purely painful mark: plausible, less typical
    return 0.6 if quals <= PAIN_QUALITIES else 0.8


@dataclass
class Scored:
    source: Source
    log_lr: float
    log_prior: float
    explains: list[str]
    not_explained: list[str]
    essential_hits: list[str]
    spillover_hits: list[str]
    poor_fit: list[str]
    missing_essential: list[str]
    prior_reasons: list[str]
    score: float = 0.0
    alternatives: list[str] = field(default_factory=list)  # other TrPs of the same muscle

    @property
    def log_post(self) -> float:
        return self.log_prior + self.log_lr


def _link(src: Source, region: str, mark: PainMark, reproduced: bool) -> float | None:
    """The link strength from a source to a marked region (None: no link)."""
    p = src.zones.get(region)
    if p is None and reproduced and mark.primary:
        return P_REPRODUCED  # the therapist reproduced this pain from the muscle
    return p


def _score_source(src: Source, marks: dict[str, PainMark], weights: dict[str, float],
                  priors: PriorTerms, prevalence: dict[str, float]) -> Scored:
    log_lr = 0.0
    explains: list[str] = []
    essential_hits: list[str] = []
    spill_hits: list[str] = []
    poor: list[str] = []
    reproduced = src.group_key in priors.reproduces
    for region, mark in marks.items():
        p = _link(src, region, mark, reproduced)
        if p is None:
            continue
        c = quality_fit(src, mark)
        prob = 1 - (1 - LEAK) * (1 - p * c)
        log_lr += weights[region] * math.log(prob / LEAK)
        explains.append(region)
        in_main = region in src.essential or region not in src.zones
        (essential_hits if in_main else spill_hits).append(region)
        if c < 0.5:
            poor.append(region)
    missing = []
    for region, p in src.zones.items():
        if region not in marks:
            log_lr += BETA_ABSENT * math.log(1 - p)
            if region in src.essential:
                missing.append(region)
    group = src.group_key
    log_prior = math.log(BASE_PRIOR[src.kind] * prevalence.get(src.ident, 1.0)) + priors.total(
        group)
    return Scored(
        source=src, log_lr=log_lr, log_prior=log_prior, explains=explains,
        not_explained=[r for r in marks if r not in explains], essential_hits=essential_hits,
        spillover_hits=spill_hits, poor_fit=poor, missing_essential=missing,
        prior_reasons=[*priors.reasons(group), *_prevalence_words(prevalence.get(src.ident))],
    )


def _prevalence_words(weight: float | None) -> list[str]:
    if weight is None or weight == 1.0:
        return []
    return ["one of the muscles most often found to be the source (prior weight "
            f"x{weight:g})" if weight > 1 else f"rarely the source (prior weight x{weight:g})"]


@dataclass
class Ranking:
    ranked: list[Scored]
    explanation: list[Scored]
    unexplained: list[str]


def rank(case: Case, index: SourceIndex, priors: PriorTerms,
         prevalence: dict[str, float] | None = None) -> Ranking:
    prevalence = prevalence or {}
    marks = {m.region: m for m in case.pain if symptomatic(m)}
    weights = {r: mark_weight(m) for r, m in marks.items()}
    candidates: set[str] = set()
    for region in marks:
        for src, _p in index.by_region.get(region, ()):
            candidates.add(src.group_key)
    candidates.update(g for g in priors.terms if g in index.by_group and priors.total(g) > 1.0)

    best: dict[str, Scored] = {}
    for group in candidates:
        scored = [_score_source(s, marks, weights, priors, prevalence)
                  for s in index.by_group[group]]
        scored.sort(key=lambda x: x.log_post, reverse=True)
        top = scored[0]
        top.alternatives = [s.source.trigger_point or "" for s in scored[1:]]
        best[group] = top

    ranked = sorted(best.values(), key=lambda s: (-s.log_post, s.source.key))
    if ranked:
        peak = max(ranked[0].log_post, LOG_NONE)
        z = math.exp(LOG_NONE - peak) + sum(math.exp(s.log_post - peak) for s in ranked)
        for s in ranked:
            s.score = math.exp(s.log_post - peak) / z
    explanation = _explanation_set(ranked[:25], marks, weights, priors.reproduces)
    covered = {r for s in explanation for r in s.explains}
    return Ranking(ranked, explanation, [r for r in marks if r not in covered])


def _joint_fit(chosen: list[Scored], marks: dict[str, PainMark],
               weights: dict[str, float], reproduces: set[str]) -> float:
    total = 0.0
    for region, mark in marks.items():
        miss = 1 - LEAK
        for s in chosen:
            p = _link(s.source, region, mark, s.source.group_key in reproduces)
            if p is not None:
                miss *= 1 - p * quality_fit(s.source, mark)
        total += weights[region] * math.log((1 - miss) / LEAK)
    zones: dict[str, float] = {}
    for s in chosen:
        for region, p in s.source.zones.items():
            if region not in marks:
                zones[region] = zones.get(region, 1.0) * (1 - p)
    total += sum(BETA_ABSENT * math.log(q) for q in zones.values())
    total += sum(s.log_prior - SET_COST for s in chosen)
    return total


def _explanation_set(pool: list[Scored], marks: dict[str, PainMark],
                     weights: dict[str, float], reproduces: set[str]) -> list[Scored]:
    chosen: list[Scored] = []
    current = _joint_fit(chosen, marks, weights, reproduces)
    while len(chosen) < MAX_SET:
        best_gain, best_item = 0.0, None
        for cand in pool:
            if cand in chosen:
                continue
            gain = _joint_fit([*chosen, cand], marks, weights, reproduces) - current
            if gain > best_gain:
                best_gain, best_item = gain, cand
        if best_item is None:
            break
        chosen.append(best_item)
        current += best_gain
    return chosen
