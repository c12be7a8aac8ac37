"""Every read of movement clips: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from django.http import Http404

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record, record_denied
from tonus.web.audit.actions import Action
from tonus.web.movement.models import MovementClip, MovementDecision
from tonus.web.visits.models import Visit


def clip_get(*, user: AnyUser, clip_id: int, summary: str = "Opened movement clip",
             audit: bool = True) -> MovementClip:
    """One clip of the user's clinic; Http404 for any other clinic's clip (and that attempt is
    recorded, as for photos)."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    clip = (MovementClip.objects.select_related("visit", "visit__client")
            .filter(clinic_id=membership.clinic_id, pk=clip_id).first())
    if clip is None:
        owner = MovementClip.objects.filter(pk=clip_id).values_list(
            "clinic_id", "visit__client_id").first()
        if owner is not None:
            record_denied(user=user, object_type="movement-clip", object_id=clip_id,
                          owner_clinic_id=owner[0], client_id=owner[1])
        raise Http404("No such clip.")
    if audit:  # False only for what a page embeds or polls: the page is the audited view
        record(user=user, action=Action.VIEW, object_type="movement-clip", object_id=clip.pk,
               clinic_id=membership.clinic_id, client_id=clip.visit.client_id, summary=summary)
    return clip


def clip_list(*, user: AnyUser, visit: Visit) -> dict[str, MovementClip]:
    """A visit's clips by slot (the visit was read through visit_get: same clinic)."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    clips = (MovementClip.objects.filter(clinic_id=membership.clinic_id, visit=visit)
             .defer("landmarks"))  # per-frame landmarks: only the review page needs them
    return {clip.slot: clip for clip in clips}


def decision_get(*, user: AnyUser, decision_id: int) -> MovementDecision:
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    decision = (MovementDecision.objects.select_related("clip")
                .filter(clinic_id=membership.clinic_id, pk=decision_id).first())
    if decision is None:
        raise Http404("No such decision.")
    return decision


def clips_over_visits(*, user: AnyUser, visit: Visit) -> list[MovementClip]:
    """The analysed clips of this client's visits up to this one (same clinic), oldest first."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    return list(
        MovementClip.objects.select_related("visit")
        .prefetch_related("decisions")
        .defer("landmarks")
        .filter(clinic_id=membership.clinic_id, visit__client_id=visit.client_id,
                visit__visit_date__lte=visit.visit_date, status="done")
        .order_by("visit__visit_date", "visit_id"))
