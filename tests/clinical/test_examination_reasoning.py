"""The examination re-ranks the sources as the likelihood ratios say.

Expected figures are computed by hand from the published accuracy (sources in
special-tests.yaml): Spurling, Tong 2002, sensitivity 0.30, specificity 0.93 -> LR+ 0.30/0.07 =
4.286, LR- 0.70/0.93 = 0.753; Phalen, MacDermid & Wessel 2004, 0.68 / 0.73 -> LR- 0.32/0.73 =
0.438; pronator compression has no published accuracy -> the Tonus default LR+ 2. A reproducing
positive counts double; weakness (MRC 4) x2.5; a reduced reflex x2.5 on its main root and
sqrt(2.5) on the next; reduced sensation x2 on nerve sources, x0.7 on trigger points.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from tests.conftest import case
from tonus.core.assess import assess
from tonus.core.case import parse_case
from tonus.core.knowledge.base import load_knowledge
from tonus.core.reasoning.priors import prior_terms
from tonus.core.reasoning.ranking import rank
from tonus.core.reasoning.sources import source_index

A = ["aching"]
T = ["tingling", "numbness"]
SPURLING_POS = 0.30 / (1 - 0.93)
SPURLING_NEG = (1 - 0.30) / 0.93


def log_posts(case_json: dict[str, Any]) -> dict[str, float]:
    kb = load_knowledge()
    c = parse_case(case_json)
    ranking = rank(c, source_index(kb), prior_terms(c, kb), kb.prevalence)
    return {f"{s.source.ident}:{s.source.side}": s.log_post for s in ranking.ranked}


def top(report: dict[str, Any], n: int = 3) -> list[str]:
    return [f"{h.get('muscle') or h.get('entrapment') or h.get('root')}:{h['side']}"
            for h in report["hypotheses"][:n]]


def c6_case(**extra: Any) -> dict[str, Any]:
    # neck ache with a band along the C6 dermatome (Lee 2008): radial forearm, thumb, index
    return case(("neck-posterior-lower-l", 6, A), ("forearm-dorsal-radial-l", 4, ["tingling"]),
                ("finger-thumb-l", 5, T), ("finger-index-l", 4, T), **extra)


def odds_change(before: dict[str, float], after: dict[str, float], a: str, b: str) -> float:
    return math.exp((after[a] - after[b]) - (before[a] - before[b]))


def test_positive_spurling_multiplies_the_roots_odds_by_its_lr_plus() -> None:
    before = log_posts(c6_case())
    after = log_posts(c6_case(tests=[{"test": "spurling", "side": "l", "result": "positive"}]))
    # the root against a trigger point the test does not bear on
    assert odds_change(before, after, "C6:l", "posterior-scalene:l") == pytest.approx(
        SPURLING_POS, rel=1e-6)
    # the other side is not tested
    kb = load_knowledge()
    tested = parse_case(c6_case(tests=[{"test": "spurling", "side": "l", "result": "positive"}]))
    assert prior_terms(tested, kb).total("radicular:C6:r") == 0


def test_negative_spurling_lowers_the_root_by_its_lr_minus() -> None:
    before = log_posts(c6_case())
    after = log_posts(c6_case(tests=[{"test": "spurling", "side": "l", "result": "negative"}]))
    assert odds_change(before, after, "C6:l", "posterior-scalene:l") == pytest.approx(
        SPURLING_NEG, rel=1e-6)


def test_a_reproducing_positive_counts_double_and_equivocal_changes_nothing() -> None:
    before = log_posts(c6_case())
    rep = log_posts(c6_case(tests=[{"test": "spurling", "side": "l", "result": "positive",
                                     "reproduces_complaint": True}]))
    eq = log_posts(c6_case(tests=[{"test": "spurling", "side": "l", "result": "equivocal"}]))
    assert odds_change(before, rep, "C6:l", "posterior-scalene:l") == pytest.approx(
        2 * SPURLING_POS, rel=1e-6)
    assert odds_change(before, eq, "C6:l", "posterior-scalene:l") == pytest.approx(1.0)


def test_spurling_band_and_myotome_weakness_put_the_root_first() -> None:
    # Drawn alone, this arm pattern is the scalenes' (T&S Vol. 1 ch. 20) ...
    drawing = case(("forearm-dorsal-radial-l", 4, A), ("finger-thumb-l", 5, ["tingling", "aching"]),
                   ("finger-index-l", 3, A), ("scapula-medial-border-l", 3, A))
    before = assess(drawing)
    assert top(before, 1)[0].endswith("scalene:l")
    # ... a reproducing Spurling (x8.57) and weak wrist extension, the C6 key muscle (x2.5),
    # make it the C6 root's.
    exam = {"tests": [{"test": "spurling", "side": "l", "result": "positive",
                       "reproduces_complaint": True}],
            "neuro": [{"kind": "strength", "root": "C6", "side": "l", "grade": 4}]}
    after = assess({**drawing, **exam})
    assert top(after, 1) == ["C6:l"]
    moved = odds_change(log_posts(drawing), log_posts({**drawing, **exam}), "C6:l",
                        "posterior-scalene:l")
    assert moved == pytest.approx(2 * SPURLING_POS * 2.5, rel=1e-6)
    evidence = after["hypotheses"][0]["evidence"]
    assert any("Spurling" in e and "x8.6" in e for e in evidence)
    assert any("C6 myotome" in e and "x2.5" in e for e in evidence)
    assert any("band along the C6 dermatome" in e for e in evidence)


def test_negative_phalen_and_positive_pronator_compression_move_the_median_nerve_up() -> None:
    drawing = case(("finger-index-r", 5, T), ("finger-thumb-r", 4, T), ("finger-middle-r", 4, T),
                   ("forearm-volar-radial-r", 3, A))
    before = assess(drawing)
    assert top(before, 1) == ["carpal-tunnel-median:r"]
    exam = {"tests": [{"test": "phalen", "side": "r", "result": "negative"},
                      {"test": "pronator-compression", "side": "r", "result": "positive"}]}
    after = assess({**drawing, **exam})
    assert top(after, 1) == ["pronator-teres-median:r"]
    moved = odds_change(log_posts(drawing), log_posts({**drawing, **exam}),
                        "carpal-tunnel-median:r", "pronator-teres-median:r")
    assert moved == pytest.approx((0.32 / 0.73) / 2.0, rel=1e-6)


def test_reflex_weakness_and_sensation_move_the_roots_they_test() -> None:
    base = c6_case()
    before = log_posts(base)
    after = log_posts({**base, "neuro": [
        {"kind": "reflex", "reflex": "biceps", "side": "l", "result": "reduced"},
        {"kind": "sensation", "region": "finger-thumb-l", "result": "reduced"},
    ]})
    ref = "levator-scapulae:l"  # neither a root nor referring to the thumb
    # biceps reflex: C5 (x2.5), C6 (x sqrt 2.5); thumb in the C6 dermatome (x2)
    assert odds_change(before, after, "C5:l", ref) == pytest.approx(2.5, rel=1e-6)
    assert odds_change(before, after, "C6:l", ref) == pytest.approx(math.sqrt(2.5) * 2, rel=1e-6)
    # the thumb is in the carpal tunnel territory (x2) and in the scalenes' essential zone (x0.7)
    assert odds_change(before, after, "carpal-tunnel-median:l", ref) == pytest.approx(2.0)
    assert odds_change(before, after, "anterior-scalene:l", ref) == pytest.approx(0.7)


def test_history_cough_favours_roots_and_pressure_favours_trigger_points() -> None:
    base = c6_case()
    before = log_posts(base)
    after = log_posts({**base, "history": {"onset": "insidious", "weeks": 6,
                                           "aggravated_by": ["cough-sneeze-strain"],
                                           "eased_by": ["movement"]}})
    assert odds_change(before, after, "C6:l", "carpal-tunnel-median:l") == pytest.approx(2.5)
    assert odds_change(before, after, "posterior-scalene:l", "carpal-tunnel-median:l") == \
        pytest.approx(1.5)


def test_lancinating_pain_favours_the_nerve_over_the_muscle() -> None:
    # Occipital neuralgia is stabbing (T&S Vol. 1 ch. 16); trigger-point referral is a dull ache.
    ache = log_posts(case(("head-occiput-r", 6, A), ("head-vertex", 4, A)))
    stab = log_posts(case(("head-occiput-r", 6, ["stabbing"]), ("head-vertex", 4, A)))
    change = odds_change(ache, stab, "greater-occipital-semispinalis:r", "suboccipitals:r")
    # the drawing likelihood changes too (stabbing fits the nerve's qualities), so at least the
    # ratio of the two terms: 2.0 / 0.6
    assert change >= 2.0 / 0.6 - 1e-9
