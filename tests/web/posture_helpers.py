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
