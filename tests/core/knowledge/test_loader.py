"""A malformed knowledge file fails with the file, the entry and the field named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tonus.core.errors import KnowledgeError
from tonus.core.knowledge.loader import DATA_DIR, load_raw


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _problems(data: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as exc:
        load_raw(data)
    return exc.value.problems


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def test_the_shipped_knowledge_base_is_valid_and_complete() -> None:
    raw = load_raw()
    assert len(raw.muscles) == 120


def test_unknown_region_names_file_entry_and_field(data: Path) -> None:
    _edit(data / "muscles" / "upper-trapezius.yaml", "essential: [neck-lateral,",
          "essential: [neck-sideways,")
    problems = _problems(data)
    assert len(problems) == 1
    line = problems[0]
    assert "muscles/upper-trapezius.yaml" in line
    assert "'upper-trapezius'" in line
    assert "trigger_points.0.referral.essential.0" in line
    assert "neck-sideways" in line


def test_missing_field_is_named(data: Path) -> None:
    _edit(data / "muscles" / "upper-trapezius.yaml", "innervation:", "innervation_typo:")
    problems = _problems(data)
    assert any("field innervation" in p and "Field required" in p for p in problems)
    assert any("innervation_typo" in p and "Extra inputs" in p for p in problems)


def test_unknown_source_reference_is_named(data: Path) -> None:
    _edit(data / "muscles" / "upper-trapezius.yaml", "sources: [{ref: ts-v1, chapter: \"6\"}, "
          "{ref: gray}", "sources: [{ref: ts-v1, chapter: \"6\"}, {ref: grays-anatomy}")
    problems = _problems(data)
    assert problems == [
        "muscles/upper-trapezius.yaml: field sources.[1].ref: unknown source 'grays-anatomy' "
        "(add it to sources.yaml)"
    ]


def test_file_name_must_be_the_muscle_id(data: Path) -> None:
    (data / "muscles" / "upper-trapezius.yaml").rename(data / "muscles" / "trapezius.yaml")
    problems = _problems(data)
    assert any("trapezius.yaml: field id: 'upper-trapezius' differs" in p for p in problems)
    assert any("muscles/upper-trapezius.yaml: missing" in p for p in problems)


def test_invalid_yaml_is_reported_not_crashed(data: Path) -> None:
    (data / "muscles" / "masseter.yaml").write_text("id: masseter\nname: [unclosed\n")
    problems = _problems(data)
    assert any(p.startswith("muscles/masseter.yaml: not readable YAML") for p in problems)


def test_out_of_range_pressure_is_refused(data: Path) -> None:
    _edit(data / "muscles" / "upper-trapezius.yaml", "pressure: 3", "pressure: 9")
    problems = _problems(data)
    assert any("treatment.techniques.0.pressure" in p and "less than or equal to 5" in p
               for p in problems)


def test_duplicate_red_flag_is_refused(data: Path) -> None:
    path = data / "red-flags.yaml"
    text = path.read_text()
    first = text.index("  - id:")
    second = text.index("  - id:", first + 1)
    path.write_text(text + text[first:second])
    problems = _problems(data)
    assert any("red-flags.yaml" in p and "duplicate id" in p for p in problems)
