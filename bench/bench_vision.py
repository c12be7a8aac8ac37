"""Vision bench: time per 1080×1920 posture photo, Tonus pipeline vs bare mediapipe.

The photo is made in memory from a shared lab photo of a standing person (never stored in the
repo), decoded once to an RGB array. Compared, as medians over RUNS runs after warm-up:

* bare:     ``mediapipe.solutions.pose.Pose(static_image_mode=True, model_complexity=1).process``
* tonus:    ``detect_landmarks`` (whole-body and several-people checks on) + posture measures
            (``tonus.core.posture.geometry.analyse``, when that module exists)
* no-multi: the same without the several-people check (whose second detector pass is the one
            cost the bare call does not pay)

Goal: tonus / bare ≤ 1.15.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tonus.vision.pose import detect_landmarks  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "pose-annotated" / "mpi_inf_3dhp" / "TS1_002001.jpg"
RUNS = 15
WARMUP = 3
GOAL = 1.15


def portrait_photo() -> npt.NDArray[np.uint8]:
    """A 1080×1920 portrait RGB array centred on the standing person of the source photo."""
    with Image.open(SOURCE) as im:
        rgb = im.convert("RGB")
    found = detect_landmarks(np.asarray(rgb), view="anterior")
    cx = statistics.fmean(lm.x for lm in found.landmarks.landmarks.values())
    crop_w = round(rgb.height * 9 / 16)
    x0 = int(min(max(0, cx - crop_w / 2), rgb.width - crop_w))
    portrait = rgb.crop((x0, 0, x0 + crop_w, rgb.height)).resize(
        (1080, 1920), Image.Resampling.BICUBIC)
    return np.asarray(portrait)


def median_ms(fn: Callable[[], object]) -> float:
    for _ in range(WARMUP):
        fn()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    if not SOURCE.is_file():
        print(f"skipped: {SOURCE} is absent")
        return 0
    from mediapipe.python.solutions import pose as mp_pose

    rgb = portrait_photo()
    assert rgb.shape == (1920, 1080, 3) and rgb.dtype == np.uint8

    analyse: Callable[..., Any] | None = None
    if importlib.util.find_spec("tonus.core.posture.geometry") is not None:
        from tonus.core.posture.geometry import analyse

    bare_pose = mp_pose.Pose(static_image_mode=True, model_complexity=1)

    def bare() -> object:
        return bare_pose.process(rgb)

    def tonus(single: bool = True) -> object:
        found = detect_landmarks(rgb, view="anterior", require_single_person=single)
        return analyse(found.landmarks) if analyse is not None else found

    bare_ms = median_ms(bare)
    tonus_ms = median_ms(tonus)
    no_multi_ms = median_ms(lambda: tonus(single=False))
    what = "detect_landmarks + measures" if analyse is not None else "detect_landmarks only"
    print(f"1080x1920 portrait photo, median of {RUNS} runs after {WARMUP} warm-up runs")
    print(f"  bare mediapipe Pose.process          {bare_ms:7.1f} ms")
    print(f"  tonus {what:<31}{tonus_ms:7.1f} ms   ratio {tonus_ms / bare_ms:.2f}"
          f"  (goal ≤ {GOAL})")
    print(f"  same, without several-people check   {no_multi_ms:7.1f} ms   ratio "
          f"{no_multi_ms / bare_ms:.2f}")
    bare_pose.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
