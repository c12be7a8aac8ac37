"""Posture measure definitions (``measures.yaml``) and their translation into posture findings.

A measure beyond its normal range becomes a vocabulary posture finding with a severity, which the
reasoning treats like a finding the therapist observed (weighted by severity).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tonus.core.errors import UnknownIdError
from tonus.core.knowledge.schema import Citation

Severity = Literal["mild", "moderate", "marked"]
SEVERITY_WEIGHT: dict[str, float] = {"mild": 1.0, "moderate": 1.4, "marked": 1.8}


class FindingMap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    above: str | None = None
    below: str | None = None


class MeasureDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    view: Literal["frontal", "sagittal"]
    sided: bool = False
    unit: Literal["deg", "cm"]
    definition: str
    sign: str
    normal: tuple[float, float]
    step: float = Field(gt=0)
    findings: FindingMap
    sources: list[Citation] = Field(min_length=1)


class _MeasureFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    measures: list[MeasureDef]


@dataclass(frozen=True)
class PostureFinding:
    finding: str  # a vocabulary posture id, sided where the vocabulary says so
    severity: Severity
    measure: str  # the measure id that produced it
    value: float
    evidence: str


@lru_cache(maxsize=1)
def measure_definitions() -> dict[str, MeasureDef]:
    text = resources.files("tonus.core.posture").joinpath("measures.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = _MeasureFile.model_validate(yaml.load(text, Loader=loader))
    return {m.id: m for m in parsed.measures}


@lru_cache(maxsize=1)
def measure_ids() -> set[str]:
    """Every id a case may use in ``measures[]`` (sided measures as <id>-l / <id>-r)."""
    out: set[str] = set()
    for m in measure_definitions().values():
        if m.sided:
            out.update((f"{m.id}-l", f"{m.id}-r"))
        else:
            out.add(m.id)
    return out


def definition_of(measure_id: str) -> tuple[MeasureDef, str | None]:
    """The definition behind a (possibly sided) measure id, and its side."""
    defs = measure_definitions()
    if measure_id in defs:
        return defs[measure_id], None
    base, _, side = measure_id.rpartition("-")
    if base in defs and defs[base].sided and side in ("l", "r"):
        return defs[base], side
    raise UnknownIdError(f"unknown posture measure {measure_id!r}")


def finding_from_measure(measure_id: str, value: float) -> PostureFinding | None:
    """The posture finding a value implies, or None when it lies within the norm."""
    mdef, side = definition_of(measure_id)
    low, high = mdef.normal
    if low <= value <= high:
        return None
    target = mdef.findings.above if value > high else mdef.findings.below
    if target is None:
        return None
    beyond = value - high if value > high else low - value
    steps = beyond / mdef.step
    severity: Severity = "mild" if steps < 1 else "moderate" if steps < 2 else "marked"
    finding = f"{target}-{side}" if side else target
    unit = "°" if mdef.unit == "deg" else " cm"
    return PostureFinding(
        finding, severity, measure_id, value,
        f"{mdef.name} {value:g}{unit} (normal {low:g} to {high:g}{unit}): {severity} {finding}",
    )
