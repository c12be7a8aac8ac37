"""Every write to a visit: atomic, validated, audited; the report always comes from assess()."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tonus.core.assess import assess_case
from tonus.core.case import parse_case
from tonus.core.errors import TonusError
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit


def case_assess(case: dict[str, Any]) -> dict[str, Any]:
    """The tonus.report/1 for a case; ValidationError on the ``case`` field if it is invalid."""
    try:
        parsed = parse_case(case)
    except TonusError as error:
        raise ValidationError({"case": str(error)}) from error
    return assess_case(parsed)


@transaction.atomic
def visit_create(
    *,
    by: AbstractBaseUser,
    client: Client,
    visit_date: datetime.date,
    case: dict[str, Any],
    soap_subjective: str = "",
    soap_objective: str = "",
    soap_assessment: str = "",
    soap_plan: str = "",
    pre_nprs: dict[str, float] | None = None,
    post_nprs: dict[str, float] | None = None,
    rom: list[dict[str, Any]] | None = None,
    muscles_treated: list[dict[str, Any]] | None = None,
) -> Visit:
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if client.clinic_id != membership.clinic_id:
        raise Http404("No such client.")
    report = case_assess(case)
    visit = Visit(
        clinic_id=membership.clinic_id, client=client, therapist_id=by.pk,
        visit_date=visit_date, case=case, report=report,
        soap_subjective=soap_subjective, soap_objective=soap_objective,
        soap_assessment=soap_assessment, soap_plan=soap_plan,
        pre_nprs=pre_nprs or {}, post_nprs=post_nprs or {},
        rom=rom or [], muscles_treated=muscles_treated or [],
    )
    visit.full_clean()
    visit.save()
    record(
        user=by, action=Action.CREATE, object_type="visit", object_id=visit.pk,
        clinic_id=membership.clinic_id, client_id=client.pk,
        summary=f"Recorded visit of {visit_date:%Y-%m-%d}",
    )
    return visit
