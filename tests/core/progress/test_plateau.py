"""Plateau detection from the NPRS minimal clinically important difference: a decrease of
2 points or 30 % (Abbott & Schmitt 2014, ``abbott-2014``)."""

from __future__ import annotations

import pytest

from tonus.core.progress import detect_plateau, is_meaningful_improvement
from tonus.core.progress.plateau import plateau_from_scores


def visits(*scores: float, region: str = "head-temple-r") -> list[dict[str, object]]:
    return [{"date": f"2025-01-{i + 1:02d}", "pre_nprs": {region: s}}
            for i, s in enumerate(scores)]


def test_mcid_is_two_points_or_thirty_percent() -> None:
    assert is_meaningful_improvement(7, 5)  # 2 points
    assert not is_meaningful_improvement(7, 6)  # 1 point, 14 %
    assert is_meaningful_improvement(3, 2)  # 1 point but 33 %
    assert not is_meaningful_improvement(8, 7)  # 1 point, 12.5 %
    assert not is_meaningful_improvement(5, 6)  # worse


def test_seven_seven_six_six_is_a_plateau() -> None:
    status = detect_plateau(visits(7, 7, 6, 6))
    assert status.plateau
    assert status.sessions_without_progress == 3
    assert "Abbott" in status.evidence


def test_seven_five_four_is_progress() -> None:
    status = detect_plateau(visits(7, 5, 4))
    assert not status.plateau
    assert status.sessions_without_progress <= 1


def test_three_to_two_counts_as_progress_by_the_30_percent_rule() -> None:
    status = detect_plateau(visits(3, 3, 3, 2))
    assert not status.plateau
    assert status.sessions_without_progress == 0


@pytest.mark.parametrize("scores", [(), (7,), (7, 7), (8, 8, 8)])
def test_fewer_sessions_than_n_never_plateau(scores: tuple[float, ...]) -> None:
    assert not plateau_from_scores(scores, n=4).plateau
    if len(scores) < 3:
        assert not detect_plateau(visits(*scores)).plateau


def test_stall_after_earlier_progress_is_a_plateau() -> None:
    status = detect_plateau(visits(8, 5, 5, 5, 4))  # 5 -> 4 is 1 point, 20 %
    assert status.plateau and status.sessions_without_progress == 3


def test_mean_of_primary_regions_is_used() -> None:
    vs = [{"date": f"2025-02-0{i + 1}",
           "pre_nprs": {"head-temple-r": t, "neck-lateral-r": n, "head-jaw-r": 9}}
          for i, (t, n) in enumerate([(6, 6), (6, 5), (6, 5), (6, 5)])]
    assert detect_plateau(vs, primary=["head-temple-r", "neck-lateral-r"]).plateau
    vs[-1] = {"date": "2025-02-09", "pre_nprs": {"head-temple-r": 4, "neck-lateral-r": 3}}
    assert not detect_plateau(vs, primary=["head-temple-r", "neck-lateral-r"]).plateau


def test_count_feeds_the_next_case() -> None:
    from tonus.core.assess import assess

    status = detect_plateau(visits(7, 7, 6, 6))
    case = {"format": "tonus.case/1",
            "pain": [{"region": "head-temple-r", "intensity": 6, "primary": True}],
            "screening": {"high-caffeine": True},
            "sessions_without_progress": status.sessions_without_progress}
    report = assess(case)
    assert any(r["priority"] == "recommended" for r in report["referrals"])
