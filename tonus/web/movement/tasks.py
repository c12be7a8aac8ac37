"""Background work: analyse an uploaded movement clip (django-tasks, like posture photos)."""

from __future__ import annotations

import logging

from django_tasks import task

from tonus.vision.storage import PhotoStorageError, clip_path
from tonus.web.movement.services import clip_analysis_finish, clip_analysis_start, clip_root

log = logging.getLogger(__name__)

UNEXPECTED = "The movement analysis failed unexpectedly; upload the clip again"


@task()
def analyse_movement_clip(clip_id: int) -> str:
    """BlazePose over the stored clip, then the core's analysis of its screen."""
    clip = clip_analysis_start(clip_id=clip_id)
    if clip is None:
        return "skipped"
    sha256 = clip.sha256
    try:
        from tonus.core.movement.analysis import MovementProblem
        from tonus.vision.movement import analyse_clip  # mediapipe: heavy import

        path = clip_path(clip_root(), sha256)
        if not path.is_file():
            raise PhotoStorageError(f"missing clip {sha256}")
        result, clip_landmarks = analyse_clip(path, screen=clip.screen,
                                              view=clip.view,  # type: ignore[arg-type]
                                              stance_side=clip.stance_side)
    except MovementProblem as problem:
        clip_analysis_finish(clip_id=clip_id, sha256=sha256, analysis=None, landmarks=None,
                             problem=str(problem))
        return problem.kind
    except PhotoStorageError as error:
        log.error("movement clip %s: %s", clip_id, error)
        clip_analysis_finish(clip_id=clip_id, sha256=sha256, analysis=None, landmarks=None,
                             problem="The stored clip could not be read; upload it again")
        return "unreadable"
    except Exception:
        log.exception("movement analysis failed for clip %s", clip_id)
        clip_analysis_finish(clip_id=clip_id, sha256=sha256, analysis=None, landmarks=None,
                             problem=UNEXPECTED)
        return "error"
    landmarks = {
        "width": clip_landmarks.width, "height": clip_landmarks.height,
        "times": clip_landmarks.times,
        "frames": [None if f is None else [[round(x, 1), round(y, 1), round(v, 2)]
                                           for x, y, v in f] for f in clip_landmarks.frames],
    }
    clip_analysis_finish(clip_id=clip_id, sha256=sha256, analysis=result, landmarks=landmarks)
    return "done"
