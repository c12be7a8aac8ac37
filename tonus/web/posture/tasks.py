"""Background work: find the landmarks of an uploaded posture photo (django-tasks)."""

from __future__ import annotations

import logging

from django_tasks import task

from tonus.vision.storage import PhotoStorageError, read_photo
from tonus.web.posture.services import photo_detection_finish, photo_detection_start, photo_root

log = logging.getLogger(__name__)

UNEXPECTED = "Landmark detection failed unexpectedly; upload the photo again or place the " \
    "landmarks by hand"


@task()
def detect_photo_landmarks(photo_id: int) -> str:
    """Run BlazePose on the stored photo and record the landmarks or the problem."""
    photo = photo_detection_start(photo_id=photo_id)
    if photo is None:
        return "skipped"
    sha256 = photo.sha256
    try:
        from tonus.vision.pose import PoseProblem, detect_landmarks  # mediapipe: heavy import

        data = read_photo(photo_root(), sha256)
        found = detect_landmarks(data, view=photo.view)  # type: ignore[arg-type]
    except PoseProblem as problem:
        photo_detection_finish(photo_id=photo_id, sha256=sha256, landmarks=None,
                               problem=str(problem))
        return problem.kind
    except PhotoStorageError as error:
        log.error("posture photo %s: %s", photo_id, error)
        photo_detection_finish(photo_id=photo_id, sha256=sha256, landmarks=None,
                               problem="The stored photo could not be read; upload it again")
        return "unreadable"
    except Exception:
        log.exception("landmark detection failed for posture photo %s", photo_id)
        photo_detection_finish(photo_id=photo_id, sha256=sha256, landmarks=None,
                               problem=UNEXPECTED)
        return "error"
    photo_detection_finish(photo_id=photo_id, sha256=sha256, landmarks=found.landmarks)
    return "done"
