"""Time series of a client's visits: pain per region and overall, range of motion, measures.

A visit records the pre- and post-treatment pain (NPRS 0–10 per region), range-of-motion tests
in degrees and posture measures. :func:`build_trends` orders the visits by date and returns one
series per region, per ROM test and per measure, each with its change from the baseline (the
first visit in which it was recorded).

**Overall pain** is the *mean* of the primary regions' NPRS at each visit (the regions the
client named as the main complaint). The mean is used rather than the maximum because it moves
when any primary region improves and is less driven by one region flaring; the maximum is given
alongside as ``overall_max`` for a conservative reading. When no primary regions are given, the
regions recorded at the first visit stand in for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RomEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    test: str
    degrees: float = Field(ge=0, le=360)


class MeasureEntry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    value: float


class Visit(BaseModel):
    """One treatment visit. ``pre_nprs`` / ``post_nprs`` map region ids to 0–10."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    date: dt.date
    pre_nprs: dict[str, float] = Field(default_factory=dict)
    post_nprs: dict[str, float] = Field(default_factory=dict)
    rom: list[RomEntry] = Field(default_factory=list)
    measures: list[MeasureEntry] = Field(default_factory=list)

    def model_post_init(self, __context: Any) -> None:
        for field_name in ("pre_nprs", "post_nprs"):
            for region, value in getattr(self, field_name).items():
                if not 0 <= value <= 10:
                    raise ValueError(
                        f"{field_name}[{region!r}] must be an NPRS from 0 to 10, got {value!r}"
                    )


class Point(BaseModel):
    model_config = ConfigDict(frozen=True)
    date: dt.date
    value: float


class Series(BaseModel):
    """Values over time with the change from the first (baseline) value."""

    model_config = ConfigDict(frozen=True)
    points: list[Point] = Field(default_factory=list)

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    @property
    def baseline(self) -> float | None:
        return self.points[0].value if self.points else None

    @property
    def latest(self) -> float | None:
        return self.points[-1].value if self.points else None

    @property
    def change(self) -> float | None:
        """Latest minus baseline (negative = less pain / smaller angle)."""
        if not self.points:
            return None
        return round(self.points[-1].value - self.points[0].value, 3)

    @property
    def change_pct(self) -> float | None:
        """Change as a percentage of the baseline (None when the baseline is 0)."""
        if not self.points or self.points[0].value == 0:
            return None
        return round(100.0 * (self.points[-1].value - self.points[0].value)
                     / self.points[0].value, 1)


class Trends(BaseModel):
    model_config = ConfigDict(frozen=True)
    primary: list[str]
    pre_regions: dict[str, Series]
    post_regions: dict[str, Series]
    overall: Series  # mean of the primary regions' pre-treatment NPRS
    overall_max: Series  # max of the primary regions' pre-treatment NPRS
    post_overall: Series  # mean of the primary regions' post-treatment NPRS
    rom: dict[str, Series]
    measures: dict[str, Series]

    def summary(self) -> dict[str, Any]:
        """A JSON-friendly summary: baseline, latest and change of every series."""

        def one(s: Series) -> dict[str, Any]:
            return {"baseline": s.baseline, "latest": s.latest, "change": s.change,
                    "change_pct": s.change_pct, "n": len(s.points)}

        return {
            "primary": self.primary,
            "overall": one(self.overall),
            "regions": {k: one(v) for k, v in self.pre_regions.items()},
            "rom": {k: one(v) for k, v in self.rom.items()},
            "measures": {k: one(v) for k, v in self.measures.items()},
        }


def as_visits(visits: Iterable[Visit | Mapping[str, Any]]) -> list[Visit]:
    """Validate and order visits by date (a stable sort keeps same-day visits in order)."""
    out = [v if isinstance(v, Visit) else Visit.model_validate(dict(v)) for v in visits]
    return sorted(out, key=lambda v: v.date)


def primary_regions(visits: Sequence[Visit], primary: Iterable[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(primary or ()))
    if chosen:
        return chosen
    for v in visits:
        if v.pre_nprs:
            return list(v.pre_nprs)
    return []


def _aggregate(visits: Sequence[Visit], regions: Sequence[str], attr: str,
               how: str) -> Series:
    points = []
    for v in visits:
        nprs: dict[str, float] = getattr(v, attr)
        vals = [nprs[r] for r in regions if r in nprs]
        if not vals:
            continue
        value = sum(vals) / len(vals) if how == "mean" else max(vals)
        points.append(Point(date=v.date, value=round(value, 2)))
    return Series(points=points)


def build_trends(visits: Iterable[Visit | Mapping[str, Any]],
                 primary: Iterable[str] | None = None) -> Trends:
    """Series per region (pre and post), overall, per ROM test and per measure."""
    ordered = as_visits(visits)
    prim = primary_regions(ordered, primary)
    pre: dict[str, list[Point]] = {}
    post: dict[str, list[Point]] = {}
    rom: dict[str, list[Point]] = {}
    measures: dict[str, list[Point]] = {}
    for v in ordered:
        for region, value in v.pre_nprs.items():
            pre.setdefault(region, []).append(Point(date=v.date, value=value))
        for region, value in v.post_nprs.items():
            post.setdefault(region, []).append(Point(date=v.date, value=value))
        for r in v.rom:
            rom.setdefault(r.test, []).append(Point(date=v.date, value=r.degrees))
        for m in v.measures:
            measures.setdefault(m.id, []).append(Point(date=v.date, value=m.value))
    return Trends(
        primary=prim,
        pre_regions={k: Series(points=p) for k, p in pre.items()},
        post_regions={k: Series(points=p) for k, p in post.items()},
        overall=_aggregate(ordered, prim, "pre_nprs", "mean"),
        overall_max=_aggregate(ordered, prim, "pre_nprs", "max"),
        post_overall=_aggregate(ordered, prim, "post_nprs", "mean"),
        rom={k: Series(points=p) for k, p in rom.items()},
        measures={k: Series(points=p) for k, p in measures.items()},
    )
