"""The examination and the pain's history as likelihood ratios on the hypotheses.

Every special test, neurological finding and history item multiplies the odds of each hypothesis
it bears on by a likelihood ratio; the odds of the others are unchanged (the posterior is then
normalised over all of them in ``ranking.py``). It is the same model as the rest of the
reasoning: each ratio becomes a log-odds term with the words that say what moved the hypothesis
and by how much.

* A test's ratios come from its published sensitivity and specificity (LR+ = sens / (1 - spec),
  LR- = (1 - sens) / spec) or from stated likelihood ratios; any ratio is kept within
  [``LR_FLOOR``, ``LR_CAP``], since case-control designs overstate accuracy. A positive test
  that reproduces the client's own complaint counts double (``REPRODUCES_FACTOR``): the
  familiar symptom is the positive criterion of the original descriptions, a merely
  uncomfortable test is weaker. Equivocal: no change.
* Strength of a myotome and reflexes move the roots they test; altered sensation moves the nerve
  sources whose dermatome or territory holds the region, and lowers trigger points referring
  there (they cause no objective sensory loss).
* History items (aggravated / eased by), lancinating pain in the drawing and a dermatomal band
  favour nerve or myofascial sources as ``pain-behaviour.yaml`` says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tonus.core.case.model import Case, TestResult
from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import KnowledgeBase
from tonus.core.knowledge.schema import BearsOn, ReflexDef, SpecialTest

LR_CAP = 10.0
LR_FLOOR = 0.1
REPRODUCES_FACTOR = 2.0
NERVE_MARK_QUALITIES = frozenset({"numbness", "tingling", "burning"})


@dataclass(frozen=True)
class Term:
    group: str  # kind:ident:side
    lr: float
    why: str


def likelihood_ratios(test: SpecialTest) -> tuple[float, float]:
    """(LR+, LR-) of a test, within the cap and floor."""
    if test.sensitivity is not None and test.specificity is not None:
        lr_pos = test.sensitivity / (1 - test.specificity)
        lr_neg = (1 - test.sensitivity) / test.specificity
    else:
        assert test.lr_positive is not None and test.lr_negative is not None
        lr_pos, lr_neg = test.lr_positive, test.lr_negative
    return min(lr_pos, LR_CAP), max(lr_neg, LR_FLOOR)


def sens_spec(lr_pos: float, lr_neg: float) -> tuple[float, float]:
    """(sensitivity, specificity) that give these likelihood ratios (LR+ above LR-)."""
    spec = (lr_pos - 1) / (lr_pos - lr_neg)
    return lr_pos * (1 - spec), spec


def operating_point(test: SpecialTest) -> tuple[float, float]:
    """(sensitivity, specificity) consistent with the capped ratios (for planning)."""
    lr_pos, lr_neg = likelihood_ratios(test)
    if lr_pos <= lr_neg:
        return 0.5, 0.5
    return sens_spec(lr_pos, lr_neg)


def result_ratio(test: SpecialTest, result: TestResult) -> float:
    lr_pos, lr_neg = likelihood_ratios(test)
    if result.result == "positive":
        return lr_pos * (REPRODUCES_FACTOR if result.reproduces_complaint else 1.0)
    if result.result == "negative":
        return lr_neg
    return 1.0


_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {}


def all_groups(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Every hypothesis group of the knowledge base, by kind (cached by its fingerprint)."""
    key = kb.fingerprint or str(id(kb))
    if key not in _GROUPS:
        _GROUPS[key] = _groups(kb)
    return _GROUPS[key]


def _groups(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    tps: list[str] = []
    for m in kb.muscles.values():
        sides = ["midline"] if m.laterality == "midline" else ["l", "r"]
        tps.extend(f"trigger-point:{m.id}:{s}" for s in sides)
    return {
        "trigger-point": tuple(tps),
        "entrapment": tuple(f"entrapment:{e}:{s}" for e in kb.entrapments for s in ("l", "r")),
        "radicular": tuple(f"radicular:{r}:{s}" for r in kb.nerve_roots for s in ("l", "r")),
    }


def groups_of(bears: BearsOn, kb: KnowledgeBase, side: str | None) -> list[str]:
    """The hypothesis groups a finding bears on, on one side (None: both sides)."""
    sides = ("l", "r") if side in (None, "midline") else (side,)
    out: list[str] = []
    groups = all_groups(kb)
    for kind in bears.kinds:
        out.extend(g for g in groups[kind] if g.rsplit(":", 1)[1] in (*sides, "midline"))
    for root in bears.roots:
        if root in kb.nerve_roots:
            out.extend(f"radicular:{root}:{s}" for s in sides)
    for ent in bears.entrapments:
        out.extend(f"entrapment:{ent}:{s}" for s in sides)
    for muscle in bears.muscles:
        if kb.muscles[muscle].laterality == "midline":
            out.append(f"trigger-point:{muscle}:midline")
        else:
            out.extend(f"trigger-point:{muscle}:{s}" for s in sides)
    return list(dict.fromkeys(out))


SIDE = {"l": "left", "r": "right", "midline": "midline"}


def _times(lr: float) -> str:
    return f"odds x{lr:.2g}"


def test_terms(case: Case, kb: KnowledgeBase) -> list[Term]:
    out: list[Term] = []
    for result in case.tests:
        test = kb.special_tests[result.test]
        lr = result_ratio(test, result)
        words = f"test: {test.name} ({SIDE[result.side]}) {result.result}"
        if result.result == "positive" and result.reproduces_complaint:
            words += f", reproduces the complaint (counts x{REPRODUCES_FACTOR:g})"
        words += f": {_times(lr)}" if lr != 1.0 else ": no change"
        out.extend(Term(g, lr, words) for g in groups_of(test.bears_on, kb, result.side))
    return out


def neuro_terms(case: Case, kb: KnowledgeBase) -> list[Term]:
    neuro = kb.neuro
    if neuro is None:
        return []
    out: list[Term] = []
    reflexes: dict[str, ReflexDef] = {r.id: r for r in neuro.reflexes}
    actions: dict[str, str] = {m.root: m.action for m in neuro.myotomes}
    sites: dict[str, list[str]] = {m.root: list(m.nerve_sites) for m in neuro.myotomes}
    for f in case.neuro:
        if f.kind == "strength" and f.root is not None and f.grade is not None:
            if f.grade >= 5:
                lr, word = neuro.strength.normal, "normal"
            elif f.grade >= 4:
                lr, word = neuro.strength.weak, "weak"
            else:
                lr, word = neuro.strength.very_weak, "very weak"
            words = (f"neuro: {f.root} myotome ({actions.get(f.root, '')}) {word}, "
                     f"grade {f.grade:g}/5 ({SIDE[f.side]})")
            out.append(Term(f"radicular:{f.root}:{f.side}", lr, f"{words}: {_times(lr)}"))
            for site in sites.get(f.root, ()):
                out.append(Term(f"entrapment:{site}:{f.side}", lr,
                                f"{words}, a key muscle this nerve supplies: {_times(lr)}"))
        elif f.kind == "reflex" and f.reflex is not None and f.result is not None:
            ref = reflexes[f.reflex]
            if f.result == "brisk":
                for root in ref.roots:
                    out.append(Term(f"radicular:{root}:{f.side}", 1.0,
                                    f"neuro: {ref.name} brisk ({SIDE[f.side]}): a sign of the "
                                    "spinal cord, not of a root: no change; refer"))
                continue
            base = getattr(neuro.reflex, f.result)
            for i, root in enumerate(ref.roots):
                lr = base if i == 0 else math.sqrt(base)
                out.append(Term(f"radicular:{root}:{f.side}", lr,
                                f"neuro: {ref.name} {f.result} ({SIDE[f.side]}): "
                                f"{_times(lr)}"))
        elif f.kind == "sensation" and f.region is not None and f.result is not None:
            out.extend(_sensation_terms(f.region, f.result, kb))
    return out


def _sensation_terms(region: str, result: str, kb: KnowledgeBase) -> list[Term]:
    from tonus.core.reasoning.sources import source_index

    assert kb.neuro is not None
    lrs = kb.neuro.sensation
    lr_nerve = getattr(lrs, result)
    words = f"neuro: sensation {result} over {region}"
    out: dict[str, Term] = {}
    for src, _p in source_index(kb).by_region.get(region, ()):
        if src.kind != "trigger-point" and region not in src.essential:
            continue  # a nerve's aching zone is no sensory territory
        if src.kind == "trigger-point":
            if result in ("reduced", "absent"):
                out[src.group_key] = Term(
                    src.group_key, lrs.trigger_point_deficit,
                    f"{words}: a trigger point causes no sensory loss: "
                    f"{_times(lrs.trigger_point_deficit)}")
        else:
            zone = "dermatome" if src.kind == "radicular" else "nerve territory"
            out[src.group_key] = Term(src.group_key, lr_nerve,
                                      f"{words}, in its {zone}: {_times(lr_nerve)}")
    return list(out.values())


def history_terms(case: Case, kb: KnowledgeBase) -> list[Term]:
    pb = kb.pain_behaviour
    if pb is None:
        return []
    out: list[Term] = []
    said = {("aggravated_by", b) for b in case.history.aggravated_by}
    said |= {("eased_by", b) for b in case.history.eased_by}
    for entry in pb.behaviours:
        if (entry.when, entry.behaviour) not in said:
            continue
        verb = "worse with" if entry.when == "aggravated_by" else "eased by"
        words = f"history: {verb} {entry.behaviour}: {entry.why}: {_times(entry.lr)}"
        out.extend(Term(g, entry.lr, words) for g in groups_of(entry.favours, kb, None))
    return out


def drawing_terms(case: Case, kb: KnowledgeBase) -> list[Term]:
    """Lancinating pain and a dermatomal band, read from the drawing itself."""
    from tonus.core.reasoning.sources import source_index

    pb = kb.pain_behaviour
    if pb is None:
        return []
    index = source_index(kb)
    out: dict[str, Term] = {}
    lanc = set(pb.lancinating.qualities)
    stabbing = [m.region for m in case.pain if lanc & set(m.qualities)]
    for region in stabbing:
        for src, _p in index.by_region.get(region, ()):
            g = src.group_key
            if g in out:
                continue
            if src.kind == "trigger-point":
                lr = pb.lancinating.trigger_point_lr
                why = "referral from a trigger point is a deep ache, rarely lancinating"
            else:
                lr = pb.lancinating.nerve_lr
                why = "lancinating pain is neuralgic"
            out[g] = Term(g, lr, f"drawing: {', '.join(m for m in lanc)} pain in {region}: "
                                 f"{why}: {_times(lr)}")
    band = pb.dermatomal_band
    marks = {m.region: m for m in case.pain if m.intensity > 0 or m.qualities}
    voc = vocabulary()
    for root in kb.nerve_roots.values():
        for side in ("l", "r"):
            regions = [voc.sided(b, side) for b in root.dermatome]
            hit = [r for r in regions if r in marks]
            nervy = [r for r in hit if set(marks[r].qualities) & (NERVE_MARK_QUALITIES | lanc)]
            if len(hit) >= band.min_regions and nervy:
                g = f"radicular:{root.id}:{side}"
                out[g] = Term(g, band.lr, f"drawing: a band along the {root.id} dermatome "
                                          f"({', '.join(hit)}): {_times(band.lr)}")
    site = pb.site_pain
    for ent_id in site.entrapments:
        ent = kb.entrapments[ent_id]
        for side in ("l", "r"):
            territory = [r for r in (voc.sided(b, side) for b in ent.symptom_regions)
                         if r in marks]
            local = [r for r in (voc.sided(b, side) for b in ent.pain_regions) if r in marks]
            if territory and not local:
                g = f"entrapment:{ent_id}:{side}"
                out[g] = Term(g, site.lr_absent, "drawing: nothing drawn at the compression "
                              f"site ({', '.join(ent.pain_regions)}), which nearly always hurts: "
                              f"{_times(site.lr_absent)}")
    return list(out.values())


def examination_terms(case: Case, kb: KnowledgeBase) -> list[Term]:
    """Every likelihood-ratio term from tests, the neuro screen, history and the drawing."""
    return [*test_terms(case, kb), *neuro_terms(case, kb), *history_terms(case, kb),
            *drawing_terms(case, kb)]
