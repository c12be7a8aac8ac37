"""What to test next: expected information gain over the leading hypotheses.

Hand check of the gain (Spurling, LR+ 4.286 / LR- 0.753, sens 0.30 / spec 0.93) on two
hypotheses at 0.5 / 0.5 where the test bears on the first: P(+) = 0.5*0.30 + 0.5*0.07 = 0.185;
posterior after + = 0.30/0.37 = 0.8108, after - = 0.70/1.63 = 0.4294; H = 1 bit before,
after: 0.185*H(0.8108) + 0.815*H(0.4294) = 0.185*0.6998 + 0.815*0.9855 = 0.9327 -> gain 0.067.
"""

from __future__ import annotations

import math

import pytest

from tests.conftest import case
from tonus.core.assess import assess
from tonus.core.plan.next_tests import _entropy, _posterior

T = ["tingling", "numbness"]


def test_the_gain_formula_matches_the_hand_computation() -> None:
    prior = [0.5, 0.5]
    sens, spec = 0.30, 0.93
    p_pos = 0.5 * sens + 0.5 * (1 - spec)
    post_pos = _posterior(prior, [True, False], sens / (1 - spec))
    post_neg = _posterior(prior, [True, False], (1 - sens) / spec)
    assert post_pos[0] == pytest.approx(0.8108, abs=1e-4)
    assert post_neg[0] == pytest.approx(0.4294, abs=1e-4)
    gain = _entropy(prior) - p_pos * _entropy(post_pos) - (1 - p_pos) * _entropy(post_neg)
    assert gain == pytest.approx(0.067, abs=1e-3)
    assert _entropy([0.5, 0.5]) == pytest.approx(1.0)
    assert math.isclose(sum(post_pos), 1.0)


def test_median_fingers_ask_for_the_tests_that_split_wrist_from_forearm() -> None:
    r = assess(case(("finger-index-r", 5, T), ("finger-thumb-r", 4, T),
                    ("finger-middle-r", 4, T), ("forearm-volar-radial-r", 3, ["aching"])))
    tests = [e for e in r["examination_plan"] if e["kind"] == "test"]
    assert tests, r["examination_plan"]
    names = {e["test"] for e in tests}
    # the carpal tunnel tests (published accuracy) and the pronator test both bear on the two
    # leading median-nerve hypotheses
    assert names & {"carpal-compression", "phalen", "tinel-wrist"}
    assert all(e["side"] == "r" for e in tests)
    gains = [e["information_gain"] for e in tests]
    assert gains == sorted(gains, reverse=True)
    assert r["examination_plan"][0]["order"] == 1 and r["examination_plan"][0]["kind"] == "test"
    first = tests[0]
    assert first["if_positive"].startswith("odds x") and first["if_negative"].startswith("odds x")


def test_a_recorded_test_is_not_proposed_again() -> None:
    drawing = case(("finger-index-r", 5, T), ("finger-thumb-r", 4, T), ("finger-middle-r", 4, T),
                   ("forearm-volar-radial-r", 3, ["aching"]))
    first = next(e for e in assess(drawing)["examination_plan"] if e["kind"] == "test")
    again = assess({**drawing, "tests": [{"test": first["test"], "side": "r",
                                          "result": "negative"}]})
    assert all(e.get("test") != first["test"] for e in again["examination_plan"])
