"""Widespread pain: the ACR 2016 widespread pain index counted from the drawing, the
generalized-pain rule, the symptom severity score and whether the criteria are met.

The region -> area mapping is data (``widespread.yaml``). The therapist screens and refers; the
diagnosis is a physician's (the report says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tonus.core.case.model import Case
from tonus.core.ids import vocabulary
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.knowledge.client_schema import Widespread

BODY_REGIONS = ("left upper", "right upper", "left lower", "right lower", "axial")


@dataclass(frozen=True)
class WidespreadPain:
    areas: tuple[str, ...]  # WPI area ids with pain (sided ones carry -l / -r)
    wpi: int
    body_regions: tuple[str, ...]  # of BODY_REGIONS, those counting toward generalized pain
    generalized: bool
    sss: int | None
    weeks: float | None
    acr_2016: str  # met | not-met | incomplete
    pain_criteria: bool  # WPI and SSS (or WPI >= 7 alone) reach the ACR 2016 thresholds

    @property
    def widespread(self) -> bool:
        """The pattern the plan and the report treat as widespread."""
        return self.generalized and self.pain_criteria

    def block(self) -> dict[str, Any]:
        """The report's ``widespread_pain`` block, exactly as case-format.md defines it."""
        return {"wpi": self.wpi, "sss": self.sss, "generalized": self.generalized,
                "acr_2016": self.acr_2016}


def wpi_areas(regions: list[str], data: Widespread | None = None) -> tuple[str, ...]:
    """The WPI areas the marked regions fall in, in the order of the ACR list."""
    data = data or client_knowledge().widespread
    voc = vocabulary()
    hit: set[str] = set()
    for region in regions:
        info = voc.regions[region]
        area = data.region_to_area.get(info.base)
        if area is None:
            continue
        if any(a.id == area for a in data.areas.sided):
            if info.side in ("l", "r"):
                hit.add(f"{area}-{info.side}")
        else:
            hit.add(area)
    order = [f"{a.id}-{s}" for a in data.areas.sided for s in ("l", "r")]
    order += [a.id for a in data.areas.axial]
    return tuple(a for a in order if a in hit)


def body_regions(areas: tuple[str, ...], data: Widespread | None = None) -> tuple[str, ...]:
    """The five body regions of the generalized-pain rule that have pain (jaw, chest and
    abdomen do not count)."""
    data = data or client_knowledge().widespread
    found: set[str] = set()
    for a in data.areas.sided:
        if not a.generalized:
            continue
        for side, word in (("l", "left"), ("r", "right")):
            if f"{a.id}-{side}" in areas:
                found.add(f"{word} {a.region}")
    if any(a.generalized and a.id in areas for a in data.areas.axial):
        found.add("axial")
    return tuple(r for r in BODY_REGIONS if r in found)


def symptom_severity_score(items: dict[str, int | bool]) -> int | None:
    """SSS 0-12: the three graded items (0-3 each) plus one point per yes; None unless every
    item was answered."""
    voc = vocabulary()
    if not (voc.severity_graded | voc.severity_yes_no) <= set(items):
        return None
    graded = sum(int(items[k]) for k in voc.severity_graded)
    return graded + sum(1 for k in voc.severity_yes_no if items[k] is True)


def _weeks(case: Case, weeks: float | None) -> float | None:
    return weeks if weeks is not None else case.history.weeks


def assess_widespread(case: Case, *, weeks: float | None = None,
                      data: Widespread | None = None) -> WidespreadPain | None:
    """None when the drawing has no mark (the block is present whenever it has one)."""
    if not case.pain:
        return None
    data = data or client_knowledge().widespread
    areas = wpi_areas([m.region for m in case.pain], data)
    wpi = len(areas)
    regions = body_regions(areas, data)
    generalized = len(regions) >= data.criteria.generalized_regions_min
    sss = symptom_severity_score(case.symptom_severity)
    duration = _weeks(case, weeks)
    if sss is None:
        # WPI >= 7 with SSS unknown: the pain side is there, SSS decides (>= 5)
        pain_criteria = wpi >= max(r.wpi_min for r in data.criteria.wpi_sss)
    else:
        pain_criteria = any(
            wpi >= r.wpi_min and (r.wpi_max is None or wpi <= r.wpi_max) and sss >= r.sss_min
            for r in data.criteria.wpi_sss)
    if sss is None or duration is None:
        status = "incomplete"
    elif pain_criteria and generalized and duration >= data.criteria.weeks_min:
        status = "met"
    else:
        status = "not-met"
    return WidespreadPain(areas, wpi, regions, generalized, sss, duration, status, pain_criteria)
