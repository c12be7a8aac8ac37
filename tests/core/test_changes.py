"""What changed between two reports: who moved, from where to where, and the new evidence."""

from __future__ import annotations

from typing import Any

from tests.conftest import case
from tonus.core.assess import assess
from tonus.core.changes import what_changed

T = ["tingling", "numbness"]


def _median(**extra: Any) -> dict[str, Any]:
    return case(("finger-index-r", 5, T), ("finger-thumb-r", 4, T), ("finger-middle-r", 4, T),
                ("forearm-volar-radial-r", 3, ["aching"]), **extra)


def test_a_negative_phalen_moves_the_wrist_down_and_says_why() -> None:
    before = assess(_median())
    after = assess(_median(tests=[{"test": "phalen", "side": "r", "result": "negative"}]))
    changes = {tuple(c["key"]): c for c in what_changed(before, after)}
    carpal = changes[("entrapment", "carpal-tunnel-median", "r")]
    assert (carpal["from_rank"], carpal["to_rank"], carpal["direction"]) == (1, 2, "down")
    assert carpal["why"] == ["+ test: Phalen test (wrist flexion) (right) negative: odds x0.44"]
    pronator = changes[("entrapment", "pronator-teres-median", "r")]
    assert (pronator["from_rank"], pronator["to_rank"], pronator["direction"]) == (2, 1, "up")
    assert pronator["why"] == []  # it rose because the other fell
    assert pronator["to_score"] > pronator["from_score"]
    # the biggest move comes first
    moves = [abs(c["to_score"] - c["from_score"]) for c in what_changed(before, after)]
    assert moves == sorted(moves, reverse=True)


def test_nothing_changed_and_no_earlier_report() -> None:
    report = assess(_median())
    assert what_changed(report, report) == []
    assert what_changed(None, report) == []
