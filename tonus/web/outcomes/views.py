"""The progress report PDF (questionnaires against the MCID): scoped, audited as an export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from tonus.reports.progress_report import progress_report_pdf
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.outcomes.selectors import outcomes_for_documents
from tonus.web.progress.selectors import client_progress_get


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
