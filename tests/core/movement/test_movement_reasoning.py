"""Movement findings in the case and the reasoning: parsing, the knowledge file, the ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonus.core.assess import assess
from tonus.core.case.model import MovementFinding, parse_case
from tonus.core.errors import CaseError
from tonus.core.ids import vocabulary
from tonus.core.knowledge.movement import compensation, load_movement, movement_knowledge

PAIN = [{"region": "hip-lateral-l", "intensity": 5}, {"region": "knee-lateral-l", "intensity": 3}]


def case(**extra: object) -> dict[str, object]:
    return {"format": "tonus.case/1", "pain": PAIN, **extra}


def test_movement_is_parsed_and_absent_means_none() -> None:
    assert parse_case(case()).movement == ()
    parsed = parse_case(case(movement=[
        {"screen": "overhead-squat", "finding": "knees-move-in", "side": "l"},
        {"screen": "overhead-squat", "finding": "excessive-forward-lean"}]))
    assert parsed.movement == (MovementFinding("overhead-squat", "knees-move-in", "l"),
                               MovementFinding("overhead-squat", "excessive-forward-lean"))


def test_bad_movement_entries_are_named() -> None:
    with pytest.raises(CaseError) as exc:
        parse_case(case(movement=[
            {"screen": "push-up", "finding": "knees-move-in", "side": "l"},
            {"screen": "overhead-squat", "finding": "knees-wobble"},
            {"screen": "overhead-squat", "finding": "knees-move-in"},
            {"screen": "overhead-squat", "finding": "heels-rise", "side": "r"},
            "knees"]))
    text = "\n".join(exc.value.problems)
    assert "movement[0].screen" in text
    assert "movement[1].finding: unknown movement finding 'knees-wobble'" in text
    assert "movement[2].side: knees-move-in needs a side" in text
    assert "movement[3].side: heels-rise has no side" in text
    assert "movement[4]: must be an object" in text


def test_every_compensation_has_muscles_and_sources() -> None:
    kb = movement_knowledge()
    assert {c.finding for c in kb.compensations} == set(vocabulary().movement_findings)
    # NASM overhead squat table: knees move in -> adductors, TFL overactive; gluteus medius
    # and maximus, vastus medialis underactive (Clark & Lucett 2011, ch. 6)
    knees = compensation("knees-move-in")
    assert {"adductor-longus", "tensor-fasciae-latae"} <= {m.muscle for m in knees.overactive}
    assert {"gluteus-medius", "gluteus-maximus", "vastus-medialis"} == \
        {m.muscle for m in knees.underactive}
    arms = compensation("arms-fall-forward")
    assert {"latissimus-dorsi", "teres-major", "pectoralis-major", "pectoralis-minor"} == \
        {m.muscle for m in arms.overactive}


def test_the_knowledge_file_is_validated(tmp_path: Path) -> None:
    good = (Path(__file__).parents[3] / "tonus/core/knowledge/data/movement.yaml").read_text()
    bad_muscle = tmp_path / "m1.yaml"
    bad_muscle.write_text(good.replace("{muscle: soleus, side: same}",
                                       "{muscle: solues, side: same}", 1))
    with pytest.raises(ValueError, match="unknown muscle 'solues'"):
        load_movement(bad_muscle)
    missing = tmp_path / "m2.yaml"
    start = good.index("  - finding: heels-rise")
    end = good.index("  - finding: knees-move-in")
    missing.write_text(good[:start] + good[end:])
    with pytest.raises(ValueError, match=r"no entry for movement finding.*heels-rise"):
        load_movement(missing)
    bad_ref = tmp_path / "m3.yaml"
    bad_ref.write_text(good.replace("ref: nasm-cet", "ref: nasm-unknown", 1))
    with pytest.raises(ValueError, match=r"unknown source.*nasm-unknown"):
        load_movement(bad_ref)


def _rank(report: dict[str, object], muscle: str) -> int:
    for h in report["hypotheses"]:  # type: ignore[attr-defined]
        if h.get("muscle") == muscle and h.get("side") == "l":
            return int(h["rank"])
    raise AssertionError(f"{muscle} not ranked")


def test_a_confirmed_compensation_moves_the_ranking_with_words() -> None:
    before = assess(case())
    after = assess(case(movement=[{"screen": "overhead-squat", "finding": "knees-move-in",
                                   "side": "l"}]))
    # Lateral hip and knee pain: gluteus minimus ranks above vastus lateralis on the drawing;
    # knees moving in points to an overactive vastus lateralis (NASM), which then passes it.
    assert _rank(before, "gluteus-minimus") < _rank(before, "vastus-lateralis")
    assert _rank(after, "vastus-lateralis") < _rank(after, "gluteus-minimus")
    tfl = next(h for h in after["hypotheses"] if h.get("muscle") == "tensor-fasciae-latae")
    assert any(e.startswith("movement: knees move in (left) in the overhead squat") and
               "likely overactive" in e for e in tfl["evidence"])


def test_the_other_side_is_not_moved() -> None:
    right = assess(case(movement=[{"screen": "overhead-squat", "finding": "knees-move-in",
                                   "side": "r"}]))
    for h in right["hypotheses"]:
        if h.get("side") == "l":
            assert not any(e.startswith("movement:") for e in h["evidence"])


def test_confirmed_findings_appear_in_the_soap_note_and_the_letter() -> None:
    from tonus.core.progress.soap import draft_soap
    from tonus.reports.referral_letter import _movement_lines

    c = case(movement=[{"screen": "overhead-squat", "finding": "knees-move-in", "side": "l"},
                       {"screen": "arm-raise", "finding": "shoulder-hitch", "side": "r"}])
    soap = draft_soap(c, assess(c))
    assert ("Movement screens (confirmed on video): knees move in (left) in the overhead "
            "squat; shoulder hitch (right) in the arm raise.") in soap.objective
    assert "Movement screens" not in draft_soap(case(), assess(case())).objective
    assert _movement_lines(c)[0] == "knees move in (left) in the overhead squat"
