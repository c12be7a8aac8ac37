"""Posture pages: translation only (parse, call one selector or service, render)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from tonus.core.posture.landmarks import LandmarkSet
from tonus.reports.posture_overlay import render_posture_overlay
from tonus.reports.posture_summary import deviation_summary
from tonus.vision.intake import PhotoRejected
from tonus.vision.storage import PhotoStorageError, read_photo
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import has_permission
from tonus.web.htmx import HtmxHttpRequest
from tonus.web.posture import services
from tonus.web.posture.models import PhotoView, PosturePhoto
from tonus.web.posture.presenters import calibration_words, geometry_of, measure_rows, palette
from tonus.web.posture.selectors import photo_get, photo_list, posture_session_of
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get

MAX_UPLOAD_BYTES = 20_000_000


def _visit_url(visit: Visit) -> str | None:
    """The visit's own page, where the visits app provides one."""
    try:
        return reverse("visits:visit-detail", kwargs={"visit_id": visit.pk})
    except NoReverseMatch:
        return None


def _image_url(photo: PosturePhoto) -> str:
    return reverse("posture:photo-image", kwargs={"photo_id": photo.pk}) + f"?v={photo.sha256[:12]}"


def _slot(
    photo: PosturePhoto | None, view: str, visit: Visit, error: str = "",
) -> dict[str, object]:
    thumb = ""
    if photo is not None:
        landmarks = photo.landmark_set()
        if landmarks is not None:
            thumb = render_posture_overlay(landmarks, image_href=_image_url(photo), grid=False)
    title, _, subtitle = str(PhotoView(view).label).partition(" (")
    return {"view": view, "label": PhotoView(view).label, "title": title,
            "subtitle": subtitle.rstrip(")"), "photo": photo, "thumb": thumb, "visit": visit,
            "error": error}


@require_GET
def visit_photos_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    photos = photo_list(user=request.user, visit=visit)
    session = posture_session_of(visit)
    return render(request, "posture/visit_photos.html", {
        "visit": visit, "client": visit.client, "visit_url": _visit_url(visit),
        "slots": [_slot(photos.get(view), view, visit) for view in PhotoView.values],
        "height_cm": session.height_cm if session else None,
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT),
    })


@require_POST
def photo_upload_view(request: HtmxHttpRequest, visit_id: int, view: str) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    if view not in PhotoView.values:
        raise Http404("No such view.")
    upload = next((f for f in request.FILES.getlist("photo") if f.size), None)
    photo, error = None, ""
    if upload is None:
        error = "Choose a photo or take one with the camera first."
    elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // 10**6
        error = f"The file is {upload.size / 1e6:.0f} MB; the limit is {limit} MB. " \
            "Nothing was saved."
    else:
        try:
            photo = services.photo_upload(by=request.user, visit=visit, view=view,  # type: ignore[arg-type]
                                          data=upload.read(), filename=upload.name or "photo")
        except PhotoRejected as rejected:
            error = f"{rejected.message}. Nothing was saved."
    if request.htmx:
        if photo is None:
            photo = photo_list(user=request.user, visit=visit).get(view)
        else:
            photo.refresh_from_db()
        return render(request, "posture/_slot.html", {"slot": _slot(photo, view, visit, error),
                                                        "can_edit": True})
    if error:
        messages.error(request, f"{PhotoView(view).label}: {error}")
    else:
        messages.success(request, f"{PhotoView(view).label} photo saved; finding the landmarks.")
    return redirect("posture:visit-photos", visit_id=visit.pk)


@require_GET
def photo_status_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = photo_get(user=request.user, photo_id=photo_id, audit=False)  # polled by the page
    return render(request, "posture/_slot.html", {
        "slot": _slot(photo, photo.view, photo.visit),
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT),
    })


@require_POST
def session_height_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    raw = request.POST.get("height_cm", "").strip().replace(",", ".")
    try:
        height = float(raw) if raw else None
        services.posture_height_set(by=request.user, visit=visit, height_cm=height)  # type: ignore[arg-type]
    except (ValueError, ValidationError):
        messages.error(request, "Enter the client's height in centimetres, between 50 and 250.")
    else:
        messages.success(request, "Height saved." if height else "Height cleared.")
    return redirect("posture:visit-photos", visit_id=visit.pk)


@require_GET
def photo_image_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    """The photo itself: only through here (clinic checked), never from a public media URL."""
    # Shown inside the photos page or the landmark editor, whose view is the audited event.
    photo = photo_get(user=request.user, photo_id=photo_id, audit=False)
    try:
        data = read_photo(services.photo_root(), photo.sha256)
    except PhotoStorageError:
        raise Http404("The photo file is missing.") from None
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="posture-{photo.view}-{photo.pk}.jpg"'
    return response


def _editor_context(request: HttpRequest, photo: PosturePhoto) -> dict[str, object]:
    session = posture_session_of(photo.visit)
    height = session.height_cm if session else None
    geometry = geometry_of(photo, height)
    landmarks = photo.landmark_set()
    if landmarks is None and not photo.is_pending:  # detection failed: place them by hand
        landmarks = LandmarkSet(view=photo.view, width=photo.width, height=photo.height)
    whole = request.GET.get("whole") == "1" or request.POST.get("whole") == "1"
    overlay = "" if landmarks is None else render_posture_overlay(
        landmarks, geometry, image_href=_image_url(photo), editable=True, whole=whole)
    results = geometry.results if geometry else ()
    return {
        "photo": photo, "visit": photo.visit, "client": photo.visit.client,
        "overlay": overlay, "whole": whole, "height_cm": height, "geometry": geometry,
        "rows": measure_rows(geometry) if geometry else [],
        "calibration": calibration_words(geometry) if geometry else "",
        "palette": palette(photo),
        "summary": deviation_summary(results, photo.visit.report),
        "in_case": {m.get("id") for m in photo.visit.case.get("measures", [])},
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT),
    }


@require_GET
def photo_landmarks_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = photo_get(user=request.user, photo_id=photo_id)
    return render(request, "posture/photo_landmarks.html", _editor_context(request, photo))


def _float(request: HttpRequest, name: str) -> float:
    try:
        return float(request.POST.get(name, ""))
    except ValueError:
        raise ValidationError(f"{name} must be a number.") from None


@require_POST
def landmark_move_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    """Move or place one landmark; answers the re-drawn overlay and the recomputed measures."""
    photo = photo_get(user=request.user, photo_id=photo_id, summary="Corrected posture landmarks")
    name = request.POST.get("name", "")
    try:
        if request.POST.get("remove") == "1":
            photo = services.photo_landmark_remove(by=request.user, photo=photo, name=name)  # type: ignore[arg-type]
        else:
            photo = services.photo_landmark_move(
                by=request.user, photo=photo, name=name,  # type: ignore[arg-type]
                x=_float(request, "x"), y=_float(request, "y"))
    except ValidationError as error:
        return HttpResponse("; ".join(error.messages), status=400, content_type="text/plain")
    return render(request, "posture/_editor_update.html", _editor_context(request, photo))


@require_POST
def measures_use_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = photo_get(user=request.user, photo_id=photo_id, summary="Used posture measures")
    try:
        _, count = services.photo_measures_use(by=request.user, photo=photo)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{count} measures added to the assessment; the report was "
                                  "updated.")
    url = reverse("posture:photo-landmarks", kwargs={"photo_id": photo.pk})
    return redirect(url + ("?whole=1" if request.POST.get("whole") == "1" else "") + "#summary")
