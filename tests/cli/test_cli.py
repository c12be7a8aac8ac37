"""`tonus` as case-format.md specifies: exit codes, streams and formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO, case


def tonus(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tonus", *args], capture_output=True,
                          text=True, cwd=REPO, input=stdin, check=False)


def _write(tmp_path: Path, obj: Any, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return str(path)


def test_assess_json_prints_the_report(tmp_path: Path) -> None:
    out = tonus("assess", _write(tmp_path, case(("head-temple-r", 6))), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["format"] == "tonus.report/1"
    assert report["hypotheses"][0]["rank"] == 1


def test_assess_text_is_for_a_person(tmp_path: Path) -> None:
    out = tonus("assess", _write(tmp_path, case(("head-temple-r", 6))))
    assert out.returncode == 0
    assert "Likely sources" in out.stdout and "Treatment plan" in out.stdout


def test_assess_html_is_a_page_with_the_drawing(tmp_path: Path) -> None:
    out = tonus("assess", _write(tmp_path, case(("head-temple-r", 6))), "--format", "html")
    assert out.returncode == 0
    assert out.stdout.lstrip().startswith("<!doctype html>")
    assert 'data-region="head-temple-r"' in out.stdout


def test_invalid_json_exits_2_with_nothing_on_stdout(tmp_path: Path) -> None:
    out = tonus("assess", _write(tmp_path, "{not json"), "--format", "json")
    assert out.returncode == 2 and out.stdout == ""
    assert "not valid JSON: line 1 column 2" in out.stderr


def test_each_problem_is_one_line_on_stderr(tmp_path: Path) -> None:
    bad = case(("head-templ-r", 5), ("heel-r", 12), activities=["juggling"])
    out = tonus("assess", _write(tmp_path, bad), "--format", "json")
    assert out.returncode == 2 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("pain[0].region:") and "head-templ-r" in lines[0]
    assert lines[1].startswith("pain[1].intensity:") and "12" in lines[1]
    assert lines[2].startswith("activities[0]:") and "juggling" in lines[2]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    out = tonus("assess", str(tmp_path / "nope.json"))
    assert out.returncode == 2 and out.stdout == ""
    assert "cannot read the case file" in out.stderr


def test_kb_muscle_shows_zones_and_treatment() -> None:
    out = tonus("kb", "muscle", "upper-trapezius")
    assert out.returncode == 0
    assert "essential zone: neck-lateral" in out.stdout and "stretch:" in out.stdout
    assert tonus("kb", "muscle", "trapezius").returncode == 2


def test_kb_refers_to_lists_essential_zones_first() -> None:
    out = tonus("kb", "refers-to", "head-temple-r", "--format", "json")
    assert out.returncode == 0
    rows = json.loads(out.stdout)
    zones = [r["zone"] for r in rows]
    assert zones == sorted(zones, key=["essential", "spillover", "pain zone"].index)
    essential = {r["id"] for r in rows if r["zone"] == "essential"}
    # T&S Vol. 1 ch. 6 and 9: temple headache from upper trapezius and temporalis
    assert {"upper-trapezius", "temporalis"} <= essential
    assert all(r["side"] == "r" for r in rows if r["kind"] != "trigger-point"
               or r["side"] != "midline")
    assert tonus("kb", "refers-to", "head-tmple").returncode == 2


def test_kb_check_passes() -> None:
    out = tonus("kb", "check")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: 120 muscles")
