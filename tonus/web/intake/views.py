"""Intake pages. The therapist's pages (create, revoke, review) are behind login and clinic scope;
the client's page is public, rate-limited per token and per address, shows nothing but the form,
and refuses an unknown, expired, used or revoked link with a plain message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import ALL, is_ratelimited  # type: ignore[import-untyped]

from tonus.core.atlas import intensity_colour
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.clients.selectors import client_get
from tonus.web.intake import qr
from tonus.web.intake.forms import IntakeForm, record_age
from tonus.web.intake.models import IntakeLink, IntakeSubmission
from tonus.web.intake.review import review_context
from tonus.web.intake.services import (
    IntakeRefusedError,
    intake_accept,
    intake_discard,
    intake_link_create,
    intake_link_open,
    intake_link_revoke,
    intake_submit,
)
from tonus.web.intake.tokens import token_hash
from tonus.web.visits.chart_zoom import chart_views, zoom_buttons
from tonus.web.visits.consultation import QUALITY_ORDER
from tonus.web.visits.views import _blank_views

# Per token: enough for a client who reloads or corrects a few errors; per address: a clinic's
# tablet used by several clients in a morning, but not a scan of guessed tokens.
RATE_PER_TOKEN = "30/h"
RATE_PER_ADDRESS = "60/h"


def _private(response: HttpResponse) -> HttpResponse:
    """The token is in the address: never cached, never sent to another site as a referrer,
    never indexed."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"  # no-referrer would send Origin: null and fail CSRF
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return _private(render(request, "intake/refused.html", {"message": message}, status=status))


def _limited(request: HttpRequest, token: str) -> bool:
    hashed = token_hash(token[:200])
    by_token = is_ratelimited(request, group="intake-token", key=lambda _g, _r: hashed,
                              rate=RATE_PER_TOKEN, method=ALL, increment=True)
    by_address = is_ratelimited(request, group="intake-address", key="ip",
                                rate=RATE_PER_ADDRESS, method=ALL, increment=True)
    return bool(by_token or by_address)


def _chart_context(marks: list[dict[str, Any]]) -> dict[str, Any]:
    from tonus.core.ids import vocabulary
    from tonus.web.labels import id_label, region_label

    front, back = _blank_views()
    known = vocabulary().qualities
    return {
        "chart_views": chart_views(front, back), "zoom_buttons": zoom_buttons()[1:],
        "palette": [intensity_colour(k) for k in range(11)], "marks": marks,
        "qualities": [(q, id_label(q)) for q in QUALITY_ORDER if q in known],
        "region_labels": {rid: region_label(rid) for rid in vocabulary().regions},
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def intake_form_view(request: HttpRequest, token: str) -> HttpResponse:
    if _limited(request, token):
        return _refused(request, "Too many attempts. Please wait an hour and try again, or "
                                 "contact your clinic.", 429)
    try:
        link = intake_link_open(token, audit=request.method == "GET")
    except IntakeRefusedError as refusal:
        return _refused(request, str(refusal), 404 if refusal.reason == "unknown" else 410)
    kn = client_knowledge()
    instruments = [kn.instruments[i] for i in link.questionnaires if i in kn.instruments]
    today = timezone.localdate()
    age = record_age(link.client.date_of_birth, today)
    sex = link.client.sex or None
    form = IntakeForm(request.POST or None, age=age, sex=sex, instruments=instruments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_intake(link.consent_text, timezone.now())
        try:
            intake_submit(token, data)
        except IntakeRefusedError as refusal:
            return _refused(request, str(refusal), 410)
        return _private(render(request, "intake/thanks.html", {"clinic": link.clinic}))
    marks = form.marks if hasattr(form, "marks") else []
    context = {"form": form, "link": link, "clinic": link.clinic, **_chart_context(marks)}
    return _private(render(request, "intake/public_form.html", context,
                           status=422 if form.errors else 200))


@require_POST
def intake_link_create_view(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get(user=request.user, client_id=client_id)
    chosen = request.POST.getlist("questionnaires")
    consent = request.POST.get("consent_text", "")
    try:
        link, token = intake_link_create(by=request.user,  # type: ignore[arg-type]
                                         client=client, questionnaires=chosen,
                                         consent_text=consent)
    except ValidationError as error:
        for msgs in error.message_dict.values():
            for m in msgs:
                messages.error(request, m)
        return redirect("clients:client-detail", client_id=client.pk)
    url = request.build_absolute_uri(f"/intake/{token}/")
    # shown once: the token is not stored, only its hash
    response = render(request, "intake/link_created.html",
                      {"client": client, "link": link, "url": url, "qr_svg": qr.svg(url),
                       "questionnaires": [client_knowledge().instruments[i].name
                                          for i in link.questionnaires]})
    response["Cache-Control"] = "no-store"
    return response


def _link(request: HttpRequest, link_id: int) -> IntakeLink:
    membership = membership_require(user=request.user, permission=Permission.CLIENT_EDIT)
    link = IntakeLink.objects.select_related("client").filter(
        pk=link_id, clinic_id=membership.clinic_id).first()
    if link is None:
        raise Http404("No such intake link.")
    return link


@require_POST
def intake_link_revoke_view(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _link(request, link_id)
    intake_link_revoke(by=request.user, link=link)  # type: ignore[arg-type]
    messages.success(request, "The intake link was revoked; it can no longer be used.")
    return redirect("clients:client-detail", client_id=link.client_id)


def _submission(request: HttpRequest, submission_id: int) -> IntakeSubmission:
    membership = membership_require(user=request.user, permission=Permission.CLIENT_EDIT)
    sub = IntakeSubmission.objects.select_related("client", "link").filter(
        pk=submission_id, clinic_id=membership.clinic_id).first()
    if sub is None:
        raise Http404("No such intake.")
    client_get(user=request.user, client_id=sub.client_id)  # audited read of the record
    return sub


@require_http_methods(["GET", "POST"])
def intake_review_view(request: HttpRequest, submission_id: int) -> HttpResponse:
    sub = _submission(request, submission_id)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "accept":
                visit = intake_accept(by=request.user, submission=sub)  # type: ignore[arg-type]
                messages.success(request, "The client's intake is in the record; the visit is "
                                          "assessed from their drawing.")
                return redirect("visits:visit-detail", visit_id=visit.pk)
            intake_discard(by=request.user, submission=sub)  # type: ignore[arg-type]
            messages.success(request, "The client's intake was discarded; nothing entered "
                                      "the record.")
            return redirect("clients:client-detail", client_id=sub.client_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(request, "intake/review.html", review_context(sub))
