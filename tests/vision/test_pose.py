"""BlazePose landmarks on real annotated photos (read from ../shared at test time, never copied).

Accuracy check: each labelled person (COCO-17 keypoints, coco/ and ochuman/) is cropped to its
box plus a 25 % margin on each side; detection must find a person in every crop, and at least
80 % of all labelled keypoints (over all crops) must lie within 10 % of the person's box
diagonal of the ground truth. COCO's 17 keypoints map to BlazePose indices: nose 0, eyes 2/5,
ears 7/8, shoulders 11/12, elbows 13/14, wrists 15/16, hips 23/24, knees 25/26, ankles 27/28.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from PIL import Image

from tests.conftest import SHARED
from tonus.core.posture.landmarks import BLAZEPOSE_NAMES
from tonus.vision.pose import PoseProblem, detect_landmarks

DATA = SHARED / "data" / "pose-annotated"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} is absent")

COCO_TO_BLAZEPOSE = (0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)
TOLERANCE = 0.10  # of the box diagonal
MIN_WITHIN = 0.80


def _crop(path: Path, bbox: list[float], margin: float = 0.25,
          ) -> tuple[npt.NDArray[np.uint8], int, int]:
    x, y, w, h = bbox
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    x0, y0 = max(0, int(x - margin * w)), max(0, int(y - margin * h))
    x1 = min(rgb.width, int(x + w + margin * w))
    y1 = min(rgb.height, int(y + h + margin * h))
    return np.asarray(rgb.crop((x0, y0, x1, y1))), x0, y0


def _labelled_people() -> list[tuple[Path, dict[str, Any]]]:
    people = []
    for folder, name in (("coco", "test_coco.json"), ("ochuman", "test_ochuman.json")):
        spec = json.loads((DATA / folder / name).read_text())
        files = {im["id"]: DATA / folder / im["file_name"] for im in spec["images"]}
        for ann in spec["annotations"]:
            if ann.get("num_keypoints", 0) > 0:
                people.append((files[ann["image_id"]], ann))
    return people


def test_landmarks_match_coco_keypoints() -> None:
    within = labelled = 0
    report = []
    for path, ann in _labelled_people():
        crop, ox, oy = _crop(path, ann["bbox"])
        found = detect_landmarks(crop, view="anterior", require_full_body=False,
                                 require_single_person=False)
        assert (found.width, found.height) == (crop.shape[1], crop.shape[0])
        assert len(found.landmarks.landmarks) == 33
        kp = np.asarray(ann["keypoints"], dtype=float).reshape(17, 3)
        diagonal = float(np.hypot(ann["bbox"][2], ann["bbox"][3]))
        ok = n = 0
        for coco, bp in enumerate(COCO_TO_BLAZEPOSE):
            if kp[coco, 2] <= 0:
                continue
            lm = found.landmarks.landmarks[BLAZEPOSE_NAMES[bp]]
            n += 1
            ok += np.hypot(lm.x + ox - kp[coco, 0], lm.y + oy - kp[coco, 1]) <= \
                TOLERANCE * diagonal
        within, labelled = within + ok, labelled + n
        report.append(f"{path.name}: {ok}/{n}")
    assert labelled > 200
    assert within / labelled >= MIN_WITHIN, ", ".join(report)


def test_standing_person_whole_body_in_pixels() -> None:
    path = DATA / "mpi_inf_3dhp" / "TS1_002001.jpg"
    data = path.read_bytes()
    found = detect_landmarks(data, view="anterior")  # encoded bytes work too
    lms = found.landmarks.landmarks
    assert found.landmarks.view == "anterior" and found.width == 2048
    assert lms["nose"].y < lms["left_hip"].y < lms["left_ankle"].y  # pixels, y downward
    assert all(0 <= lm.x <= found.width and 0 <= lm.y <= found.height for lm in lms.values())
    assert lms["nose"].visibility > 0.5


def test_blank_image_has_no_person() -> None:
    with pytest.raises(PoseProblem, match="No person was found") as info:
        detect_landmarks(np.full((1280, 720, 3), 200, np.uint8), view="anterior")
    assert info.value.kind == "no-person"


def _person(path: Path, height: int = 900) -> npt.NDArray[np.uint8]:
    """The whole-body person of a lab photo, cropped around BlazePose's box, ``height`` tall."""
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    found = detect_landmarks(np.asarray(rgb), view="anterior")
    xs = [lm.x for lm in found.landmarks.landmarks.values()]
    ys = [lm.y for lm in found.landmarks.landmarks.values()]
    pad = 0.15 * (max(ys) - min(ys))
    box = (max(0, int(min(xs) - pad)), max(0, int(min(ys) - pad)),
           min(rgb.width, int(max(xs) + pad)), min(rgb.height, int(max(ys) + pad)))
    crop = rgb.crop(box)
    return np.asarray(crop.resize((round(crop.width * height / crop.height), height)))


def test_two_people_side_by_side() -> None:
    left = _person(DATA / "mpi_inf_3dhp" / "TS1_002001.jpg")
    right = _person(DATA / "h36m" / "S1" / "S1_Directions_1.54138969"
                    / "S1_Directions_1.54138969_000001.jpg")
    both = np.ascontiguousarray(np.concatenate([left, right], axis=1))
    with pytest.raises(PoseProblem, match="Several people") as info:
        detect_landmarks(both, view="anterior")
    assert info.value.kind == "several-people"
    detect_landmarks(np.ascontiguousarray(left), view="anterior")  # each alone is fine


def test_crowd_photo_has_several_people() -> None:
    with pytest.raises(PoseProblem, match="Several people"):
        detect_landmarks((DATA / "ochuman" / "000817.jpg").read_bytes(), view="anterior")


def test_cropped_body_is_refused() -> None:
    with Image.open(DATA / "mpi_inf_3dhp" / "TS1_002001.jpg") as im:
        rgb = np.asarray(im.convert("RGB"))
    found = detect_landmarks(rgb, view="anterior")
    knee = int(found.landmarks.landmarks["left_knee"].y)
    with pytest.raises(PoseProblem, match="feet are cut off") as info:
        detect_landmarks(np.ascontiguousarray(rgb[:knee]), view="anterior")
    assert info.value.kind == "cropped"
    shoulder = int(found.landmarks.landmarks["left_shoulder"].y)
    with pytest.raises(PoseProblem, match="head is cut off"):
        detect_landmarks(np.ascontiguousarray(rgb[shoulder:]), view="anterior")
