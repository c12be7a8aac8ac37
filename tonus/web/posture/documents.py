"""The posture photos of a visit, ready for the PDFs (overlay picture and measures beyond their
norm). The visit was read through ``visit_get`` (scoped and audited) by the caller."""

from __future__ import annotations

from typing import Any

from tonus.reports.posture_pdf import posture_photo_section
from tonus.vision.storage import PhotoStorageError, read_photo
from tonus.web.posture.models import PhotoView, PosturePhoto
from tonus.web.posture.selectors import posture_session_of
from tonus.web.posture.services import photo_root
from tonus.web.visits.models import Visit

_VIEW_ORDER = [v.value for v in PhotoView]


def posture_for_documents(visit: Visit) -> list[dict[str, Any]]:
    """Each photo with landmarks whose file can be read, front and back views first."""
    session = posture_session_of(visit)
    height = session.height_cm if session else None
    photos = PosturePhoto.objects.filter(visit=visit, clinic_id=visit.clinic_id,
                                         landmarks__isnull=False)
    out = []
    for photo in sorted(photos, key=lambda p: _VIEW_ORDER.index(p.view)):
        landmarks = photo.landmark_set()
        try:
            jpeg = read_photo(photo_root(), photo.sha256)
        except PhotoStorageError:
            continue  # a missing or damaged file: the letter goes out without that picture
        if landmarks is not None:
            out.append(posture_photo_section(landmarks, jpeg=jpeg, height_cm=height,
                                             report=visit.report))
    return out
