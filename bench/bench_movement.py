"""Movement bench: analysis time of a 10-second 720p clip, Tonus pipeline vs bare mediapipe.

The clip is cut at bench time from the shared front squat clip (frames 195-494 of
squat-front-gym.mp4: 300 frames, 10.0 s at 29.97 fps, 1280×720, five squats) into a temporary
folder, never into the repo. Compared, as medians over RUNS interleaved runs after a warm-up:

* bare:      decode the clip, keep the same sampled frames (about 12 a second), and run
             ``mediapipe.solutions.pose.Pose(static_image_mode=False, model_complexity=1)``
             over them: the least any BlazePose analysis of the clip must do
* bare-pose: the same Pose calls alone, on frames decoded beforehand (no decoding)
* tonus:     ``tonus.vision.movement.analyse_clip``: decoding, sampling, Pose in video mode,
             the several-people check, and the core's analysis (view, repetitions, angles,
             thresholds, ranges of motion)
* intake:    ``tonus.vision.video.accept_video`` on the clip's bytes (probe, re-encode without
             metadata), paid once at upload, reported apart

Goals: tonus / bare ≤ 1.2, and tonus faster than the clip's own length (real time) on this
2-core machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import av  # noqa: E402

from tonus.vision.movement import TARGET_FPS, analyse_clip, iter_sampled  # noqa: E402
from tonus.vision.video import accept_video  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "movement" / "squat-front-gym.mp4"
FIRST, LAST = 195, 494
RUNS = 3
GOAL = 1.2


def make_clip(out: Path) -> float:
    """Frames FIRST..LAST of the source as a fresh 720p H.264 MP4; its length in seconds."""
    with av.open(str(SOURCE)) as src, av.open(str(out), "w") as dst:
        rate = src.streams.video[0].average_rate or Fraction(30000, 1001)
        stream = dst.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        n = 0
        for i, frame in enumerate(src.decode(video=0)):
            if i > LAST:
                break
            if i >= FIRST:
                for p in stream.encode(frame.reformat(1280, 720, "yuv420p")):
                    dst.mux(p)
                n += 1
        for p in stream.encode(None):
            dst.mux(p)
    return n / float(rate)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    if not SOURCE.exists():
        print(f"bench_movement: {SOURCE} is absent; skipped")
        return 0
    from mediapipe.python.solutions import pose as mp_pose

    with tempfile.TemporaryDirectory(prefix="tonus-bench-movement-") as tmp:
        clip = Path(tmp) / "squat-10s-720p.mp4"
        seconds = make_clip(clip)
        frames = [rgb for _, _, rgb in iter_sampled(clip)]

        def bare(decode: bool) -> None:
            with mp_pose.Pose(static_image_mode=False, model_complexity=1) as pose:
                source = (rgb for _, _, rgb in iter_sampled(clip)) if decode else iter(frames)
                for rgb in source:
                    pose.process(rgb)

        def tonus() -> Any:
            return analyse_clip(clip, screen="overhead-squat", view="front")

        result, _ = tonus()  # warm-up (models loaded) and a check that it analyses the clip
        bare(True)
        times: dict[str, list[float]] = {"bare": [], "bare-pose": [], "tonus": []}
        for _ in range(RUNS):
            times["bare"].append(timed(lambda: bare(True)))
            times["bare-pose"].append(timed(lambda: bare(False)))
            times["tonus"].append(timed(tonus))
        data = clip.read_bytes()
        intake = statistics.median(timed(lambda: accept_video(data, filename="bench.mp4"))
                                   for _ in range(RUNS))
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["tonus"] / med["bare"]
    print(f"movement bench: {seconds:.1f} s clip, 1280×720, {len(frames)} frames sampled "
          f"({len(frames) / seconds:.0f}/s for a target of {TARGET_FPS:g}/s), "
          f"{len(result.reps)} repetitions found; medians of {RUNS} runs")
    print(f"  bare (decode + Pose):  {med['bare']:6.2f} s")
    print(f"  bare-pose (Pose only): {med['bare-pose']:6.2f} s")
    print(f"  tonus analyse_clip:    {med['tonus']:6.2f} s   tonus/bare = {ratio:.2f} "
          f"(goal ≤ {GOAL}) {'OK' if ratio <= GOAL else 'OVER'}")
    rt = med["tonus"] / seconds
    print(f"  vs clip length:        {rt:.2f} × real time (goal < 1) "
          f"{'OK' if rt < 1 else 'OVER'}")
    print(f"  upload intake (probe + re-encode, once): {intake:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
