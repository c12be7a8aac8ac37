"""Every write to posture photos and to the visit's case from them: atomic, validated, audited."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tonus.core.posture.geometry import analyse, case_measures
from tonus.core.posture.landmarks import LANDMARK_NAMES, LandmarkSet
from tonus.vision.intake import accept_photo
from tonus.vision.storage import delete_photo, store_photo
from tonus.web.accounts.models import Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.posture.models import PhotoStatus, PhotoView, PosturePhoto, PostureSession
from tonus.web.stored_files import file_kept_only_if_saved, forget_replaced_on_commit
from tonus.web.visits.models import Visit
from tonus.web.visits.services import visit_case_update


def photo_root() -> Path:
    """Where photos live: outside the database, never under a public URL."""
    return Path(settings.MEDIA_ROOT) / "photos"


def _editor(by: AbstractBaseUser, clinic_id: int) -> Membership:
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if membership.clinic_id != clinic_id:
        raise Http404("No such visit.")
    return membership


def _forget_file(sha256: str) -> None:
    """Delete a stored photo no row refers to any more (a replaced or erased photo must not
    linger), with the folders it leaves empty."""
    if not PosturePhoto.objects.filter(sha256=sha256).exists():
        with contextlib.suppress(OSError):
            delete_photo(photo_root(), sha256)


def photo_files_forget(sha256s: set[str]) -> None:
    """After a commit that deleted photo rows (a visit or a client erased): their files go."""
    for sha256 in sha256s:
        _forget_file(sha256)


def photo_upload(
    *, by: AbstractBaseUser, visit: Visit, view: str, data: bytes, filename: str,
) -> PosturePhoto:
    """Check, store and queue one view of the visit (replacing that view's earlier photo).

    Raises PhotoRejected (nothing stored) for a file that is not a safe, usable photo.
    """
    if view not in PhotoView.values:
        raise ValidationError({"view": f"Unknown view {view!r}."})
    _editor(by, visit.clinic_id)
    accepted = accept_photo(data, filename=filename)  # before any write: refusal stores nothing
    stored = store_photo(photo_root(), accepted)
    with file_kept_only_if_saved(created=stored.created, sha256=accepted.sha256,
                                 forget=_forget_file), transaction.atomic():
        photo = PosturePhoto.objects.select_for_update().filter(visit=visit, view=view).first()
        replaced = photo.sha256 if photo is not None else None
        photo = photo or PosturePhoto(clinic_id=visit.clinic_id, visit=visit, view=view)
        photo.sha256 = accepted.sha256
        photo.width, photo.height = accepted.width, accepted.height
        photo.uploaded_by_id = by.pk
        photo.status, photo.problem = PhotoStatus.QUEUED, ""
        photo.landmarks, photo.corrected = None, False
        photo.full_clean()
        photo.save()
        record(
            user=by, action=Action.CREATE if replaced is None else Action.UPDATE,
            object_type="posture-photo", object_id=photo.pk, clinic_id=visit.clinic_id,
            client_id=visit.client_id,
            summary=f"Uploaded the {view} posture photo ({accepted.width}×{accepted.height})",
        )
        photo_id = photo.pk
        transaction.on_commit(lambda: _enqueue_detection(photo_id))
        forget_replaced_on_commit(replaced=replaced, new=accepted.sha256,
                                  forget=_forget_file)
    return photo


def _enqueue_detection(photo_id: int) -> None:
    from tonus.web.posture.tasks import detect_photo_landmarks

    detect_photo_landmarks.enqueue(photo_id)


@transaction.atomic
def posture_height_set(
    *, by: AbstractBaseUser, visit: Visit, height_cm: float | None,
) -> PostureSession:
    _editor(by, visit.clinic_id)
    if height_cm is not None and not math.isfinite(height_cm):
        # NaN passes the range validators (every comparison is False) and SQLite stores it as
        # NULL: it would silently erase the height. Refuse it before anything is written.
        raise ValidationError({"height_cm": "The height must be a number of centimetres."})
    session, _ = PostureSession.objects.get_or_create(
        visit=visit, defaults={"clinic": visit.clinic})
    session.height_cm = height_cm
    session.full_clean()
    session.save()
    record(
        user=by, action=Action.UPDATE, object_type="posture-session", object_id=session.pk,
        clinic_id=visit.clinic_id, client_id=visit.client_id,
        summary=f"Client height for posture: {height_cm:g} cm" if height_cm else
        "Client height for posture cleared",
    )
    return session


# ------------------------------------------------------------------ landmark detection (the task)


@transaction.atomic
def photo_detection_start(*, photo_id: int) -> PosturePhoto | None:
    """Mark a queued photo as running; None when it is gone or already handled."""
    photo = PosturePhoto.objects.select_for_update().filter(pk=photo_id).first()
    if photo is None or photo.status != PhotoStatus.QUEUED:
        return None
    photo.status = PhotoStatus.RUNNING
    photo.save(update_fields=["status"])
    return photo


@transaction.atomic
def photo_detection_finish(
    *, photo_id: int, sha256: str, landmarks: LandmarkSet | None, problem: str = "",
) -> PosturePhoto | None:
    """Store what detection found; ignored when the photo was replaced meanwhile."""
    photo = PosturePhoto.objects.select_for_update().filter(pk=photo_id, sha256=sha256).first()
    if photo is None or photo.status != PhotoStatus.RUNNING:
        return None
    if landmarks is not None:
        photo.status, photo.problem = PhotoStatus.DONE, ""
        photo.landmarks = landmarks.model_dump(mode="json")
    else:
        photo.status, photo.problem = PhotoStatus.FAILED, problem
    photo.full_clean()
    photo.save()
    record(
        user=None, action=Action.UPDATE, object_type="posture-photo", object_id=photo.pk,
        clinic_id=photo.clinic_id, client_id=photo.visit.client_id,
        summary="Landmarks detected" if landmarks is not None else f"No landmarks: {problem}",
    )
    return photo


# ------------------------------------------------------------------ the therapist's corrections


def _landmarks_of(photo: PosturePhoto) -> LandmarkSet:
    """The photo's landmarks, or an empty set to place them by hand when detection failed."""
    found = photo.landmark_set()
    if found is not None:
        return found
    if photo.is_pending:
        raise ValidationError("The landmarks are still being detected; try again in a moment.")
    return LandmarkSet(view=photo.view, width=photo.width, height=photo.height)


@transaction.atomic
def photo_landmark_move(
    *, by: AbstractBaseUser, photo: PosturePhoto, name: str, x: float, y: float,
) -> PosturePhoto:
    """Move (or place) one landmark, in image pixels; points are kept inside the photo."""
    _editor(by, photo.clinic_id)
    if name not in LANDMARK_NAMES:
        raise ValidationError({"name": f"Unknown landmark {name!r}."})
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValidationError("Coordinates must be numbers.")
    x, y = min(max(x, 0.0), float(photo.width)), min(max(y, 0.0), float(photo.height))
    photo = PosturePhoto.objects.select_for_update().get(pk=photo.pk)
    return _landmarks_save(by, photo, _landmarks_of(photo).move(name, x, y),
                           f"Moved landmark {name} to ({x:.0f}, {y:.0f})")


@transaction.atomic
def photo_landmark_remove(*, by: AbstractBaseUser, photo: PosturePhoto, name: str) -> PosturePhoto:
    _editor(by, photo.clinic_id)
    photo = PosturePhoto.objects.select_for_update().get(pk=photo.pk)
    return _landmarks_save(by, photo, _landmarks_of(photo).remove(name),
                           f"Removed landmark {name}")


def _landmarks_save(by: AbstractBaseUser, photo: PosturePhoto, landmarks: LandmarkSet,
                    summary: str) -> PosturePhoto:
    """Store the therapist's corrected landmarks and audit the change (caller holds the lock)."""
    photo.landmarks = landmarks.model_dump(mode="json")
    photo.corrected = True
    photo.full_clean()
    photo.save(update_fields=["landmarks", "corrected"])
    record(
        user=by, action=Action.UPDATE, object_type="posture-photo", object_id=photo.pk,
        clinic_id=photo.clinic_id, client_id=photo.visit.client_id, summary=summary,
    )
    return photo


# ------------------------------------------------------------------ measures into the case


@transaction.atomic
def photo_measures_use(*, by: AbstractBaseUser, photo: PosturePhoto) -> tuple[Visit, int]:
    """Put the photo's measures in the visit's case (same ids replaced) and re-assess.

    Returns the visit and how many measures were added or replaced.
    """
    _editor(by, photo.clinic_id)
    landmarks = photo.landmark_set()
    if landmarks is None:
        raise ValidationError("This photo has no landmarks yet.")
    session = PostureSession.objects.filter(visit_id=photo.visit_id).first()
    height = session.height_cm if session else None
    new = case_measures(analyse(landmarks, height).results)
    if not new:
        raise ValidationError("No measure could be computed from this photo's landmarks.")
    visit = Visit.objects.select_for_update().get(pk=photo.visit_id)
    ids = {m["id"] for m in new}
    case = dict(visit.case)
    kept = [m for m in case.get("measures", []) if m.get("id") not in ids]
    case["measures"] = kept + new
    summary = f"Added {len(new)} posture measures from the {photo.view} photo"
    return visit_case_update(by=by, visit=visit, case=case, summary=summary), len(new)
