"""Movement screens and compensations (``data/movement.yaml``): which muscles each compensation
points to, as overactive (short) or underactive (long), with sources.

Validated at load: every finding id comes from the vocabulary's ``movement_findings`` and each
has exactly one entry, every muscle id exists, every citation names a reference in sources.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from tonus.core.ids import vocabulary
from tonus.core.knowledge.loader import DATA_DIR
from tonus.core.knowledge.schema import Citation, MuscleSide, Text

ScreenId = Literal["overhead-squat", "single-leg-squat", "arm-raise"]
ViewName = Literal["front", "side"]


def _finding(v: str) -> str:
    if v not in vocabulary().movement_findings:
        raise ValueError(f"unknown movement finding {v!r} (see vocabulary.yaml movement_findings)")
    return v


FindingId = Annotated[str, AfterValidator(_finding)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Screen(_Strict):
    id: ScreenId
    name: Text
    views: list[ViewName] = Field(min_length=1)
    signal: Literal["squat", "arm"]
    note: Text


class Compensation(_Strict):
    finding: FindingId
    meaning: Text
    screens: list[ScreenId] = Field(min_length=1)
    overactive: list[MuscleSide] = Field(min_length=1)
    underactive: list[MuscleSide] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)


class MovementKnowledge(_Strict):
    screens: list[Screen]
    compensations: list[Compensation]

    @model_validator(mode="after")
    def _complete(self) -> MovementKnowledge:
        ids = [c.finding for c in self.compensations]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"compensation listed twice: {', '.join(dupes)}")
        missing = sorted(set(vocabulary().movement_findings) - set(ids))
        if missing:
            raise ValueError(f"no entry for movement finding(s): {', '.join(missing)}")
        return self


def load_movement(path: Path | None = None) -> MovementKnowledge:
    """Read and validate the file; raise ValueError naming the problem (and unknown sources)."""
    path = path or DATA_DIR / "movement.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = MovementKnowledge.model_validate(yaml.load(path.read_text("utf-8"), Loader=loader))
    bib = yaml.load((DATA_DIR / "sources.yaml").read_text("utf-8"), Loader=loader)
    known = {r["id"] for r in bib["references"]}
    unknown = sorted({c.ref for comp in parsed.compensations for c in comp.sources} - known)
    if unknown:
        raise ValueError(f"{path.name}: unknown source(s) {', '.join(unknown)} "
                         "(add them to sources.yaml)")
    return parsed


@lru_cache(maxsize=1)
def movement_knowledge() -> MovementKnowledge:
    return load_movement()


def compensation(finding: str) -> Compensation:
    return next(c for c in movement_knowledge().compensations if c.finding == finding)


def screen(screen_id: str) -> Screen:
    return next(s for s in movement_knowledge().screens if s.id == screen_id)


