"""What the posture pages show, computed from the core (no clinical rule here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tonus.core.posture.geometry import PostureGeometry, analyse
from tonus.core.posture.landmarks import BLAZEPOSE_NAMES, LandmarkSet
from tonus.core.posture.norms import definition_of
from tonus.reports.posture_overlay import landmark_label, near_side
from tonus.reports.posture_summary import normal_range, short_name, unit_symbol
from tonus.web.labels import id_label
from tonus.web.posture.models import PosturePhoto

_CALIBRATION_WORDS = {
    "plumb-line": "plumb line", "level": "level", "image": "the photo's edges (no plumb line or "
    "level marked)",
}


@dataclass(frozen=True)
class PaletteItem:
    name: str
    label: str
    placed: bool
    group: str  # "anatomy", "calibration" or "detected"


def finding_label(finding: str) -> str:
    """'shoulder-elevated-r' -> 'Shoulder elevated (right)'."""
    base, side = (finding[:-2], finding[-1]) if finding[-2:] in ("-l", "-r") else (finding, "")
    return id_label(base) + {"l": " (left)", "r": " (right)", "": ""}[side]


def geometry_of(photo: PosturePhoto, height_cm: float | None) -> PostureGeometry | None:
    landmarks = photo.landmark_set()
    return None if landmarks is None else analyse(landmarks, height_cm)


def measure_rows(geometry: PostureGeometry) -> list[dict[str, Any]]:
    rows = []
    for result in geometry.results:
        mdef, side = definition_of(result.id)
        value = None if result.value is None else \
            f"{result.value:+.1f}{unit_symbol(result.unit)}".replace("-", "−")
        finding = result.finding
        rows.append({
            "id": result.id,
            "name": short_name(mdef.name) + (", left" if side == "l" else ", right" if side == "r"
                                             else ""),
            "value": value,
            "normal": normal_range(result.id),
            "hint": f"{mdef.name}: {mdef.definition} {mdef.sign}",
            "approximated": result.approximated,
            "note": result.note or "",
            "finding": finding_label(finding.finding) if finding else "",
            "severity": finding.severity if finding else "",
        })
    return rows


def calibration_words(geometry: PostureGeometry) -> str:
    words = _CALIBRATION_WORDS[geometry.calibration]
    if geometry.calibration != "image" and abs(geometry.rotation_deg) >= 0.05:
        words += f", photo rotated {geometry.rotation_deg:+.1f}°"
    return words


def palette(photo: PosturePhoto) -> list[PaletteItem]:
    """Landmarks the therapist may place on this view (placed ones can be removed)."""
    landmarks = photo.landmark_set() or LandmarkSet(
        view=photo.view, width=photo.width, height=photo.height)
    if photo.view in ("anterior", "posterior"):
        pelvis = "asis" if photo.view == "anterior" else "psis"
        anatomy = [f"left_{pelvis}", f"right_{pelvis}"]
        detected = [f"{s}_{p}" for p in ("ear", "shoulder", "hip", "knee", "ankle", "heel")
                    for s in ("left", "right")]
    else:
        n = near_side(landmarks)
        anatomy = ["c7", f"{n}_tragus", "greater_trochanter", "lateral_knee", "lateral_malleolus"]
        detected = ["nose"] + [f"{n}_{p}" for p in
                               ("ear", "shoulder", "hip", "knee", "ankle", "heel", "foot_index")]
    items = [PaletteItem(n, landmark_label(n), n in landmarks, "anatomy") for n in anatomy]
    items += [PaletteItem(n, landmark_label(n), n in landmarks, "calibration")
              for n in ("plumb_top", "plumb_bottom", "level_left", "level_right")]
    # Detection missed some (or failed): the therapist places them by hand.
    items += [PaletteItem(n, landmark_label(n), False, "detected") for n in detected
              if n in BLAZEPOSE_NAMES and n not in landmarks]
    return items
