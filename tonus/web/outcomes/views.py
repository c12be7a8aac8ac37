"""Questionnaire pages: record one at a visit (a reassessment), and the progress report PDF
(questionnaires against the MCID). Scoped through the selectors, audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.reports.progress_report import progress_report_pdf
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.outcomes.forms import QuestionnaireForm
from tonus.web.outcomes.models import QuestionnaireResponse
from tonus.web.outcomes.selectors import outcomes_for_documents
from tonus.web.outcomes.services import questionnaire_record
from tonus.web.progress.selectors import client_progress_get
from tonus.web.visits.selectors import visit_get


@require_GET
def progress_report_view(request: HttpRequest, client_id: int) -> HttpResponse:
    progress = client_progress_get(user=request.user, client_id=client_id)
    client = progress.client
    outcomes = outcomes_for_documents(user=request.user, client_id=client.pk)
    user = request.user
    pdf = progress_report_pdf(
        client={"name": client.full_name,
                "date_of_birth": f"{client.date_of_birth:%-d %B %Y}"
                if client.date_of_birth else ""},
        clinic_name=client.clinic.name,
        therapist_name=user.get_full_name() or user.get_username(),  # type: ignore[union-attr]
        date=f"{timezone.localdate():%-d %B %Y}", outcomes=outcomes,
        pain_summary=progress.plateau.evidence if progress.visits else "",
        visits=len(progress.visits))
    record(user=user, action=Action.EXPORT, object_type="progress-report", object_id=client.pk,
           clinic_id=client.clinic_id, client_id=client.pk,
           summary="Exported the progress report (PDF)")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="progress-{slugify(client.full_name)}.pdf"')
    return response


@require_http_methods(["GET", "POST"])
def questionnaire_record_view(request: HttpRequest, visit_id: int,
                              instrument: str) -> HttpResponse:
    """Record one questionnaire at a visit (needs visit.edit); errors name the item."""
    visit = visit_get(user=request.user, visit_id=visit_id)
    membership_require(user=request.user, permission=Permission.VISIT_EDIT)
    inst = client_knowledge().instruments.get(instrument)
    if inst is None:
        raise Http404("No such questionnaire.")
    previous = (QuestionnaireResponse.objects.filter(client_id=visit.client_id,
                                                     instrument=instrument)
                .order_by("-visit__visit_date", "-id").first())
    initial = {f"l_{k}": v for k, v in (previous.labels if previous else {}).items()}
    form = QuestionnaireForm(request.POST or None, instrument=inst, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        answers, labels = form.answers()
        try:
            questionnaire_record(by=request.user,  # type: ignore[arg-type]
                                 visit=visit, instrument=instrument, answers=answers,
                                 labels=labels)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, f"{inst.short} recorded for the visit of "
                                      f"{visit.visit_date:%-d %b %Y}.")
            return redirect("progress:client-progress", client_id=visit.client_id)
    return render(request, "outcomes/questionnaire_form.html",
                  {"visit": visit, "client": visit.client, "instrument": inst, "form": form,
                   "errors": errors}, status=422 if errors else 200)
