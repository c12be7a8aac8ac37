"""The PDFs handed to people outside the therapy room: the client's home-care handout and
referral letters. Each export is audited; the visit comes from ``visit_get`` (scoped, 404
across clinics). Where a handout or letter can show the therapist's edited plan, it does."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404
from django.utils.text import slugify

from tonus.reports.pdf import home_care_pdf
from tonus.reports.referral_letter import referral_letter_pdf
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.outcomes.selectors import outcomes_for_documents
from tonus.web.plans.models import TreatmentPlan
from tonus.web.posture.documents import posture_for_documents
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_list


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def plan_as_report_section(plan: TreatmentPlan, seed: dict[str, Any]) -> dict[str, Any]:
    """The edited plan in the shape of a report's ``treatment_plan`` (for the documents)."""
    muscles = [{
        "priority": i, "muscle": m["muscle"], "name": m.get("name"), "side": m["side"],
        "role": m.get("role", ""), "why": m.get("why", ""), "stretch": m.get("stretch", ""),
        "techniques": [{"technique": m["technique"], "pressure": m["pressure"],
                        "how": m.get("how", "")}],
    } for i, m in enumerate(plan.muscles, 1)]
    return {**seed, "muscles": muscles, "home_care": list(plan.home_care),
            "education": list(plan.education)}


def _report_for(visit: Visit) -> dict[str, Any]:
    """The visit's report, with the client's edited plan when that plan was seeded from it."""
    report = dict(visit.report or {})
    plan = TreatmentPlan.objects.filter(client_id=visit.client_id,
                                        source_visit_id=visit.pk).first()
    if plan is not None:
        report["treatment_plan"] = plan_as_report_section(
            plan, report.get("treatment_plan") or {})
    return report


def _export(by: AnyUser, visit: Visit, what: str, summary: str) -> None:
    membership = membership_require(user=by, permission=Permission.VISIT_VIEW)
    if visit.clinic_id != membership.clinic_id:
        raise Http404("No such visit.")
    record(user=by, action=Action.EXPORT, object_type=what, object_id=visit.pk,
           clinic_id=membership.clinic_id, client_id=visit.client_id, summary=summary)


def handout_export(*, by: AbstractBaseUser, visit: Visit) -> tuple[bytes, str]:
    """The home-care handout PDF and its file name."""
    _export(by, visit, "home-care-handout", "Exported the home-care handout (PDF)")
    pdf = home_care_pdf(
        client_name=visit.client.full_name, clinic_name=visit.clinic.name,
        therapist_name=_person(visit.therapist), date=f"{visit.visit_date:%-d %B %Y}",
        report=_report_for(visit), case=visit.case, posture=posture_for_documents(visit),
    )
    return pdf, f"home-care-{slugify(visit.client.full_name)}-{visit.visit_date}.pdf"


def _visits_until(by: AbstractBaseUser, visit: Visit) -> list[Visit]:
    """The client's visits up to this one, oldest first (one audited read for a letter)."""
    return [v for v in reversed(visit_list(user=by, client_id=visit.client_id))
            if v.visit_date <= visit.visit_date]


def _progress(visits: list[Visit]) -> list[dict[str, Any]]:
    return [{"date": v.visit_date, "pre_nprs": v.pre_nprs, "post_nprs": v.post_nprs}
            for v in visits if v.pre_nprs]


def _sessions(visits: list[Visit]) -> list[dict[str, Any]]:
    """The treatment sessions recorded (muscles treated), oldest first."""
    return [{"date": v.visit_date, "muscles_treated": list(v.muscles_treated)}
            for v in visits if v.muscles_treated]


def clinic_letterhead(visit: Visit) -> dict[str, str]:
    clinic = visit.clinic
    return {"name": clinic.name, "address": clinic.address, "phone": clinic.phone,
            "email": clinic.email}


def referral_letter_export(*, by: AbstractBaseUser, visit: Visit, source: str,
                           index: int) -> tuple[bytes, str]:
    """A referral letter and its file name; Http404 if there is no such item.

    ``source="referral"``: ONE letter to the professional of the report's referral ``index``,
    with every referral of the report to that professional (each factor and question).
    ``source="red-flag"``: the letter for that red flag alone (urgent, never merged)."""
    report = _report_for(visit)
    items = report.get("referrals" if source == "referral" else "red_flags", [])
    if not 0 <= index < len(items):
        raise Http404("No such referral.")
    item = items[index]
    if source == "red-flag":
        referrals = [{"to": item.get("to", ""), "factor": item.get("id", ""),
                      "reason": item.get("reason", ""), "priority": "recommended"}]
    else:
        referrals = [dict(r) for r in items if r.get("to") == item.get("to")]
    to = str(referrals[0]["to"])
    factors = ", ".join(str(r.get("factor", "")) for r in referrals)
    _export(by, visit, "referral-letter", f"Exported a referral letter to {to} ({factors})")
    client = visit.client
    visits = _visits_until(by, visit)
    pdf = referral_letter_pdf(
        referrals=referrals,
        client={"name": client.full_name,
                "date_of_birth": f"{client.date_of_birth:%-d %B %Y}"
                if client.date_of_birth else ""},
        clinic=clinic_letterhead(visit), therapist_name=_person(visit.therapist),
        date=f"{visit.visit_date:%-d %B %Y}", report=report, case=visit.case,
        progress=_progress(visits), sessions=_sessions(visits),
        posture=posture_for_documents(visit) if source == "referral" else None,
        outcomes=outcomes_for_documents(user=by, client_id=visit.client_id,
                                        until=visit.visit_date),
    )
    name = f"referral-{slugify(to)}-{slugify(client.full_name)}.pdf"
    return pdf, name
