"""The special tests as knowledge: every test cites its source; published accuracy is the
published figure (values written from the papers: shared/reference/clinical-notes.md (i));
where none is published the stated default is used and says so."""

from __future__ import annotations

from typing import Any

import pytest

from tonus.core.reasoning.findings import LR_CAP, LR_FLOOR, likelihood_ratios

PUBLISHED = {  # id: (sensitivity, specificity, source id)
    "spurling": (0.30, 0.93, "tong-2002"),
    "cervical-distraction": (0.44, 0.90, "wainner-2003"),
    "ultt-median": (0.97, 0.22, "wainner-2003"),
    "phalen": (0.68, 0.73, "macdermid-2004"),
    "tinel-wrist": (0.50, 0.77, "macdermid-2004"),
    "carpal-compression": (0.64, 0.83, "macdermid-2004"),
    "straight-leg-raise": (0.91, 0.26, "deville-2000"),
    "crossed-straight-leg-raise": (0.29, 0.88, "deville-2000"),
    "slump": (0.84, 0.83, "majlesi-2008"),
    "fair": (0.88, 0.83, "fishman-2002"),
}


def test_published_accuracy_is_the_published_figure(kb: Any) -> None:
    for test_id, (sens, spec, ref) in PUBLISHED.items():
        t = kb.special_tests[test_id]
        assert (t.sensitivity, t.specificity, t.published) == (sens, spec, True), test_id
        assert ref in {c.ref for c in t.sources}, test_id


def test_every_test_is_documented_and_defaults_say_so(kb: Any) -> None:
    assert len(kb.special_tests) >= 42
    for t in kb.special_tests.values():
        assert t.how and t.positive and t.sources
        lr_pos, lr_neg = likelihood_ratios(t)
        assert 1 < lr_pos <= LR_CAP and LR_FLOOR <= lr_neg < 1, t.id
        if not t.published:
            assert (t.lr_positive, t.lr_negative) == (2.0, 0.7), t.id
            assert "tonus-defaults" in {c.ref for c in t.sources}, t.id
        for root in t.bears_on.roots:
            assert root in kb.nerve_roots, t.id


def test_likelihood_ratios_from_sensitivity_and_specificity_and_the_cap(kb: Any) -> None:
    phalen = likelihood_ratios(kb.special_tests["phalen"])
    assert phalen == pytest.approx((0.68 / 0.27, 0.32 / 0.73))
    # Novak 1994 elbow flexion 0.75 / 0.99 would be LR+ 75: a case-control figure, capped
    elbow = likelihood_ratios(kb.special_tests["elbow-flexion"])
    assert elbow == pytest.approx((10.0, 0.25 / 0.99))


def test_every_entrapment_site_has_a_test_and_every_root_a_myotome(kb: Any) -> None:
    covered = {e for t in kb.special_tests.values() for e in t.bears_on.entrapments}
    assert covered == set(kb.entrapments)
    assert {m.root for m in kb.neuro.myotomes} == set(kb.nerve_roots)
