"""The written evaluation cases (eval/cases, expectations from referral anatomy) must keep the
engine's top-3 accuracy at 95 % or more, find every red flag and invent none."""

from __future__ import annotations

from tests.conftest import REPO
from tonus.cli.evaluation import evaluate_dir


def test_top3_accuracy_on_the_evaluation_set_is_at_least_95_percent() -> None:
    summary = evaluate_dir(REPO / "eval" / "cases")
    assert len(summary.results) >= 40
    misses = [r.name for r in summary.results if r.hit_rank is None or r.hit_rank > 3]
    assert summary.top_k(3) >= 0.95, f"top-3 {summary.top_k(3):.1%}; misses: {misses}"
    assert summary.missed_red_flags() == 0
    assert summary.spurious_red_flags() == 0
    assert summary.referral_recall() >= 0.85
