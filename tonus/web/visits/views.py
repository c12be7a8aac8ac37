"""Visit pages: the consultation drawing and the assessment. Translation only: parse, call one
selector or service, render."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tonus.core.atlas import intensity_colour, render_blank
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.clients.models import Client
from tonus.web.clients.selectors import client_get
from tonus.web.htmx import HtmxHttpRequest
from tonus.web.visits import presenters
from tonus.web.visits.assessment import assessment_context
from tonus.web.visits.chart_zoom import chart_views, zoom_buttons
from tonus.web.visits.consultation import consultation_context, earlier_visits
from tonus.web.visits.drawing import case_build, drawing_parse
from tonus.web.visits.forms import FINDING_FORMS, ConsultationForm
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get
from tonus.web.visits.services import (
    FINDING_KINDS,
    visit_case_update,
    visit_create,
    visit_finding_add,
    visit_finding_remove,
)


@lru_cache(maxsize=1)
def _blank_views() -> tuple[str, str]:
    return render_blank(views=("front",)), render_blank(views=("back",))


def _error_text(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _consultation(request: HttpRequest, client: Client, visit: Visit | None) -> HttpResponse:
    previous = visit.case if visit else None
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        drawing = drawing_parse(request.POST.get("drawing", ""))
        errors = list(drawing.errors)
        if form.is_valid() and not errors:
            data = form.cleaned_data
            case = case_build(
                client=client, visit_date=data["visit_date"], marks=drawing.marks,
                complaint=data["complaint"], activities=data["activities"],
                posture=data["posture"], previous_case=previous,
                earlier_visits=earlier_visits(request.user, client, data["visit_date"], visit),
            )
            try:
                if visit is None:
                    visit = visit_create(by=request.user, client=client,  # type: ignore[arg-type]
                                         visit_date=data["visit_date"], case=case)
                    messages.success(request, "Consultation saved and assessed.")
                else:
                    visit_case_update(by=request.user, visit=visit, case=case)  # type: ignore[arg-type]
                    messages.success(request, "Drawing saved; the assessment is up to date.")
            except ValidationError as error:
                errors += _error_text(error)
            else:
                return redirect("visits:visit-detail", visit_id=visit.pk)
        submitted = drawing.raw_marks()
    else:
        initial: dict[str, Any] = {"activities": list(client.activities)}
        if visit is not None:
            initial = {"visit_date": visit.visit_date,
                       "complaint": visit.case.get("complaint", ""),
                       "activities": visit.case.get("activities", []),
                       "posture": visit.case.get("posture", [])}
        form = ConsultationForm(initial=initial)
        errors, submitted = [], list(visit.case.get("pain", [])) if visit else []
    front, back = _blank_views()
    context = consultation_context(client=client, visit=visit, form=form, errors=errors,
                                   marks=submitted)
    context.update(chart_views=chart_views(front, back), zoom_buttons=zoom_buttons(),
                   palette=[intensity_colour(k) for k in range(11)])
    return render(request, "visits/consultation.html", context,
                  status=422 if errors or form.errors else 200)


@require_http_methods(["GET", "POST"])
def visit_create_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    membership_require(user=request.user, permission=Permission.VISIT_EDIT)
    return _consultation(request, client, None)


@require_http_methods(["GET", "POST"])
def visit_drawing_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    membership_require(user=request.user, permission=Permission.VISIT_EDIT)
    return _consultation(request, visit.client, visit)


@require_GET
def visit_detail_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    return render(request, "visits/assessment.html", assessment_context(visit))


@require_POST
def visit_finding_add_view(request: HtmxHttpRequest, visit_id: int, kind: str) -> HttpResponse:
    if kind not in FINDING_KINDS:
        raise Http404("No such kind of finding.")
    visit = visit_get(user=request.user, visit_id=visit_id)
    before = visit.report
    form = FINDING_FORMS[kind](request.POST)
    bound: dict[str, Any] = {}
    if form.is_valid():
        try:
            visit_finding_add(by=request.user, visit=visit, kind=kind,  # type: ignore[arg-type]
                              finding=form.finding_object())
        except ValidationError as error:
            form.add_error(None, "; ".join(_error_text(error)))
            bound[kind] = form
    else:
        bound[kind] = form
    return _after_finding(request, visit, bound, before)


@require_POST
def visit_finding_remove_view(
    request: HtmxHttpRequest, visit_id: int, kind: str, index: int
) -> HttpResponse:
    if kind not in FINDING_KINDS:
        raise Http404("No such kind of finding.")
    visit = visit_get(user=request.user, visit_id=visit_id)
    before = visit.report
    try:
        visit_finding_remove(by=request.user, visit=visit, kind=kind, index=index)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, "; ".join(_error_text(error)))
    return _after_finding(request, visit, {}, before)


def _after_finding(request: HtmxHttpRequest, visit: Visit, bound: dict[str, Any],
                   before: dict[str, Any] | None = None) -> HttpResponse:
    """htmx: the new ranking in place with what changed, and the findings panel out of band;
    else back to the page."""
    if request.htmx:
        context = assessment_context(visit, bound_forms=bound,
                                     before=None if bound else before)
        return render(request, "visits/_live.html", context, status=200)
    for form in bound.values():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect("visits:visit-detail", visit_id=visit.pk)


@require_GET
def hypothesis_chart_view(request: HttpRequest, visit_id: int, rank: int) -> HttpResponse:
    # A picture embedded in the assessment page, whose own view is the audited event.
    visit = visit_get(user=request.user, visit_id=visit_id, audit=False)
    report = visit.report or {}
    hypothesis = next((h for h in report.get("hypotheses", []) if h.get("rank") == rank), None)
    svg = presenters.hypothesis_chart(hypothesis, visit.case) if hypothesis else None
    if svg is None:
        raise Http404("No chart for this hypothesis.")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"  # the client's drawing: health data
    return response
