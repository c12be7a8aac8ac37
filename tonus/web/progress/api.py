"""A visit's session record over the API (translation only): the page's service and rules.

The schema checks shapes, ranges and ids so that a 422 names the exact field
(``muscles_treated.0.pressure``); progress.services.visit_session_update stays the authority.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Field, Router, Schema
from pydantic import field_validator

from tonus.core.ids import vocabulary
from tonus.core.knowledge.rom import rom_test_ids
from tonus.core.knowledge.schema import Technique
from tonus.web.accounts.tokens import TokenRequest
from tonus.web.progress.services import visit_session_update
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get

router = Router(tags=["sessions"])

Nprs = Annotated[int, Field(ge=0, le=10, description="Pain 0 (none) to 10 (worst).")]
SESSION_FIELDS = (
    "soap_subjective", "soap_objective", "soap_assessment", "soap_plan",
    "pre_nprs", "post_nprs", "rom", "muscles_treated",
)


class RomEntry(Schema):
    test: str = Field(description="Range-of-motion test id (sided tests end in -l / -r).")
    degrees: float = Field(ge=0, le=360)

    @field_validator("test")
    @classmethod
    def _known_test(cls, value: str) -> str:
        if value not in rom_test_ids():
            raise ValueError(f"unknown range-of-motion test {value!r}")
        return value


class MuscleTreated(Schema):
    muscle: str = Field(description="Muscle id.")
    side: Literal["l", "r", "midline"]
    technique: Technique
    pressure: int = Field(ge=1, le=5, description="1 very light ... 5 deep.")

    @field_validator("muscle")
    @classmethod
    def _known_muscle(cls, value: str) -> str:
        if value not in vocabulary().muscles:
            raise ValueError(f"unknown muscle {value!r}")
        return value


class SessionIn(Schema):
    """Every field of the session record: a PUT replaces them all (one left out is emptied)."""

    soap_subjective: str = Field("", max_length=20_000)
    soap_objective: str = Field("", max_length=20_000)
    soap_assessment: str = Field("", max_length=20_000)
    soap_plan: str = Field("", max_length=20_000)
    pre_nprs: dict[str, Nprs] = Field(
        default_factory=dict, description="Region id -> pain before treatment (0-10)."
    )
    post_nprs: dict[str, Nprs] = Field(
        default_factory=dict, description="Region id -> pain after treatment (0-10)."
    )
    rom: list[RomEntry] = Field(default_factory=list)
    muscles_treated: list[MuscleTreated] = Field(default_factory=list)

    @field_validator("pre_nprs", "post_nprs")
    @classmethod
    def _known_regions(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(vocabulary().regions))
        if unknown:
            raise ValueError(f"unknown region ids: {', '.join(unknown)}")
        return value


class RomOut(Schema):
    test: str
    degrees: float


class MuscleTreatedOut(Schema):
    muscle: str
    side: str = "midline"
    technique: str = ""
    pressure: int | None = None


class SessionOut(Schema):
    soap_subjective: str
    soap_objective: str
    soap_assessment: str
    soap_plan: str
    pre_nprs: dict[str, float]
    post_nprs: dict[str, float]
    rom: list[RomOut]
    muscles_treated: list[MuscleTreatedOut]


def _session(visit: Visit) -> dict[str, Any]:
    return {name: getattr(visit, name) for name in SESSION_FIELDS}


@router.get(
    "/visits/{visit_id}/session", response=SessionOut, summary="Get a visit's session record",
    description="SOAP notes, pain (NPRS 0-10) before and after treatment, range of motion and "
    "the muscles treated.",
)
def session_get(request: TokenRequest, visit_id: int) -> dict[str, Any]:
    return _session(visit_get(user=request.auth, visit_id=visit_id))


@router.put(
    "/visits/{visit_id}/session", response=SessionOut,
    summary="Replace a visit's session record",
    description="Replaces every session field (needs `visit.edit`). NPRS: whole numbers 0-10 "
    "for known regions; pressure 1-5; muscles, techniques and range-of-motion tests must be "
    "known ids. Nothing is saved when any part is wrong.",
)
def session_put(request: TokenRequest, visit_id: int, payload: SessionIn) -> dict[str, Any]:
    visit = visit_get(user=request.auth, visit_id=visit_id)
    visit = visit_session_update(by=request.auth, visit=visit, **payload.model_dump())
    return _session(visit)
