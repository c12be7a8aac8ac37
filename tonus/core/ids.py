"""The fixed id vocabularies of the shared contracts (body regions, muscles, vocabulary).

The YAML files in ``tonus/core/spec/`` are verbatim copies of ``shared/spec/`` (a test checks
they match); every other module asks this one whether an id exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

SIDES = ("l", "r")


def _spec(name: str) -> Any:
    text = resources.files("tonus.core.spec").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True)
class RegionInfo:
    id: str  # the full id (sided ids carry -l / -r)
    base: str  # the id without side suffix
    side: str  # "l", "r" or "midline"
    label: str
    views: tuple[str, ...]
    group: str


@dataclass(frozen=True)
class Vocabulary:
    regions: dict[str, RegionInfo]  # full ids
    sided_region_bases: frozenset[str]
    midline_regions: frozenset[str]
    muscles: dict[str, str]  # id -> name
    muscle_groups: dict[str, str]  # id -> group
    qualities: frozenset[str]
    paresthesia_qualities: frozenset[str]
    posture_findings: dict[str, bool]  # base id -> sided
    activities: frozenset[str]
    entrapments: dict[str, dict[str, str]]
    perpetuating_factors: dict[str, str]  # id -> category
    red_flags: frozenset[str]
    professionals: frozenset[str]
    # Additions (case-format.md, "Additions"): history, movement screens, symptom severity.
    pain_behaviour: frozenset[str]
    onsets: frozenset[str]
    movement_findings: dict[str, bool]  # base id -> sided
    severity_graded: frozenset[str]  # ACR 2016 items graded 0-3
    severity_yes_no: frozenset[str]  # ACR 2016 items answered yes/no

    def region_base(self, region: str) -> str:
        return self.regions[region].base

    def sided(self, base: str, side: str) -> str:
        """The full id of a base region on one side (midline ids are returned as is)."""
        if base in self.midline_regions:
            return base
        return f"{base}-{side}"

    def posture_ids(self) -> frozenset[str]:
        out: set[str] = set()
        for base, sided in self.posture_findings.items():
            if sided:
                out.update(f"{base}-{s}" for s in SIDES)
            else:
                out.add(base)
        return frozenset(out)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    regions_doc = _spec("body-regions.yaml")
    regions: dict[str, RegionInfo] = {}
    for entry in regions_doc["sided"]:
        for side, word in (("l", "left"), ("r", "right")):
            rid = f"{entry['id']}-{side}"
            regions[rid] = RegionInfo(
                rid, entry["id"], side, f"{entry['label']} ({word})", tuple(entry["views"]),
                entry["group"],
            )
    for entry in regions_doc["midline"]:
        regions[entry["id"]] = RegionInfo(
            entry["id"], entry["id"], "midline", entry["label"], tuple(entry["views"]),
            entry["group"],
        )
    muscles_doc = _spec("muscles.yaml")
    muscles: dict[str, str] = {}
    groups: dict[str, str] = {}
    for group, entries in muscles_doc["groups"].items():
        for m in entries:
            muscles[m["id"]] = m["name"]
            groups[m["id"]] = group
    voc = _spec("vocabulary.yaml")
    factors: dict[str, str] = {}
    for category, ids in voc["screening"]["perpetuating_factors"].items():
        for fid in ids:
            factors[fid] = category
    return Vocabulary(
        regions=regions,
        sided_region_bases=frozenset(e["id"] for e in regions_doc["sided"]),
        midline_regions=frozenset(e["id"] for e in regions_doc["midline"]),
        muscles=muscles,
        muscle_groups=groups,
        qualities=frozenset(voc["symptom_qualities"]),
        paresthesia_qualities=frozenset({"numbness", "tingling", "cold", "heat"}),
        posture_findings={p["id"]: bool(p.get("sided", False)) for p in voc["posture_findings"]},
        activities=frozenset(voc["activities"]),
        entrapments={
            e["id"]: {k: str(v) for k, v in e.items() if k != "id"} for e in voc["entrapment_sites"]
        },
        perpetuating_factors=factors,
        red_flags=frozenset(voc["screening"]["red_flags"]),
        professionals=frozenset(voc["professionals"]),
        pain_behaviour=frozenset(voc["pain_behaviour"]),
        onsets=frozenset(voc["onsets"]),
        movement_findings={m["id"]: bool(m.get("sided", False))
                           for m in voc["movement_findings"]},
        severity_graded=frozenset(voc["symptom_severity"]["graded_0_to_3"]),
        severity_yes_no=frozenset(voc["symptom_severity"]["yes_no"]),
    )
