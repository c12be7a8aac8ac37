"""Movement pages: translation only (parse, call one selector or service, render)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tonus.core.knowledge.movement import screen as screen_info
from tonus.core.movement.geometry import near_side
from tonus.vision.storage import clip_path
from tonus.vision.video import MAX_BYTES, VideoRejected
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import has_permission
from tonus.web.htmx import HtmxHttpRequest
from tonus.web.movement import services
from tonus.web.movement.models import SLOTS, MovementClip
from tonus.web.movement.presenters import (
    by_eye_choices,
    charts_for,
    progress_tables,
    review_rows,
    review_rules_words,
    timeline_svg,
)
from tonus.web.movement.selectors import clip_get, clip_list, clips_over_visits, decision_get
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get

_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


def _slot(clip: MovementClip | None, slot: str, visit: Visit, error: str = "") -> dict[str, object]:
    screen, view, _side, label = SLOTS[slot]
    return {"slot": slot, "label": label, "screen": screen, "view": view, "clip": clip,
            "visit": visit, "error": error, "note": screen_info(screen).note,
            "found": (len(clip.analysis.get("reps", [])), len(clip.analysis.get("findings", [])))
            if clip is not None and clip.analysis else None}


@require_GET
def visit_movement_view(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    clips = clip_list(user=request.user, visit=visit)
    return render(request, "movement/visit_movement.html", {
        "visit": visit, "client": visit.client,
        "slots": [_slot(clips.get(slot), slot, visit) for slot in SLOTS],
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT),
        "max_mb": MAX_BYTES // 10**6,
        "progress": progress_tables(clips_over_visits(user=request.user, visit=visit)),
    })


@require_POST
def clip_upload_view(request: HtmxHttpRequest, visit_id: int, slot: str) -> HttpResponse:
    visit = visit_get(user=request.user, visit_id=visit_id)
    if slot not in SLOTS:
        raise Http404("No such movement screen.")
    upload = next((f for f in request.FILES.getlist("clip") if f.size), None)
    clip, error = None, ""
    if upload is None:
        error = "Record a clip or choose a video file first."
    elif upload.size is not None and upload.size > MAX_BYTES:
        error = (f"The file is {upload.size / 1e6:.0f} MB; the limit is "
                 f"{MAX_BYTES // 10**6} MB. Nothing was saved.")
    else:
        try:
            clip = services.clip_upload(by=request.user, visit=visit, slot=slot,  # type: ignore[arg-type]
                                        data=upload.read(), filename=upload.name or "clip")
        except VideoRejected as rejected:
            error = f"{rejected.message}. Nothing was saved."
    if request.htmx:
        if clip is None:
            clip = clip_list(user=request.user, visit=visit).get(slot)
        return render(request, "movement/_clip_slot.html",
                      {"s": _slot(clip, slot, visit, error), "can_edit": True})
    if error:
        messages.error(request, f"{SLOTS[slot][3]}: {error}")
    else:
        messages.success(request, f"{SLOTS[slot][3]} clip saved; analysing the movement.")
    return redirect("movement:visit-movement", visit_id=visit.pk)


@require_GET
def clip_status_view(request: HttpRequest, clip_id: int) -> HttpResponse:
    clip = clip_get(user=request.user, clip_id=clip_id, audit=False)  # polled by the page
    return render(request, "movement/_clip_slot.html", {
        "s": _slot(clip, clip.slot, clip.visit),
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT)})


@require_GET
def clip_video_view(request: HttpRequest, clip_id: int) -> HttpResponse | StreamingHttpResponse:
    """The clip itself: only through here (clinic checked), never from a public media URL.
    Answers byte ranges, which browsers need to seek in a <video>."""
    # Embedded in the audited review page and fetched once per byte range while the video
    # plays or seeks: neither audited again nor read whole (the checksum was verified when the
    # clip was stored).
    clip = clip_get(user=request.user, clip_id=clip_id, audit=False)
    path = clip_path(services.clip_root(), clip.sha256)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise Http404("The clip file is missing.") from None
    start, end, status = 0, size - 1, 200
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:
            start = max(0, size - int(match[2]))
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        status = 206
    length = end - start + 1

    def chunks() -> object:
        with open(path, "rb") as f:
            f.seek(start)
            left = length
            while left > 0:
                data = f.read(min(65536, left))
                if not data:
                    break
                left -= len(data)
                yield data

    stream = StreamingHttpResponse(chunks(), status=status,  # type: ignore[arg-type]
                                   content_type="video/mp4")
    stream["Content-Length"] = str(length)
    stream["Accept-Ranges"] = "bytes"
    if status == 206:
        stream["Content-Range"] = f"bytes {start}-{end}/{size}"
    stream["Cache-Control"] = "private, no-store"
    stream["Content-Disposition"] = f'inline; filename="movement-{clip.slot}-{clip.pk}.mp4"'
    return stream


@require_GET
def clip_review_view(request: HttpRequest, clip_id: int) -> HttpResponse:
    clip = clip_get(user=request.user, clip_id=clip_id)
    result = clip.result()
    context: dict[str, object] = {
        "clip": clip, "visit": clip.visit, "client": clip.visit.client, "result": result,
        "label": SLOTS[clip.slot][3], "video_url": reverse(
            "movement:clip-video", kwargs={"clip_id": clip.pk}) + f"?v={clip.sha256[:12]}",
        "can_edit": has_permission(request.user, Permission.VISIT_EDIT),
        "by_eye_choices": by_eye_choices(clip),
        "rules": review_rules_words(),
    }
    if result is not None:
        frames = (clip.landmarks or {}).get("frames", [])
        near = near_side([f for f in frames if f is not None][:200]) if frames else "r"
        context.update(review_rows(clip, result))
        context["charts"] = [timeline_svg(result, key) for key in charts_for(result, near)]
        context["landmarks"] = clip.landmarks
    return render(request, "movement/review.html", context)


@require_POST
def decide_view(request: HttpRequest, clip_id: int) -> HttpResponse:
    clip = clip_get(user=request.user, clip_id=clip_id, summary="Decided on a movement finding")
    kind = request.POST.get("kind", "")
    key, side = request.POST.get("key", ""), request.POST.get("side", "")
    by_eye = request.POST.get("by_eye") == "1"
    if by_eye:
        key, _, side = request.POST.get("finding", "").partition(":")
    try:
        services.decide(by=request.user, clip=clip, kind=kind, key=key, side=side,  # type: ignore[arg-type]
                        decision=request.POST.get("decision", ""), by_eye=by_eye)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Saved; the assessment was updated.")
    return redirect(reverse("movement:clip-review", kwargs={"clip_id": clip.pk}) + "#decide")


@require_POST
def decision_undo_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_get(user=request.user, decision_id=decision_id)
    clip_id = decision.clip_id
    try:
        services.decision_undo(by=request.user, decision=decision)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("movement:clip-review", kwargs={"clip_id": clip_id}) + "#decide")
