"""Range-of-motion tests (``data/rom-tests.yaml``): ids, normal values, restricting muscles."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tonus.core.knowledge.loader import DATA_DIR
from tonus.core.knowledge.schema import Citation, MuscleId

RESTRICTED_FRACTION = 0.8  # below 80 % of the normal range counts as restricted


class Restrictor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    muscle: MuscleId
    side: Literal["same", "opposite", "both"] = "same"


class RomTest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    sided: bool = False
    normal: float = Field(gt=0)
    restricted_by: list[Restrictor] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)


class _RomFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tests: list[RomTest]


@lru_cache(maxsize=1)
def rom_tests() -> dict[str, RomTest]:
    text = (DATA_DIR / "rom-tests.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = _RomFile.model_validate(yaml.load(text, Loader=loader))
    return {t.id: t for t in parsed.tests}


@lru_cache(maxsize=1)
def rom_test_ids() -> set[str]:
    out: set[str] = set()
    for t in rom_tests().values():
        out.update((f"{t.id}-l", f"{t.id}-r") if t.sided else (t.id,))
    return out


def test_of(test_id: str) -> tuple[RomTest, str | None]:
    tests = rom_tests()
    if test_id in tests:
        return tests[test_id], None
    base, _, side = test_id.rpartition("-")
    return tests[base], side
