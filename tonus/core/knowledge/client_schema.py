"""Typed schemas of the knowledge behind the client's own report: outcome instruments
(``outcomes/*.yaml``), the widespread pain index (``widespread.yaml``), the five principles and
the signs of ischemia (``principles.yaml``) and the lay wording of screening questions
(``lay-wording.yaml``). Strict like ``schema.py``: unknown fields and ids fail at load.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from tonus.core.knowledge.schema import ActivityId, Sources, Strict, Text

# ---------------------------------------------------------------------------------------------
# outcome instruments


class Item(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    text: Text
    min: int
    max: int
    subscale: str | None = None


class Subscale(Strict):
    id: str
    name: Text
    min: int
    max: int


class Scoring(Strict):
    method: Literal["sum", "mean"]
    min_answered: Annotated[int, Field(ge=1)]
    decimals: Annotated[int, Field(ge=0, le=2)] = 0


class ScoreRange(Strict):
    min: float
    max: float


class Mcid(Strict):
    value: Annotated[float, Field(gt=0)] | None  # None: no published figure; no band is drawn
    note: Text
    sources: Sources


class Terms(Strict):
    """The terms of use: only instruments free for open-source software are shipped."""

    holder: Text
    use: Literal["free"]
    open_source: Literal[True]
    text: Text
    url: str | None = None


class Instrument(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    name: Text
    short: Text
    instructions: Text
    recall: Text
    labelled_items: bool = False  # the client names each item (PSFS activities)
    items: Annotated[list[Item], Field(min_length=1)]
    subscales: list[Subscale] = Field(default_factory=list)
    anchors: dict[str, Text] = Field(default_factory=dict)
    scoring: Scoring
    range: ScoreRange
    better: Literal["higher", "lower"]
    mcid: Mcid
    reassess_after_weeks: Annotated[int, Field(ge=1, le=52)]
    terms: Terms
    sources: Sources

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        ids = [i.id for i in self.items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate item ids: {dupes}")
        if self.scoring.min_answered > len(self.items):
            raise ValueError("scoring.min_answered is more than the number of items")
        known = {s.id for s in self.subscales}
        for item in self.items:
            if item.min >= item.max:
                raise ValueError(f"item {item.id!r}: min must be below max")
            if item.subscale is not None and item.subscale not in known:
                raise ValueError(f"item {item.id!r}: unknown subscale {item.subscale!r}")
        lo = sum(i.min for i in self.items) if self.scoring.method == "sum" else min(
            i.min for i in self.items)
        hi = sum(i.max for i in self.items) if self.scoring.method == "sum" else max(
            i.max for i in self.items)
        if (lo, hi) != (self.range.min, self.range.max):
            raise ValueError(f"range {self.range.min:g}-{self.range.max:g} does not match the "
                             f"items ({lo:g}-{hi:g})")
        return self


# ---------------------------------------------------------------------------------------------
# widespread pain index (ACR 2016)


class WpiArea(Strict):
    id: str
    label: Text
    region: Literal["upper", "lower"] | None = None  # sided areas: which limb region
    generalized: bool = True  # counts toward the generalized-pain rule


class WpiAreas(Strict):
    sided: list[WpiArea]
    axial: list[WpiArea]


class NotCounted(Strict):
    reason: Text
    regions: list[str]


class WpiRule(Strict):
    wpi_min: int
    wpi_max: int | None = None
    sss_min: int


class Criteria(Strict):
    wpi_sss: list[WpiRule]
    generalized_regions_min: int
    weeks_min: int


class WidespreadPlan(Strict):
    pressure_max: Annotated[int, Field(ge=1, le=5)]
    areas_per_session_max: Annotated[int, Field(ge=1)]
    session_minutes_max: Annotated[int, Field(ge=10)]
    session_note: Text
    education: list[Text]
    referral_reason: Text
    sources: Sources


class Widespread(Strict):
    areas: WpiAreas
    region_to_area: dict[str, str]
    not_counted: NotCounted
    criteria: Criteria
    sources: Sources
    plan: WidespreadPlan

    @model_validator(mode="after")
    def _every_region_once(self) -> Widespread:
        from tonus.core.ids import vocabulary

        voc = vocabulary()
        bases = set(voc.sided_region_bases) | set(voc.midline_regions)
        mapped, skipped = set(self.region_to_area), set(self.not_counted.regions)
        unknown = sorted((mapped | skipped) - bases)
        if unknown:
            raise ValueError(f"unknown body regions: {unknown}")
        both = sorted(mapped & skipped)
        if both:
            raise ValueError(f"regions both mapped and not counted: {both}")
        missing = sorted(bases - mapped - skipped)
        if missing:
            raise ValueError(f"regions neither mapped nor listed as not counted: {missing}")
        sided = {a.id for a in self.areas.sided}
        axial = {a.id for a in self.areas.axial}
        if len(sided) * 2 + len(axial) != 19:
            raise ValueError("the ACR 2016 widespread pain index has 19 areas")
        for region, area in self.region_to_area.items():
            if area not in sided | axial:
                raise ValueError(f"region {region!r}: unknown area {area!r}")
            if region in voc.midline_regions and area in sided:
                raise ValueError(f"midline region {region!r} maps to a sided area {area!r}")
        return self


# ---------------------------------------------------------------------------------------------
# the five principles, ischemia signs, lay wording

PrincipleId = Literal["postural-distortion", "biomechanical-disturbance", "ischemia",
                      "trigger-points", "nerve-compression"]


class Principle(Strict):
    id: PrincipleId
    name: Text
    meaning: Text
    examine: Text
    sources: Sources


class IschemiaSign(Strict):
    id: Literal["sustained-contraction", "taut-band", "cold-or-pale", "eased-by-movement-or-heat",
                "widespread-pattern"]
    words: Text
    activities: list[ActivityId] = Field(default_factory=list)
    eased_by: list[str] = Field(default_factory=list)
    sources: Sources


class IschemicCompression(Strict):
    why: Text
    sources: Sources


class Principles(Strict):
    principles: Annotated[list[Principle], Field(min_length=5, max_length=5)]
    ischemia_signs: list[IschemiaSign]
    ischemic_compression: IschemicCompression


class LayWording(Strict):
    questions: dict[str, Text]
    sources: Sources
