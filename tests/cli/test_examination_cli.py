"""The examination fields through the command line: refused like every other bad field, and
the test knowledge readable with `tonus kb tests | test ID`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import _write, tonus
from tests.conftest import case

FIXED_TEST_IDS = (
    "spurling", "cervical-distraction", "shoulder-abduction-relief", "ultt-median", "ultt-radial",
    "ultt-ulnar", "adson", "roos", "wright", "costoclavicular", "scalene-cramp", "scalene-relief",
    "scalene-finger-flexion", "phalen", "carpal-compression", "tinel-wrist", "tinel-elbow",
    "tinel-fibular-head", "tinel-tarsal-tunnel", "elbow-flexion", "pronator-compression",
    "resisted-supination", "middle-finger-extension", "straight-leg-raise",
    "crossed-straight-leg-raise", "slump", "prone-knee-bend", "fair", "freiberg", "pace",
    "beatty", "mulder", "dorsiflexion-eversion", "tinel-guyon", "froment",
)


def test_bad_tests_neuro_and_history_exit_2_with_one_line_per_problem(tmp_path: Path) -> None:
    bad = case(("finger-thumb-l", 4, ["tingling"]),
               history={"onset": "gradual", "weeks": -1, "aggravated_by": ["coughing"]},
               tests=[{"test": "spurlin", "side": "l", "result": "positive"},
                      {"test": "phalen", "side": "both", "result": "maybe"},
                      {"test": "slump", "side": "l", "result": "positive",
                       "reproduces_complaint": "yes"}],
               neuro=[{"kind": "strength", "root": "C4", "side": "l", "grade": 6},
                      {"kind": "reflex", "reflex": "jaw", "side": "l", "result": "reduced"},
                      {"kind": "sensation", "region": "finger-sixth-l", "result": "reduced"},
                      {"kind": "tone"}])
    out = tonus("assess", _write(tmp_path, bad), "--format", "json")
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    expected = ["history.onset", "history.weeks", "history.aggravated_by[0]", "tests[0].test",
                "tests[1].side", "tests[1].result", "tests[2].reproduces_complaint",
                "neuro[0].root", "neuro[0].grade", "neuro[1].reflex", "neuro[2].region",
                "neuro[3].kind"]
    assert [line.split(":")[0] for line in lines] == expected
    assert "'spurlin'" in lines[3]


def test_a_case_with_tests_and_neuro_is_assessed_with_evidence(tmp_path: Path) -> None:
    good = case(("neck-posterior-lower-r", 5, ["aching"]),
                ("finger-middle-r", 4, ["tingling"]),
                history={"onset": "insidious", "weeks": 8,
                         "aggravated_by": ["cough-sneeze-strain", "neck-extension"]},
                tests=[{"test": "spurling", "side": "r", "result": "positive",
                        "reproduces_complaint": True}],
                neuro=[{"kind": "reflex", "reflex": "triceps", "side": "r", "result": "reduced"},
                       {"kind": "strength", "root": "C7", "side": "r", "grade": 4}])
    out = tonus("assess", _write(tmp_path, good), "--format", "json")
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)["hypotheses"][0]
    assert (first["kind"], first.get("root"), first["side"]) == ("radicular", "C7", "r")
    assert any(e.startswith("test: Spurling") for e in first["evidence"])
    assert any(e.startswith("neuro: Triceps reflex reduced") for e in first["evidence"])
    assert any(e.startswith("history: worse with cough-sneeze-strain") for e in first["evidence"])


def test_kb_tests_lists_every_fixed_test_and_kb_test_shows_one() -> None:
    out = tonus("kb", "tests", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert set(FIXED_TEST_IDS) <= set(rows)
    # Spurling, Tong 2002: sensitivity 0.30, specificity 0.93 -> LR+ 4.29, LR- 0.75
    assert rows["spurling"]["used_lr_positive"] == 4.29
    assert rows["spurling"]["used_lr_negative"] == 0.75
    # case-control accuracy is capped: elbow flexion (Novak 1994, 0.75 / 0.99) -> LR+ 10
    assert rows["elbow-flexion"]["used_lr_positive"] == 10.0
    one = tonus("kb", "test", "phalen")
    assert one.returncode == 0
    assert "MacDermid" in one.stdout and "x0.44" in one.stdout
    missing = tonus("kb", "test", "no-such-test")
    assert missing.returncode == 2 and "no-such-test" in missing.stderr


def test_eval_reports_each_set_and_counts_a_refused_case_as_a_miss(tmp_path: Path) -> None:
    good = case(("finger-index-r", 5, ["tingling"]), ("finger-thumb-r", 4, ["tingling"]),
                ("finger-middle-r", 4, ["tingling"]),
                expected={"area": "shoulder-arm-hand", "sources": [
                    {"kind": "entrapment", "entrapment": "carpal-tunnel-median", "side": "r"}]})
    bad = {**good, "tests": [{"test": "hawkins-kennedy", "side": "r", "result": "positive"}]}
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    _write(one, good, "a.json")
    _write(two, good, "a.json")
    _write(two, bad, "b.json")
    out = tonus("eval", str(one), str(two))
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.split(f"== {two}")
    assert f"== {one}" in first and "top-3 accuracy: 100.0%" in first
    assert "top-3 accuracy: 50.0%" in second
    assert "b: refused by the engine, counted as a miss: tests[0].test: unknown test" in second
