"""`make bench`: medians for the clinical core.

1. In-process: the time to assess a full case (every field filled) with the whole knowledge base
   already loaded (goal: under 5 ms on the 2-core CI machine).
2. Fresh process: the wall time of `tonus assess CASE --format json` (goal: under 400 ms), with
   the validated knowledge base cached on disk as it is after the first run.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FULL_CASE = {
    "format": "tonus.case/1",
    "client": {"age": 44, "sex": "female"},
    "complaint": "Right-sided headache at the temple after long days at the computer.",
    "pain": [
        {"region": "head-temple-r", "intensity": 6, "qualities": ["aching"], "primary": True},
        {"region": "neck-lateral-r", "intensity": 3, "qualities": ["aching", "stiffness"]},
        {"region": "head-mastoid-r", "intensity": 3, "qualities": ["aching"]},
        {"region": "shoulder-top-r", "intensity": 4, "qualities": ["aching"]},
        {"region": "scapula-medial-border-r", "intensity": 3, "qualities": ["aching"]},
        {"region": "finger-ring-r", "intensity": 2, "qualities": ["tingling"]},
    ],
    "activities": ["desk-work", "phone-on-ear", "bifocals", "mouse-use"],
    "posture": ["forward-head", "shoulder-elevated-r", "shoulders-protracted"],
    "measures": [{"id": "craniovertebral-angle", "value": 44.0, "unit": "deg"},
                 {"id": "shoulder-height-difference", "value": 1.8, "unit": "cm"}],
    "rom": [{"test": "cervical-rotation-l", "degrees": 55}],
    "palpation": [{"muscle": "upper-trapezius", "side": "r", "finding": "active-trigger-point",
                   "reproduces_complaint": True},
                  {"muscle": "levator-scapulae", "side": "r", "finding": "tender"}],
    "screening": {"high-caffeine": True, "high-stress": True, "unrelenting-night-pain": False},
    "sessions_without_progress": 1,
}


def bench_in_process(rounds: int = 300) -> list[float]:
    from tonus.core.assess import assess
    from tonus.core.knowledge.base import load_knowledge

    kb = load_knowledge()
    assess(FULL_CASE, kb)  # warm: compiled sources, lazy tables
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        assess(FULL_CASE, kb)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_fresh_process(rounds: int = 15) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(FULL_CASE, fh)
        path = fh.name
    cmd = [str(Path(sys.executable).parent / "tonus"), "assess", path, "--format", "json"]
    subprocess.run(cmd, check=True, capture_output=True)  # fills the knowledge cache
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - t0) * 1000)
    Path(path).unlink()
    return times


def main() -> int:
    inproc = bench_in_process()
    fresh = bench_fresh_process()
    print("clinical core")
    print(f"  assess a full case, in process:   median {statistics.median(inproc):7.2f} ms "
          f"(p90 {statistics.quantiles(inproc, n=10)[-1]:.2f} ms, n={len(inproc)}; goal < 5 ms)")
    print(f"  `tonus assess` as a fresh process: median {statistics.median(fresh):7.1f} ms "
          f"(min {min(fresh):.1f} ms, n={len(fresh)}; goal < 400 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
