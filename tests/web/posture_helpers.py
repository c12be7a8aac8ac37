"""Shared builders for the posture web tests."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from PIL import Image

SHARED_PHOTO = (Path(__file__).resolve().parents[3] / "shared" / "data" / "pose-annotated"
                / "mpi_inf_3dhp" / "TS1_002001.jpg")


def visit_of(therapist: Any, client: Any) -> Any:
    from tonus.web.visits.services import visit_create

    case = {"format": "tonus.case/1",
            "pain": [{"region": "neck-lateral-r", "intensity": 5, "qualities": ["aching"],
                      "primary": True}]}
    return visit_create(by=therapist, client=client, visit_date=datetime.date(2025, 3, 4),
                        case=case)


def small_jpeg(size: tuple[int, int] = (480, 640)) -> bytes:
    buf = io.BytesIO()
    noise = Image.effect_noise(size, 40).convert("RGB")  # some texture: a realistic file size
    noise.save(buf, format="JPEG", quality=80)
    return buf.getvalue()


def standing_landmarks(view: str = "anterior") -> dict[str, Any]:
    """A symmetric upright person on a 1000×2000 photo (LandmarkSet JSON), level shoulders."""
    from tonus.core.posture.landmarks import Landmark, LandmarkSet

    # image x of the client's right side: anterior photos show it on the image's left
    right_x, left_x = (430.0, 570.0) if view == "anterior" else (570.0, 430.0)
    levels = {"eye": 260, "ear": 270, "shoulder": 420, "hip": 900, "knee": 1350,
              "ankle": 1780, "heel": 1820, "foot_index": 1830}
    points = {"nose": (500.0, 280.0)}
    for part, y in levels.items():
        spread = 1.0 if part in ("shoulder",) else 0.6
        points[f"right_{part}"] = (500 + (right_x - 500) * spread, float(y))
        points[f"left_{part}"] = (500 + (left_x - 500) * spread, float(y))
    landmarks = {name: Landmark(name=name, x=x, y=y, visibility=0.99)
                 for name, (x, y) in points.items()}
    return LandmarkSet(view=view, width=1000, height=2000,  # type: ignore[arg-type]
                       landmarks=landmarks).model_dump(mode="json")


def photo_with_landmarks(visit: Any, uploader: Any, view: str = "anterior") -> Any:
    """A detected photo row (no file needed for the landmark and measure tests)."""
    from tonus.web.posture.models import PosturePhoto

    return PosturePhoto.objects.create(
        clinic_id=visit.clinic_id, visit=visit, view=view, sha256="a" * 64, width=1000,
        height=2000, uploaded_by=uploader, status="done", landmarks=standing_landmarks(view))


def tilted_landmarks() -> dict[str, Any]:
    """The upright person with a lower right shoulder and a higher left hip (findings)."""
    data = standing_landmarks("anterior")
    data["landmarks"]["right_shoulder"]["y"] += 11.0
    data["landmarks"]["left_hip"]["y"] -= 5.0
    return data


def figure_jpeg(landmarks: dict[str, Any]) -> bytes:
    """A plain JPEG of a grey figure standing on its landmarks (for the PDF pictures)."""
    from PIL import ImageDraw

    image = Image.new("RGB", (landmarks["width"], landmarks["height"]), (214, 206, 194))
    draw = ImageDraw.Draw(image)
    pts = {n: (lm["x"], lm["y"]) for n, lm in landmarks["landmarks"].items()}
    nose = pts["nose"]
    draw.ellipse((nose[0] - 75, nose[1] - 120, nose[0] + 75, nose[1] + 70), fill=(120, 100, 90))
    draw.polygon([pts["right_shoulder"], pts["left_shoulder"], pts["left_hip"],
                  pts["right_hip"]], fill=(70, 90, 120))
    for side in ("left", "right"):
        for a, b in (("shoulder", "hip"), ("hip", "knee"), ("knee", "ankle")):
            draw.line([pts[f"{side}_{a}"], pts[f"{side}_{b}"]], fill=(60, 60, 70), width=70)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def stored_photo_with_landmarks(visit: Any, uploader: Any, landmarks: dict[str, Any]) -> Any:
    """A detected anterior photo whose JPEG is really in the photo store."""
    from tonus.vision.intake import accept_photo
    from tonus.vision.storage import store_photo
    from tonus.web.posture.models import PosturePhoto
    from tonus.web.posture.services import photo_root

    stored = store_photo(photo_root(), accept_photo(figure_jpeg(landmarks), filename="f.jpg"))
    return PosturePhoto.objects.create(
        clinic_id=visit.clinic_id, visit=visit, view=landmarks["view"], sha256=stored.sha256,
        width=stored.width, height=stored.height, uploaded_by=uploader, status="done",
        landmarks=landmarks)
