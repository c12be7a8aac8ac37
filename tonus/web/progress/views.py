"""Session (SOAP) and progress pages: translation only (parse, call a selector or service,
render)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from tonus.core.progress import DEFAULT_SESSIONS, MCID_POINTS
from tonus.reports.charts import fmt
from tonus.web.movement.presenters import progress_tables
from tonus.web.movement.selectors import clips_over_visits
from tonus.web.plans.selectors import plan_get
from tonus.web.progress import charting, session_form
from tonus.web.progress.selectors import client_progress_get
from tonus.web.progress.services import visit_session_update
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get

# Where the referral letters live: the visits app's assessment page (its URL name may still
# change, so the first that resolves wins; the client page is the fallback).
ASSESSMENT_URL_NAMES = ("visits:visit-assessment", "visits:visit-report", "visits:visit-detail")


def assessment_url(visit: Visit) -> str:
    for name in ASSESSMENT_URL_NAMES:
        try:
            return reverse(name, kwargs={"visit_id": visit.pk})
        except NoReverseMatch:
            continue
    return reverse("clients:client-detail", kwargs={"client_id": visit.client_id})


def _session_page(request: HttpRequest, visit: Visit, state: session_form.SessionState,
                  errors: list[str], status: int = 200) -> HttpResponse:
    suggested, every = session_form.muscle_choices(visit)
    context = {
        "visit": visit, "client": visit.client, "state": state, "errors": errors,
        "rom_choices": session_form.rom_choices(),
        "muscle_suggested": suggested, "muscle_choices": every,
        "muscle_suggested_ids": {value for value, _ in suggested},
        "technique_choices": session_form.technique_choices(),
        "side_choices": session_form.side_choices(), "pressures": ["1", "2", "3", "4", "5"],
        "assessment_url": assessment_url(visit),
    }
    return render(request, "progress/session_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def session_edit_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    if request.method == "GET":
        plan = plan_get(user=request.user, client=visit.client)
        state = session_form.state_from_visit(visit, plan.muscles if plan else None)
        return _session_page(request, visit, state, [])
    action = request.POST.get("action", "save")
    state = session_form.state_from_post(visit, request.POST, more_rows=action == "more-rows")
    if action == "redraft":
        session_form.redraft(state, visit)
        messages.info(request, "The SOAP note was redrafted from the assessment: review it, "
                               "then save. Nothing is saved yet.")
        return _session_page(request, visit, state, [])
    if action == "more-rows":
        return _session_page(request, visit, state, [])
    fields, errors = session_form.cleaned(state)
    if not errors:
        try:
            visit_session_update(by=request.user, visit=visit, **fields)  # type: ignore[arg-type]
        except ValidationError as error:
            errors = list(error.messages)
    if errors:
        return _session_page(request, visit, state, errors, status=400)
    messages.success(request, f"Session of {visit.visit_date:%d %b %Y} saved.")
    return redirect("progress:session-edit", visit_id=visit.pk)


@require_http_methods(["GET"])
def client_progress_view(request: HttpRequest, client_id: int) -> HttpResponse:
    progress = client_progress_get(user=request.user, client_id=client_id)
    latest = progress.latest_visit
    context = {
        "client": progress.client, "progress": progress, "plateau": progress.plateau,
        "mcid_points": fmt(MCID_POINTS), "plateau_sessions": DEFAULT_SESSIONS,
        "pain_blocks": charting.pain_blocks(progress),
        "rom_blocks": charting.rom_blocks(progress),
        "measure_blocks": charting.measure_blocks(progress),
        "referral_url": assessment_url(latest) if latest else None,
        "visits_newest_first": list(reversed(progress.visits)),
        # movement screens: key angles over visits, as on the movement page
        "movement_progress": (progress_tables(clips_over_visits(user=request.user,
                                                                visit=latest))
                              if latest else []),
    }
    return render(request, "progress/client_progress.html", context)
