"""Visits, cases, assessments and session records over the API (translation only)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import Http404
from ninja import Body, Field, Router, Schema, Status

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.accounts.tokens import TokenRequest
from tonus.web.clients.selectors import client_get
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get, visit_list
from tonus.web.visits.services import case_assess, visit_case_update, visit_create

router = Router()

CASE_BODY = "A consultation as a `tonus.case/1` object (see docs/case-format.md)."
Case = Annotated[dict[str, Any], Body(description=CASE_BODY)]
Report = dict[str, Any]


class VisitOut(Schema):
    id: int
    client_id: int
    therapist: str = Field(description="Username of the therapist who recorded the visit.")
    visit_date: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_therapist(visit: Visit) -> str:
        return visit.therapist.get_username()


class VisitCreate(Schema):
    visit_date: datetime.date
    case: dict[str, Any] = Field(description=CASE_BODY)


def _report(visit: Visit) -> Report:
    if visit.report is None:
        raise Http404("This visit has not been assessed.")
    report: Report = visit.report
    return report


@router.get(
    "/clients/{client_id}/visits", response=list[VisitOut], tags=["visits"],
    summary="List a client's visits", description="Newest first.",
)
def visits_list(request: TokenRequest, client_id: int) -> list[Visit]:
    client = client_get(user=request.auth, client_id=client_id)  # 404 for another clinic
    return visit_list(user=request.auth, client_id=client.pk)


@router.post(
    "/clients/{client_id}/visits", response={201: VisitOut}, tags=["visits"],
    summary="Record a visit with its case",
    description="Validates the case, assesses it and stores both (needs `visit.edit`). "
    "An invalid case is a 422 with one problem per item, each naming its field.",
)
def visits_create(
    request: TokenRequest, client_id: int, payload: VisitCreate
) -> Status[Visit]:
    client = client_get(user=request.auth, client_id=client_id)
    visit = visit_create(
        by=request.auth, client=client, visit_date=payload.visit_date, case=payload.case
    )
    return Status(201, visit)


@router.get(
    "/visits/{visit_id}", response=VisitOut, tags=["visits"], summary="Get a visit",
    description="One visit of your clinic; 404 for any other id.",
)
def visits_get(request: TokenRequest, visit_id: int) -> Visit:
    return visit_get(user=request.auth, visit_id=visit_id)


@router.get(
    "/visits/{visit_id}/case", response=dict[str, Any], tags=["cases"],
    summary="Get a visit's case", description="The consultation as stored: `tonus.case/1`.",
)
def case_get(request: TokenRequest, visit_id: int) -> dict[str, Any]:
    case: dict[str, Any] = visit_get(user=request.auth, visit_id=visit_id).case
    return case


@router.put(
    "/visits/{visit_id}/case", response=Report, tags=["cases"],
    summary="Replace a visit's case and re-assess",
    description="Validates the new `tonus.case/1`, stores it with its new assessment and "
    "returns the `tonus.report/1`. An invalid case is a 422 with one problem per item.",
)
def case_put(request: TokenRequest, visit_id: int, case: Case) -> Report:
    visit = visit_get(user=request.auth, visit_id=visit_id)
    return _report(visit_case_update(by=request.auth, visit=visit, case=case))


@router.get(
    "/visits/{visit_id}/report", response=Report, tags=["assessments"],
    summary="Get a visit's assessment",
    description="The `tonus.report/1` made from the visit's case: red flags, ranked "
    "hypotheses, examination and treatment plans, referrals.",
)
def report_get(request: TokenRequest, visit_id: int) -> Report:
    return _report(visit_get(user=request.auth, visit_id=visit_id))


@router.post(
    "/assess", response=Report, tags=["assessments"], summary="Assess a case (nothing stored)",
    description="Assesses an ad-hoc `tonus.case/1` and returns the `tonus.report/1`. Nothing "
    "is stored and no client record is involved; a token is still required.",
)
def assess(request: TokenRequest, case: Case) -> Report:
    membership_require(user=request.auth, permission=Permission.VISIT_VIEW)
    return case_assess(case)
