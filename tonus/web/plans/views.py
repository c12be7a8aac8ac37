"""Treatment-plan pages and the PDFs: translation only (parse, call a selector or service,
render)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tonus.web.clients.selectors import client_get
from tonus.web.labels import id_label
from tonus.web.plans import services
from tonus.web.plans.documents import handout_export, referral_letter_export
from tonus.web.plans.forms import LinesForm, MuscleAddForm, MuscleUpdateForm
from tonus.web.plans.models import TreatmentPlan
from tonus.web.plans.selectors import plan_get
from tonus.web.visits.forms import muscle_choices
from tonus.web.visits.presenters import readable, red_flags_view, referral_groups
from tonus.web.visits.selectors import visit_get, visit_list


def _plan_or_404(request: HttpRequest, client_id: int) -> TreatmentPlan:
    client = client_get(user=request.user, client_id=client_id)
    plan = plan_get(user=request.user, client=client)
    if plan is None:
        raise Http404("This client has no treatment plan yet.")
    return plan


def _back(plan: TreatmentPlan, anchor: str = "") -> HttpResponse:
    response = redirect("plans:plan-detail", client_id=plan.client_id)
    response["Location"] += anchor
    return response


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@require_GET
def plan_detail_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    plan = plan_get(user=request.user, client=client)
    visits = [v for v in visit_list(user=request.user, client_id=client.pk) if v.report]
    latest = visits[0] if visits else None
    muscles = []
    for i, m in enumerate(plan.muscles if plan else []):
        muscles.append({**m, "index": i, "side_label": {"l": "left", "r": "right"}.get(
            m["side"], "midline"), "why": readable(m.get("why", "")),
            "technique_label": id_label(m["technique"]),
            "technique_choices": [(o["technique"], id_label(o["technique"]))
                                  for o in m.get("options", [])]})
    context = {
        "client": client, "plan": plan, "muscles": muscles, "latest": latest,
        "visit": plan.source_visit if plan else latest, "active_tab": "plan",
        "stale": bool(plan and latest and plan.source_visit_id != latest.pk),
        "red_flags": red_flags_view({"red_flags": plan.red_flags}) if plan else [],
        "letters": (referral_groups(plan.source_visit.report or {})
                    if plan and plan.source_visit else []),
        "muscle_groups": muscle_choices(), "pressures": range(1, 6),
        "lines_form": LinesForm(initial={
            "home_care": "\n".join(plan.home_care) if plan else "",
            "education": "\n".join(plan.education) if plan else ""}),
    }
    return render(request, "plans/plan_detail.html", context)


@require_POST
def plan_seed_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    raw = request.POST.get("visit_id", "")
    visit = visit_get(user=request.user, visit_id=int(raw) if raw.isdigit() else 0)
    if visit.client_id != client.pk:
        raise Http404("No such visit.")
    services.plan_seed(by=request.user, client=client, visit=visit)  # type: ignore[arg-type]
    messages.success(request, f"Plan made from the assessment of {visit.visit_date:%-d %B %Y}.")
    return redirect("plans:plan-detail", client_id=client.pk)


@require_POST
def muscle_move_view(request: HttpRequest, client_id: int, index: int) -> HttpResponse:
    plan = _plan_or_404(request, client_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    _attempt(request, lambda: services.plan_muscle_move(
        by=request.user, plan=plan, index=index, offset=offset), "Order changed.")  # type: ignore[arg-type]
    return _back(plan, "#plan-muscles")


@require_POST
def muscle_remove_view(request: HttpRequest, client_id: int, index: int) -> HttpResponse:
    plan = _plan_or_404(request, client_id)
    _attempt(request, lambda: services.plan_muscle_remove(
        by=request.user, plan=plan, index=index), "Muscle removed from the plan.")  # type: ignore[arg-type]
    return _back(plan, "#plan-muscles")


@require_POST
def muscle_update_view(request: HttpRequest, client_id: int, index: int) -> HttpResponse:
    plan = _plan_or_404(request, client_id)
    form = MuscleUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(plan, f"#muscle-{index}")
    data = form.cleaned_data
    _attempt(request, lambda: services.plan_muscle_update(
        by=request.user, plan=plan, index=index, pressure=data["pressure"],  # type: ignore[arg-type]
        technique=data["technique"], notes=data["notes"]), "Muscle saved.")
    return _back(plan, f"#muscle-{index}")


@require_POST
def muscle_add_view(request: HttpRequest, client_id: int) -> HttpResponse:
    plan = _plan_or_404(request, client_id)
    form = MuscleAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a muscle and a side to add.")
        return _back(plan, "#add-muscle")
    _attempt(request, lambda: services.plan_muscle_add(
        by=request.user, plan=plan, muscle=form.cleaned_data["muscle"],  # type: ignore[arg-type]
        side=form.cleaned_data["side"]), "Muscle added to the plan.")
    return _back(plan, "#plan-muscles")


@require_POST
def lines_update_view(request: HttpRequest, client_id: int) -> HttpResponse:
    plan = _plan_or_404(request, client_id)
    form = LinesForm(request.POST)
    form.is_valid()
    _attempt(request, lambda: services.plan_lines_update(
        by=request.user, plan=plan, home_care=form.lines("home_care"),  # type: ignore[arg-type]
        education=form.lines("education")), "Home care and education saved.")
    return _back(plan, "#home-care")


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def handout_pdf_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    return _pdf(*handout_export(by=request.user, visit=visit))  # type: ignore[arg-type]


@require_GET
def referral_letter_pdf_view(request: HttpRequest, visit_id: int, index: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    return _pdf(*referral_letter_export(by=request.user, visit=visit,  # type: ignore[arg-type]
                                        source="referral", index=index))


@require_GET
def red_flag_letter_pdf_view(request: HttpRequest, visit_id: int, index: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    return _pdf(*referral_letter_export(by=request.user, visit=visit,  # type: ignore[arg-type]
                                        source="red-flag", index=index))
