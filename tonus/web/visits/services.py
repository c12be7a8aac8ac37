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
    # how long the pain has lasted (the ACR 2016 criteria ask for 3 months), from the history
    history = case.get("history")
    weeks = history.get("weeks") if isinstance(history, dict) else None
    if not isinstance(weeks, int | float) or isinstance(weeks, bool) or weeks < 0:
        weeks = None
    return assess_case(parsed, weeks=weeks)


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


def _editable(by: AbstractBaseUser, visit: Visit) -> int:
    """The writer's clinic id, after checking they may edit this visit (404 across clinics)."""
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if visit.clinic_id != membership.clinic_id:
        raise Http404("No such visit.")
    return membership.clinic_id


@transaction.atomic
def visit_case_update(
    *, by: AbstractBaseUser, visit: Visit, case: dict[str, Any],
    summary: str = "Changed the consultation drawing",
) -> Visit:
    """Replace the visit's case and store the report assess() makes of it."""
    clinic_id = _editable(by, visit)
    visit.report = case_assess(case)
    visit.case = case
    visit.full_clean()
    visit.save()
    record(
        user=by, action=Action.UPDATE, object_type="visit", object_id=visit.pk,
        clinic_id=clinic_id, client_id=visit.client_id, summary=summary,
    )
    return visit


# The case lists a finding may be recorded in, from the assessment page.
FINDING_KINDS = ("palpation", "rom", "posture", "tests", "neuro")


def _same_finding(kind: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two findings record the same thing (the newer one then replaces the older)."""
    keys = {"palpation": ("muscle", "side"), "rom": ("test",), "tests": ("test", "side")}.get(kind)
    if keys is None:  # neuro: the same myotome, reflex or region on the same side
        keys = ("kind", "root", "reflex", "region", "side")
    return all(a.get(k) == b.get(k) for k in keys)


def visit_finding_add(
    *, by: AbstractBaseUser, visit: Visit, kind: str, finding: dict[str, Any] | str
) -> Visit:
    """Add a palpation / range-of-motion finding (an object) or a posture finding (an id)."""
    if kind not in FINDING_KINDS:
        raise ValueError(f"Unknown kind of finding: {kind}")
    case = dict(visit.case)
    items = list(case.get(kind, []))
    if kind == "posture":
        if finding not in items:
            items.append(finding)
    else:
        assert isinstance(finding, dict)
        # a second finding for the same muscle and side (test, myotome...) replaces the first
        items = [i for i in items if not _same_finding(kind, i, finding)]
        items.append(finding)
    case[kind] = items
    return visit_case_update(by=by, visit=visit, case=case,
                             summary=f"Recorded {kind} finding: {_finding_words(finding)}")


def visit_finding_remove(*, by: AbstractBaseUser, visit: Visit, kind: str, index: int) -> Visit:
    if kind not in FINDING_KINDS:
        raise ValueError(f"Unknown kind of finding: {kind}")
    case = dict(visit.case)
    items = list(case.get(kind, []))
    if not 0 <= index < len(items):
        raise ValidationError({kind: "That finding is no longer recorded."})
    removed = items.pop(index)
    case[kind] = items
    return visit_case_update(by=by, visit=visit, case=case,
                             summary=f"Removed {kind} finding: {_finding_words(removed)}")


def _finding_words(finding: dict[str, Any] | str) -> str:
    if isinstance(finding, str):
        return finding
    return " ".join(str(v) for v in finding.values())[:120]
