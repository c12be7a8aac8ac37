"""Posture measure definitions and the boundaries of ``finding_from_measure``."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from tonus.core.errors import UnknownIdError
from tonus.core.ids import vocabulary
from tonus.core.posture.norms import (
    definition_of,
    finding_from_measure,
    measure_definitions,
    measure_ids,
)


def _reference_ids() -> set[str]:
    text = resources.files("tonus.core.knowledge.data").joinpath("sources.yaml").read_text("utf-8")
    return {r["id"] for r in yaml.safe_load(text)["references"]}


def test_every_measure_is_fully_defined() -> None:
    refs = _reference_ids()
    defs = measure_definitions()
    assert len(defs) == 14
    for m in defs.values():
        assert m.name.strip() and m.definition.strip() and m.sign.strip(), m.id
        assert m.unit in ("deg", "cm")
        low, high = m.normal
        assert low < high, m.id
        assert m.step > 0
        assert m.sources, m.id
        assert all(c.ref in refs for c in m.sources), m.id


def test_finding_targets_are_posture_vocabulary() -> None:
    voc = vocabulary()
    for m in measure_definitions().values():
        for target in (m.findings.above, m.findings.below):
            if target is None:
                continue
            if m.sided:  # the side is appended: the target is a sided base id
                assert voc.posture_findings.get(target) is True, (m.id, target)
            else:
                assert target in voc.posture_ids(), (m.id, target)


def test_sided_ids() -> None:
    ids = measure_ids()
    assert {"knee-frontal-angle-l", "knee-frontal-angle-r", "knee-hyperextension-l",
            "knee-hyperextension-r", "craniovertebral-angle"} <= ids
    assert "knee-frontal-angle" not in ids
    assert definition_of("knee-hyperextension-r")[1] == "r"
    assert definition_of("shoulder-tilt")[1] is None
    with pytest.raises(UnknownIdError):
        definition_of("shoulder-tilt-r")
    with pytest.raises(UnknownIdError):
        finding_from_measure("no-such-measure", 1.0)


@pytest.mark.parametrize("measure_id", sorted(measure_ids()))
def test_boundaries(measure_id: str) -> None:
    mdef, side = definition_of(measure_id)
    low, high = mdef.normal
    assert finding_from_measure(measure_id, low) is None
    assert finding_from_measure(measure_id, high) is None
    assert finding_from_measure(measure_id, (low + high) / 2) is None
    for target, edge, direction in ((mdef.findings.above, high, 1.0),
                                    (mdef.findings.below, low, -1.0)):
        just = finding_from_measure(measure_id, edge + direction * 0.01)
        if target is None:
            assert just is None
            continue
        expected = f"{target}-{side}" if side else target
        assert just is not None and just.finding == expected and just.severity == "mild"
        assert just.measure == measure_id
        steps = {0.99: "mild", 1.0: "moderate", 1.99: "moderate", 2.0: "marked", 5.0: "marked"}
        for k, severity in steps.items():
            f = finding_from_measure(measure_id, edge + direction * k * mdef.step)
            assert f is not None and f.severity == severity, (measure_id, k)


def test_forward_head_from_cva_44() -> None:
    f = finding_from_measure("craniovertebral-angle", 44.0)
    assert f is not None
    assert (f.finding, f.severity) == ("forward-head", "moderate")
    assert "44" in f.evidence and "48" in f.evidence
