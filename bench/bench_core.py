"""`make bench`: medians for the clinical core.

1. In-process: the time to assess a full case (every field filled) with the whole knowledge base
   already loaded (goal: under 5 ms on the 2-core CI machine).
2. In-process, examined: a case with 10 special tests and a full neuro screen (the ten myotomes,
   the six reflexes, sensation over six regions) (goal: under 10 ms), and the time to compute
   the next tests alone (expected information gain over the top five; goal: under 20 ms).
3. Fresh process: the wall time of `tonus assess CASE --format json` (goal: under 400 ms), with
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


EXAM_CASE = {
    **FULL_CASE,
    "pain": [
        {"region": "neck-posterior-lower-l", "intensity": 6, "qualities": ["aching"],
         "primary": True},
        {"region": "scapula-medial-border-l", "intensity": 3, "qualities": ["aching"]},
        {"region": "forearm-dorsal-radial-l", "intensity": 4, "qualities": ["tingling"]},
        {"region": "finger-thumb-l", "intensity": 5, "qualities": ["tingling", "numbness"],
         "primary": True},
        {"region": "finger-index-l", "intensity": 3, "qualities": ["stabbing"]},
    ],
    "history": {"onset": "insidious", "weeks": 6,
                "aggravated_by": ["cough-sneeze-strain", "neck-extension", "neck-rotation"],
                "eased_by": ["arm-overhead"]},
    "tests": [{"test": t, "side": "l", "result": r, "reproduces_complaint": r == "positive"}
              for t, r in [("spurling", "positive"), ("cervical-distraction", "positive"),
                           ("shoulder-abduction-relief", "positive"), ("ultt-median", "positive"),
                           ("ultt-radial", "equivocal"), ("phalen", "negative"),
                           ("carpal-compression", "negative"), ("adson", "negative"),
                           ("scalene-cramp", "negative"), ("pronator-compression", "negative")]],
    "neuro": [
        *({"kind": "strength", "root": r, "side": "l", "grade": 4 if r == "C6" else 5}
          for r in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")),
        *({"kind": "reflex", "reflex": x, "side": "l",
           "result": "reduced" if x == "brachioradialis" else "normal"}
          for x in ("biceps", "brachioradialis", "triceps", "patellar", "medial-hamstring",
                    "achilles")),
        *({"kind": "sensation", "region": g, "result": "reduced" if g == "finger-thumb-l"
           else "normal"}
          for g in ("finger-thumb-l", "finger-index-l", "finger-middle-l", "finger-little-l",
                    "arm-lateral-l", "forearm-volar-ulnar-l")),
    ],
}


def _timed(fn: object, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_examined(rounds: int = 300) -> tuple[list[float], list[float]]:
    """(assess the examined case, compute its next tests alone), in ms."""
    from tonus.core.assess import assess
    from tonus.core.case import parse_case
    from tonus.core.knowledge.base import load_knowledge
    from tonus.core.plan.next_tests import next_tests
    from tonus.core.reasoning.priors import prior_terms
    from tonus.core.reasoning.ranking import rank
    from tonus.core.reasoning.sources import source_index

    kb = load_knowledge()
    assert len(EXAM_CASE["tests"]) == 10 and len(EXAM_CASE["neuro"]) == 22  # type: ignore[arg-type]
    assess(EXAM_CASE, kb)
    # the next tests before any is done: every candidate is still open
    case = parse_case({k: v for k, v in EXAM_CASE.items() if k not in ("tests", "neuro")})
    ranking = rank(case, source_index(kb), prior_terms(case, kb), kb.prevalence)
    assert next_tests(case, ranking, kb)
    return (_timed(lambda: assess(EXAM_CASE, kb), rounds),
            _timed(lambda: next_tests(case, ranking, kb), rounds))


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
    examined, planning = bench_examined()
    fresh = bench_fresh_process()
    print("clinical core")
    print(f"  assess a full case, in process:   median {statistics.median(inproc):7.2f} ms "
          f"(p90 {statistics.quantiles(inproc, n=10)[-1]:.2f} ms, n={len(inproc)}; goal < 5 ms)")
    print(f"  assess a case with 10 tests and a full neuro screen: median "
          f"{statistics.median(examined):7.2f} ms (p90 "
          f"{statistics.quantiles(examined, n=10)[-1]:.2f} ms; goal < 10 ms)")
    print(f"  next tests (information gain over the top 5): median "
          f"{statistics.median(planning):7.2f} ms (p90 "
          f"{statistics.quantiles(planning, n=10)[-1]:.2f} ms; goal < 20 ms)")
    print(f"  `tonus assess` as a fresh process: median {statistics.median(fresh):7.1f} ms "
          f"(min {min(fresh):.1f} ms, n={len(fresh)}; goal < 400 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
