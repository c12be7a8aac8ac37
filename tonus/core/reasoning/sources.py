"""Candidate sources of pain, compiled once from the knowledge base.

A source is one thing that can produce symptoms in body regions: a trigger point of a muscle on
one side, a nerve entrapment site on one side, or a spinal nerve root on one side. Each carries
the probability that it produces symptoms in each region it reaches (its noisy-OR link
strengths): the essential zone of a trigger point is strong, the spillover zone weaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import KnowledgeBase

SourceKind = Literal["trigger-point", "entrapment", "radicular"]

# Link strengths: how often the source produces symptoms in a region of each kind of zone.
P_ESSENTIAL = 0.8
P_SPILLOVER = 0.4
P_CONTRALATERAL = 0.35
P_LOCAL = 0.3  # tenderness over the muscle itself, where the chart shows no zone there
P_NERVE_TERRITORY = 0.75
P_NERVE_PAIN = 0.45
P_DERMATOME = 0.65
P_SPINAL_PAIN = 0.5

BASE_PRIOR: dict[str, float] = {"trigger-point": 1.0, "entrapment": 0.6, "radicular": 0.5}


@dataclass(frozen=True)
class Source:
    key: str
    kind: SourceKind
    ident: str  # muscle, entrapment or root id
    side: str  # "l", "r" or "midline"
    trigger_point: str | None
    zones: dict[str, float]  # full region id -> link strength
    essential: frozenset[str]
    qualities: frozenset[str]

    @property
    def group_key(self) -> str:
        """Trigger points of one muscle on one side compete as one hypothesis."""
        return f"{self.kind}:{self.ident}:{self.side}"


@dataclass(frozen=True)
class SourceIndex:
    sources: tuple[Source, ...]
    by_region: dict[str, tuple[tuple[Source, float], ...]]
    by_group: dict[str, tuple[Source, ...]]


def _sided(bases: list[str], side: str) -> list[str]:
    voc = vocabulary()
    if side == "midline":
        out: list[str] = []
        for b in bases:
            out.extend([b] if b in voc.midline_regions else [f"{b}-l", f"{b}-r"])
        return out
    return [voc.sided(b, side) for b in bases]


def _other(side: str) -> str:
    return {"l": "r", "r": "l"}.get(side, side)


def _put(zones: dict[str, float], regions: list[str], p: float) -> None:
    for r in regions:
        zones[r] = max(zones.get(r, 0.0), p)


def compile_sources(kb: KnowledgeBase) -> SourceIndex:
    sources: list[Source] = []
    for muscle in kb.muscles.values():
        sides = ["midline"] if muscle.laterality == "midline" else ["l", "r"]
        for side in sides:
            for tp in muscle.trigger_points:
                zones: dict[str, float] = {}
                _put(zones, _sided([tp.location.region], side), P_LOCAL)
                _put(zones, _sided(tp.referral.contralateral, _other(side)), P_CONTRALATERAL)
                _put(zones, _sided(tp.referral.spillover, side), P_SPILLOVER)
                essential = _sided(tp.referral.essential, side)
                _put(zones, essential, P_ESSENTIAL)
                sources.append(Source(
                    key=f"tp:{muscle.id}:{tp.id}:{side}", kind="trigger-point", ident=muscle.id,
                    side=side, trigger_point=tp.id, zones=zones, essential=frozenset(essential),
                    qualities=frozenset(tp.qualities),
                ))
    for ent in kb.entrapments.values():
        for side in ("l", "r"):
            zones = {}
            _put(zones, _sided(ent.pain_regions, side), P_NERVE_PAIN)
            territory = _sided(ent.symptom_regions, side)
            _put(zones, territory, P_NERVE_TERRITORY)
            sources.append(Source(
                key=f"ent:{ent.id}:{side}", kind="entrapment", ident=ent.id, side=side,
                trigger_point=None, zones=zones, essential=frozenset(territory),
                qualities=frozenset(ent.qualities),
            ))
    for root in kb.nerve_roots.values():
        for side in ("l", "r"):
            zones = {}
            _put(zones, _sided(root.pain_regions, side), P_SPINAL_PAIN)
            dermatome = _sided(root.dermatome, side)
            _put(zones, dermatome, P_DERMATOME)
            sources.append(Source(
                key=f"root:{root.id}:{side}", kind="radicular", ident=root.id, side=side,
                trigger_point=None, zones=zones, essential=frozenset(dermatome),
                qualities=frozenset({"numbness", "tingling", "burning", "sharp", "aching",
                                     "weakness", "stabbing"}),
            ))
    by_region: dict[str, list[tuple[Source, float]]] = {}
    by_group: dict[str, list[Source]] = {}
    for s in sources:
        by_group.setdefault(s.group_key, []).append(s)
        for region, p in s.zones.items():
            by_region.setdefault(region, []).append((s, p))
    return SourceIndex(
        sources=tuple(sources),
        by_region={k: tuple(v) for k, v in by_region.items()},
        by_group={k: tuple(v) for k, v in by_group.items()},
    )


_CACHE: dict[str, SourceIndex] = {}


def source_index(kb: KnowledgeBase) -> SourceIndex:
    """The compiled sources of a knowledge base (cached by its content fingerprint)."""
    key = kb.fingerprint or str(id(kb))
    if key not in _CACHE:
        _CACHE[key] = compile_sources(kb)
    return _CACHE[key]
