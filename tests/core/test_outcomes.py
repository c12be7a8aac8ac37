"""Outcome measures: each scoring rule against a figure worked out by hand from the instrument's
source, the problems named, the MCID comparison and the reassessment prompt; and the instrument
files themselves (terms of use recorded, bad files refused with the file and field named)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tonus.core.errors import KnowledgeError, OutcomeError
from tonus.core.knowledge.client_knowledge import client_knowledge, load_client_knowledge
from tonus.core.knowledge.client_schema import Instrument
from tonus.core.knowledge.loader import DATA_DIR
from tonus.core.outcomes.scoring import change, reassessment_due, score


def _inst(iid: str) -> Instrument:
    return client_knowledge().instruments[iid]


def test_psfs_is_the_mean_of_the_activities_rated() -> None:
    # Stratford 1995: mean of the 3-5 activities; (2+3+4+5)/4 = 3.5
    s = score(_inst("psfs"), {"activity-1": 2, "activity-2": 3, "activity-3": 4,
                              "activity-4": 5})
    assert (s.total, s.answered) == (3.5, 4)
    assert score(_inst("psfs"), {"activity-1": 3, "activity-2": 5, "activity-3": 7}).total == 5.0
    # 1 decimal: (4 + 4 + 5) / 3 = 4.333... -> 4.3
    assert score(_inst("psfs"), {"activity-1": 4, "activity-2": 4, "activity-3": 5}).total == 4.3


def test_psfs_needs_three_activities() -> None:
    with pytest.raises(OutcomeError) as exc:
        score(_inst("psfs"), {"activity-1": 2, "activity-2": 3})
    assert exc.value.problems == ["PSFS: at least 3 items need an answer, got 2"]


def test_lefs_is_the_sum_of_twenty_items() -> None:
    # Binkley 1999: 20 items 0-4, sum 0-80; ten items at 3 and ten at 1 = 30 + 10 = 40
    answers = {f"item-{i}": 3 if i <= 10 else 1 for i in range(1, 21)}
    assert score(_inst("lefs"), answers).total == 40
    assert score(_inst("lefs"), {f"item-{i}": 4 for i in range(1, 21)}).total == 80


def test_a_missing_lefs_item_is_named() -> None:
    answers = {f"item-{i}": 2 for i in range(1, 21) if i != 7}
    with pytest.raises(OutcomeError) as exc:
        score(_inst("lefs"), answers)
    assert exc.value.problems == ["LEFS: every item needs an answer; missing 'item-7' "
                                  "(Lifting an object, like a bag of groceries, from the floor)"]


def test_out_of_range_and_unknown_items_are_named() -> None:
    with pytest.raises(OutcomeError) as exc:
        score(_inst("psfs"), {"activity-1": 11, "activity-2": 2.5, "activity-3": "7",
                              "activity-9": 4})
    assert [p.split(":")[0] for p in exc.value.problems] == [
        "PSFS item 'activity-1' (Activity 1)", "PSFS item 'activity-2' (Activity 2)",
        "PSFS item 'activity-3' (Activity 3)", "PSFS"]
    assert "got 11" in exc.value.problems[0]
    assert "unknown item 'activity-9'" in exc.value.problems[3]


def test_acr_2016_survey_total_and_subscales() -> None:
    # 8 painful areas; SSS fatigue 2 + waking 3 + cognition 1 + headaches 1 + depression 1 = 8
    inst = _inst("acr-2016-fs")
    wpi_items = [i.id for i in inst.items if i.subscale == "wpi"]
    assert len(wpi_items) == 19
    answers = {item: 1 if n < 8 else 0 for n, item in enumerate(wpi_items)}
    answers.update({"fatigue": 2, "waking-unrefreshed": 3, "cognitive-symptoms": 1,
                    "headaches": 1, "lower-abdominal-pain-or-cramps": 0, "depression": 1})
    s = score(inst, answers)
    assert s.subscales == {"wpi": 8.0, "sss": 8.0}
    assert s.total == 16


def test_change_against_the_mcid() -> None:
    psfs, lefs, acr = _inst("psfs"), _inst("lefs"), _inst("acr-2016-fs")
    c = change(psfs, 3.0, 5.5)  # +2.5 >= MCID 2 (Abbott 2014)
    assert (c.change, c.meaningful) == (2.5, True)
    c = change(lefs, 40, 47)  # +7 < MCID 9 (Binkley 1999)
    assert (c.change, c.meaningful) == (7, False)
    assert "less than the MCID (9)" in c.words
    c = change(lefs, 50, 40)
    assert "worse by at least the MCID" in c.words
    c = change(acr, 20, 12)  # lower is better; no published MCID
    assert (c.improved_by, c.meaningful) == (8, None)


def test_reassessment_is_due_after_the_instruments_interval() -> None:
    psfs = _inst("psfs")  # every 4 weeks
    assert reassessment_due(psfs, None, date(2026, 3, 1))
    assert not reassessment_due(psfs, date(2026, 3, 1), date(2026, 3, 28))  # 27 days
    assert reassessment_due(psfs, date(2026, 3, 1), date(2026, 3, 29))  # 28 days


def test_every_shipped_instrument_records_its_terms() -> None:
    for inst in client_knowledge().instruments.values():
        assert inst.terms.open_source is True and inst.terms.use == "free"
        assert inst.terms.text and inst.sources


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_an_instrument_not_free_for_open_source_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "outcomes" / "psfs.yaml"
    path.write_text(path.read_text().replace("open_source: true", "open_source: false"))
    with pytest.raises(KnowledgeError) as exc:
        load_client_knowledge(data)
    assert any(p.startswith("outcomes/psfs.yaml") and "terms.open_source" in p
               for p in exc.value.problems)


def test_a_range_that_does_not_match_the_items_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "outcomes" / "lefs.yaml"
    path.write_text(path.read_text().replace("range: {min: 0, max: 80}",
                                             "range: {min: 0, max: 100}"))
    with pytest.raises(KnowledgeError) as exc:
        load_client_knowledge(data)
    assert any("outcomes/lefs.yaml" in p and "does not match the items (0-80)" in p
               for p in exc.value.problems)


def test_a_region_left_out_of_the_wpi_mapping_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "widespread.yaml"
    path.write_text(path.read_text().replace("  thigh-medial: upper-leg\n", ""))
    with pytest.raises(KnowledgeError) as exc:
        load_client_knowledge(data)
    assert any("widespread.yaml" in p and "thigh-medial" in p for p in exc.value.problems)


def test_mcid_band_runs_one_mcid_from_the_first_score_toward_improvement() -> None:
    from tonus.core.outcomes.scoring import mcid_band

    # LEFS-like (higher is better, 0-80, MCID 9): first 40 -> 40..49; near the top it is clamped
    assert mcid_band(first=40, mcid=9, better="higher", score_range=(0, 80)) == (40, 49)
    assert mcid_band(first=75, mcid=9, better="higher", score_range=(0, 80)) == (75, 80)
    # lower is better (a disability index): first 30, MCID 7.5 -> 22.5..30; clamped at 0
    assert mcid_band(first=30, mcid=7.5, better="lower", score_range=(0, 100)) == (22.5, 30)
    assert mcid_band(first=4, mcid=7.5, better="lower", score_range=(0, 100)) == (0, 4)
    assert mcid_band(first=4, mcid=None, better="lower", score_range=(0, 100)) is None
