"""Every read of posture photos: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from django.http import Http404

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record, record_denied
from tonus.web.audit.actions import Action
from tonus.web.posture.models import PosturePhoto, PostureSession
from tonus.web.visits.models import Visit


def photo_get(
    *, user: AnyUser, photo_id: int, summary: str = "Opened posture photo", audit: bool = True,
) -> PosturePhoto:
    """One photo of the user's clinic; Http404 for any other clinic's photo."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    photo = (
        PosturePhoto.objects.select_related("visit", "visit__client")
        .filter(clinic_id=membership.clinic_id, pk=photo_id).first()
    )
    if photo is None:
        owner = PosturePhoto.objects.filter(pk=photo_id).values_list(
            "clinic_id", "visit__client_id").first()
        if owner is not None:
            record_denied(user=user, object_type="posture-photo", object_id=photo_id,
                          owner_clinic_id=owner[0], client_id=owner[1])
        raise Http404("No such photo.")
    if audit:  # False only for what a page embeds or polls: the page is the audited view
        record(
            user=user, action=Action.VIEW, object_type="posture-photo", object_id=photo.pk,
            clinic_id=membership.clinic_id, client_id=photo.visit.client_id, summary=summary,
        )
    return photo


def photo_list(*, user: AnyUser, visit: Visit) -> dict[str, PosturePhoto]:
    """A visit's photos by view (the visit was read through visit_get: same clinic)."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    photos = PosturePhoto.objects.filter(clinic_id=membership.clinic_id, visit=visit)
    return {photo.view: photo for photo in photos}


def posture_session_of(visit: Visit) -> PostureSession | None:
    """The visit's posture session, if one exists (no audit: the visit read was audited)."""
    return PostureSession.objects.filter(visit=visit, clinic_id=visit.clinic_id).first()
