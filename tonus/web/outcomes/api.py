"""Questionnaires over the API (translation only): the instruments (as data, with their terms
of use), a visit's questionnaires, recording one (scored by the core), and a client's scores over
time against the MCID. Same selectors and services as the pages: clinic scope, roles, audit."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema, Status

from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.accounts.tokens import TokenRequest
from tonus.web.outcomes.models import QuestionnaireResponse
from tonus.web.outcomes.selectors import (
    client_questionnaires,
    series,
    series_dicts,
    visit_questionnaires,
)
from tonus.web.outcomes.services import questionnaire_record
from tonus.web.visits.selectors import visit_get

router = Router(tags=["questionnaires"])


class ItemOut(Schema):
    id: str
    text: str
    min: int
    max: int
    subscale: str | None = None


class InstrumentOut(Schema):
    id: str
    name: str
    short: str
    instructions: str
    items: list[ItemOut]
    range_min: float
    range_max: float
    better: str
    mcid: float | None
    mcid_note: str
    reassess_after_weeks: int
    terms: str


class QuestionnaireIn(Schema):
    instrument: str = Field(description="Instrument id (see GET /questionnaires/instruments).")
    answers: dict[str, int] = Field(description="Item id -> answer in the item's range.")
    labels: dict[str, str] = Field(default_factory=dict,
                                   description="Item id -> the client's words (PSFS activity).")


class QuestionnaireOut(Schema):
    id: int
    visit_id: int
    visit_date: str
    instrument: str
    answers: dict[str, float]
    labels: dict[str, str]
    total: float
    subscales: dict[str, float]
    scorer: str
    source: str


class SeriesOut(Schema):
    instrument: str
    name: str
    short: str
    better: str
    mcid: float | None
    points: list[dict[str, Any]]
    change: str | None
    meaningful: bool | None
    reassessment_due: bool


def _out(r: QuestionnaireResponse) -> dict[str, Any]:
    return {"id": r.pk, "visit_id": r.visit_id, "visit_date": r.visit.visit_date.isoformat(),
            "instrument": r.instrument, "answers": r.answers, "labels": r.labels,
            "total": r.total, "subscales": r.subscales, "scorer": r.scorer, "source": r.source}


@router.get("/questionnaires/instruments", response=list[InstrumentOut],
            summary="The outcome questionnaires Tonus ships",
            description="Items, scoring range, direction, MCID with its source note, the "
            "reassessment interval and the terms of use of each instrument.")
def instruments(request: TokenRequest) -> list[dict[str, Any]]:
    membership_require(user=request.auth, permission=Permission.CLIENT_VIEW)
    return [{"id": i.id, "name": i.name, "short": i.short, "instructions": i.instructions,
             "items": [it.model_dump() for it in i.items], "range_min": i.range.min,
             "range_max": i.range.max, "better": i.better, "mcid": i.mcid.value,
             "mcid_note": i.mcid.note, "reassess_after_weeks": i.reassess_after_weeks,
             "terms": i.terms.text} for i in client_knowledge().instruments.values()]


@router.get("/visits/{visit_id}/questionnaires", response=list[QuestionnaireOut],
            summary="A visit's questionnaires and scores",
            description="The raw answers, the client's labels and the core's score.")
def visit_list(request: TokenRequest, visit_id: int) -> list[dict[str, Any]]:
    visit = visit_get(user=request.auth, visit_id=visit_id)
    return [_out(r) for r in visit_questionnaires(visit)]


@router.post("/visits/{visit_id}/questionnaires", response={201: QuestionnaireOut},
             summary="Record a questionnaire at a visit",
             description="Scored by the core; an item out of range or missing is named (422) "
             "and nothing is saved. A second one for the same instrument replaces the first. "
             "Needs `visit.edit`.")
def visit_add(request: TokenRequest, visit_id: int,
              payload: QuestionnaireIn) -> Status[dict[str, Any]]:
    visit = visit_get(user=request.auth, visit_id=visit_id)
    membership = membership_require(user=request.auth, permission=Permission.VISIT_EDIT)
    if visit.clinic_id != membership.clinic_id:
        raise Http404("No such visit.")
    r = questionnaire_record(by=request.auth, visit=visit, instrument=payload.instrument,
                             answers=dict(payload.answers), labels=payload.labels)
    return Status(201, _out(r))


@router.get("/clients/{client_id}/questionnaires", response=list[SeriesOut],
            summary="A client's questionnaire scores over time",
            description="Per instrument: the totals by visit date, the change since the first "
            "against the MCID, and whether a reassessment is due.")
def client_series(request: TokenRequest, client_id: int) -> list[dict[str, Any]]:
    return series_dicts(series(client_questionnaires(user=request.auth, client_id=client_id)))
