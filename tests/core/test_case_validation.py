"""Bad cases are refused with one line per problem naming the field and the bad value."""

from __future__ import annotations

import pytest

from tests.conftest import case
from tonus.core.case import parse_case
from tonus.core.errors import CaseError


def _problems(obj: object) -> list[str]:
    with pytest.raises(CaseError) as exc:
        parse_case(obj)
    return exc.value.problems


def test_a_minimal_case_is_valid() -> None:
    c = parse_case(case(("head-temple-r", 5)))
    assert c.pain[0].region == "head-temple-r" and c.pain[0].primary


def test_missing_pain_is_refused() -> None:
    assert _problems({"format": "tonus.case/1"}) == [
        "pain: required field missing (at least one mark)"]


def test_every_problem_is_listed_with_its_field() -> None:
    bad = case(("head-templ-r", 5), ("neck-lateral-r", 11), ("heel-r", 3, ["itchy"]),
               activities=["juggling"], posture=["forward-head-r"],
               screening={"coffee": True, "tobacco": "yes"},
               palpation=[{"muscle": "trapezius", "side": "x", "finding": "knot"}],
               client={"age": 150}, sessions_without_progress=-1)
    bad["format"] = "tonus.case/2"
    problems = _problems(bad)
    expected_fields = ["format", "pain[0].region", "pain[1].intensity", "pain[2].qualities[0]",
                       "client.age", "activities[0]", "posture[0]", "palpation[0].muscle",
                       "palpation[0].side", "palpation[0].finding", "screening.coffee",
                       "screening.tobacco", "sessions_without_progress"]
    assert [p.split(": ")[0] for p in problems] == expected_fields
    assert "'head-templ-r'" in problems[1] and "11" in problems[2]


def test_unknown_measure_and_rom_test_are_refused() -> None:
    problems = _problems(case(("head-temple-r", 5),
                              measures=[{"id": "neck-angle", "value": 4}],
                              rom=[{"test": "neck-spin", "degrees": 30}]))
    assert problems == ["measures[0].id: unknown posture measure 'neck-angle'",
                        "rom[0].test: unknown range-of-motion test 'neck-spin'"]


def test_added_fields_are_tolerated() -> None:
    c = parse_case({**case(("heel-l", 2)), "expected": {"sources": []}, "note": "extra"})
    assert c.pain[0].region == "heel-l"


def test_a_region_marked_twice_is_refused() -> None:
    problems = _problems(case(("heel-l", 2), ("heel-l", 4)))
    assert problems == ["pain[1].region: region 'heel-l' is marked twice"]
