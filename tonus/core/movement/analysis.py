"""A movement screen from a sequence of landmark frames: view, repetitions, angles, findings.

Input: the sampled frames of one clip (BlazePose points per frame, ``None`` where no person was
found) with their times. Steps: smooth the landmarks over neighbouring frames; check the view
(front or side) against the screen's slot; follow one signal (knee flexion for squats, arm
elevation for arm raises) and cut it into repetitions; compute the angles at each repetition's
deepest (or highest) frame; decide each compensation by its rule in ``thresholds.py``; propose
the ranges of motion reached. Problems a therapist can act on raise :class:`MovementProblem`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tonus.core.ids import vocabulary
from tonus.core.movement import geometry as g
from tonus.core.movement.geometry import Frame, Point
from tonus.core.movement.thresholds import (
    FRONT_RATIO,
    MIN_EXCURSION,
    MIN_SHARE,
    MIN_SQUAT_KNEE_FLEXION,
    RULES,
    SQUARE_ON_YAW,
    YAW_SENSITIVE,
    Rule,
)

ProblemKind = Literal["no-person", "several-people", "wrong-view", "no-repetition", "unreadable"]
View = Literal["front", "side"]

SCREEN_SIGNAL = {"overhead-squat": "squat", "single-leg-squat": "squat", "arm-raise": "arm"}
SMOOTH_HALF_WINDOW = 1  # frames either side (at 10-15 fps: about 0.1 s)
MIN_PERSON_SHARE = 0.3  # a person in fewer sampled frames than this: no usable clip
SIDE_WORD = {"l": "left", "r": "right"}


class MovementProblem(ValueError):  # noqa: N818 - reads as what is wrong with the clip
    """The clip cannot be analysed as asked; ``str(exc)`` is for the therapist."""

    def __init__(self, message: str, *, kind: ProblemKind) -> None:
        super().__init__(message)
        self.kind: ProblemKind = kind


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Repetition(_Model):
    index: int  # 1-based, as the therapist counts
    start: int  # sampled-frame indices
    deepest: int
    end: int
    time_s: float  # time of the deepest frame
    measures: dict[str, float]  # the angles at the deepest frame


class FindingProposal(_Model):
    finding: str
    side: str | None  # l / r for sided findings
    reps: list[int]  # 1-based repetitions that show it
    frames: list[int]  # their deepest sampled-frame indices
    measure: str
    worst: float
    threshold: float
    unit: str
    words: str  # for the therapist and the case's evidence
    source: str


class RomProposal(_Model):
    test: str  # a rom-tests.yaml id with its side (knee-flexion-l)
    degrees: float
    rep: int
    frame: int
    words: str


class MovementAnalysis(_Model):
    screen: str
    view: View
    stance_side: str | None
    frontal_ratio: float
    times: list[float]
    series: dict[str, list[float | None]]  # per sampled frame
    lines: dict[str, list[tuple[float, str]]]  # threshold lines for the timeline, per series
    reps: list[Repetition]
    findings: list[FindingProposal]
    rom: list[RomProposal]
    notes: list[str]


# ------------------------------------------------------------------------------- smoothing


def smooth(frames: Sequence[Frame | None], half: int = SMOOTH_HALF_WINDOW) -> list[Frame | None]:
    """Centred moving average of each landmark over the frames that have a person."""
    out: list[Frame | None] = []
    for i, f in enumerate(frames):
        if f is None:
            out.append(None)
            continue
        near = [frames[j] for j in range(max(0, i - half), min(len(frames), i + half + 1))]
        have = [n for n in near if n is not None]
        points: list[Point] = []
        for k in range(len(f)):
            xs = [n[k][0] for n in have]
            ys = [n[k][1] for n in have]
            vis = min(n[k][2] for n in have)
            points.append((sum(xs) / len(xs), sum(ys) / len(ys), vis))
        out.append(points)
    return out


# ------------------------------------------------------------------------------- series

Measure = Callable[[Frame], float | None]


def _measures(view: View, near: str) -> dict[str, Measure]:
    m: dict[str, Measure] = {}
    for s in g.SIDES:
        m[f"knee_flexion_{s}"] = lambda f, s=s: g.knee_flexion(f, s)  # type: ignore[misc]
        m[f"hip_flexion_{s}"] = lambda f, s=s: g.hip_flexion(f, s)  # type: ignore[misc]
        m[f"arm_elevation_{s}"] = lambda f, s=s: g.arm_elevation(f, s)  # type: ignore[misc]
    m["trunk_inclination"] = g.trunk_inclination
    if view == "front":
        for s in g.SIDES:
            m[f"knee_frontal_{s}"] = lambda f, s=s: g.knee_frontal_angle(f, s)  # type: ignore[misc]
            m[f"knee_medial_{s}"] = \
                lambda f, s=s: g.knee_medial_travel(f, s)  # type: ignore[misc]
            m[f"pelvic_drop_{s}"] = lambda f, s=s: g.pelvic_drop(f, s)  # type: ignore[misc]
            m[f"shoulder_height_{s}"] = \
                lambda f, s=s: g.shoulder_height(f, s)  # type: ignore[misc]
        m["trunk_lean"] = g.trunk_lean
        m["knee_separation"] = g.knee_separation
        m["pelvis_shift"] = g.pelvis_shift
    else:
        m[f"tibia_inclination_{near}"] = lambda f: g.tibia_inclination(f, near)
        m[f"heel_lift_{near}"] = lambda f: g.heel_lift(f, near)

        def lean_over_tibia(f: Frame) -> float | None:
            trunk, tibia = g.trunk_inclination(f), g.tibia_inclination(f, near)
            return None if trunk is None or tibia is None else trunk - tibia
        m["lean_over_tibia"] = lean_over_tibia
    return m


def _mean(values: Sequence[float | None]) -> float | None:
    have = [v for v in values if v is not None]
    return sum(have) / len(have) if have else None


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 3)


# ------------------------------------------------------------------------------- repetitions


def find_repetitions(signal: Sequence[float | None], min_excursion: float,
                     min_frames: int = 2) -> list[tuple[int, int, int]]:
    """(start, peak, end) of each excursion of the signal above its standing level.

    The standing level is the 10th percentile of the signal. A repetition starts when the signal
    rises past half the minimum excursion above it, ends when it falls back under a quarter, and
    counts only if its peak reaches the whole minimum excursion (hysteresis: noise at the
    crossing does not split or invent repetitions). Missing samples neither start nor end one.
    """
    have = sorted(v for v in signal if v is not None)
    if not have:
        return []
    base = have[int(0.1 * (len(have) - 1))]
    enter, leave, need = base + min_excursion / 2, base + min_excursion / 4, base + min_excursion
    reps: list[tuple[int, int, int]] = []
    start: int | None = None
    peak = -1
    for i, v in enumerate(signal):
        if v is None:
            continue
        if start is None:
            if v >= enter:
                start, peak = i, i
        else:
            if v > (signal[peak] or -math.inf):
                peak = i
            if v < leave:
                if (signal[peak] or -math.inf) >= need and i - start >= min_frames:
                    reps.append((start, peak, i))
                start = None
    if start is not None and (signal[peak] or -math.inf) >= need:
        reps.append((start, peak, len(signal) - 1))  # the clip ended in the repetition
    return reps


# ------------------------------------------------------------------------------- analysis


def _view_of(frames: Sequence[Frame | None]) -> tuple[View, float]:
    ratios = [r for f in frames if f is not None and (r := g.frontal_ratio(f)) is not None]
    if not ratios:
        raise MovementProblem("The shoulders and hips are not visible: film the whole body",
                              kind="no-person")
    ratio = statistics.median(ratios)
    return ("front" if ratio >= FRONT_RATIO else "side"), ratio


def _side_word(side: str | None) -> str:
    return f"{SIDE_WORD[side]} " if side else ""


def analyse(screen: str, view: View, frames: Sequence[Frame | None], times: Sequence[float], *,
            stance_side: str | None = None,
            yaw: Sequence[float | None] | None = None) -> MovementAnalysis:
    """Analyse one clip of a movement screen seen from ``view`` (the slot's view).

    ``yaw``: per frame, how far the client is turned from the camera (degrees, from BlazePose's
    3D landmarks) where known; frontal-plane rules it distorts are skipped beyond 20°."""
    if screen not in SCREEN_SIGNAL:
        raise ValueError(f"unknown movement screen {screen!r}")
    if len(frames) != len(times):
        raise ValueError("frames and times differ in length")
    if screen == "single-leg-squat" and stance_side not in ("l", "r"):
        raise ValueError("a single-leg squat needs the stance side (l or r)")
    present = sum(f is not None for f in frames)
    if present == 0:
        raise MovementProblem("No person was found in the clip", kind="no-person")
    if present < MIN_PERSON_SHARE * len(frames):
        raise MovementProblem(
            f"A person was found in only {100 * present // len(frames)} % of the clip; film "
            "the whole body throughout", kind="no-person")
    sm = smooth(frames)
    seen, ratio = _view_of(sm)
    if seen != view:
        raise MovementProblem(
            f"This clip looks like a {seen} view, but it was recorded as the {view} view of the "
            f"{screen.replace('-', ' ')}; film again from the {view} or upload it to the "
            f"{seen} slot", kind="wrong-view")
    near = g.near_side(sm)
    measures = _measures(view, near)
    series: dict[str, list[float | None]] = {
        name: [None if f is None else fn(f) for f in sm] for name, fn in measures.items()}
    if view == "front":
        for s in g.SIDES:  # how far each shoulder rose beyond the other one, from standing
            series[f"shoulder_rise_{s}"] = [None] * len(sm)
    kind = SCREEN_SIGNAL[screen]
    if kind == "squat":
        heights = [None if f is None else g.hip_height(f, stance_side) for f in sm]
        series["hip_lowering"] = _lowering(heights)
        signal = series["hip_lowering"]
    else:
        arms = [near] if view == "side" else list(g.SIDES)
        signal = [_mean([series[f"arm_elevation_{s}"][i] for s in arms]) for i in range(len(sm))]
    spans = find_repetitions(signal, MIN_EXCURSION[kind])
    why = (f"the hips never went down by {MIN_EXCURSION[kind]:g} % of their standing height"
           if kind == "squat" else
           f"the arms never rose {MIN_EXCURSION[kind]:g}° from the starting position")
    if screen == "overhead-squat" and view == "front" and spans:
        spans = [sp for sp in spans
                 if _max_knee(series, list(g.SIDES), sp) >= MIN_SQUAT_KNEE_FLEXION]
        why = (f"the hips went down, but the knees never bent {MIN_SQUAT_KNEE_FLEXION:g}° "
               "(a jump or a step is not a squat)")
    if not spans:
        what = "squat" if kind == "squat" else "arm raise"
        raise MovementProblem(f"No {what} repetition was found: {why}", kind="no-repetition")
    standing = _standing_frames(signal, spans)
    baseline = {name: _median([vals[i] for i in standing]) for name, vals in series.items()}
    if view == "front":
        _shoulder_rise(series, baseline)
        for s in g.SIDES:
            baseline[f"shoulder_rise_{s}"] = 0.0
    reps = [Repetition(index=n + 1, start=a, deepest=p, end=b, time_s=round(times[p], 3),
                       measures={k: round(x, 2) for k, v in series.items()
                                 if (x := v[p]) is not None})
            for n, (a, p, b) in enumerate(spans)]
    turned = _median([None if y is None else abs(y) for y in yaw]) if yaw else None
    skip = YAW_SENSITIVE if (view == "front" and turned is not None
                             and turned > SQUARE_ON_YAW) else frozenset()
    findings, lines = _findings(screen, view, stance_side, near, series, baseline, reps, skip)
    rom = _rom(screen, view, near, series, reps)
    notes = []
    if skip:
        notes.append(f"The client is turned about {turned:.0f}° from the camera: weight shift, "
                     "trunk lean and hip drop were not judged (film square-on to judge them)")
    if ratio < 0.6 and view == "front":
        notes.append("The client is turned somewhat away from the camera; frontal angles are "
                     "less exact than from straight in front")
    return MovementAnalysis(
        screen=screen, view=view, stance_side=stance_side, frontal_ratio=round(ratio, 3),
        times=[round(t, 3) for t in times],
        series={k: [_round(v) for v in vals] for k, vals in series.items()},
        lines=lines, reps=reps, findings=findings, rom=rom, notes=notes)


def _max_knee(series: dict[str, list[float | None]], legs: list[str],
              span: tuple[int, int, int]) -> float:
    values = [v for s in legs for v in series[f"knee_flexion_{s}"][span[0]:span[2] + 1]
              if v is not None]
    return max(values, default=0.0)


def _lowering(heights: Sequence[float | None]) -> list[float | None]:
    """How far the hips are below their standing height, in % of it (0 standing)."""
    have = sorted(h for h in heights if h is not None)
    if not have:
        return [None] * len(heights)
    ref = have[int(0.9 * (len(have) - 1))]
    if ref <= 0:
        return [None] * len(heights)
    return [None if h is None else 100.0 * (1.0 - h / ref) for h in heights]


def _median(values: Sequence[float | None]) -> float | None:
    have = [v for v in values if v is not None]
    return statistics.median(have) if have else None


def _standing_frames(signal: Sequence[float | None],
                     spans: list[tuple[int, int, int]]) -> list[int]:
    """Frames outside every repetition (the client standing), or the first frames if none."""
    inside = {i for a, _, b in spans for i in range(a, b + 1)}
    out = [i for i, v in enumerate(signal) if v is not None and i not in inside]
    return out or [i for i, v in enumerate(signal[: spans[0][0] + 1]) if v is not None]


def _shoulder_rise(series: dict[str, list[float | None]],
                   baseline: dict[str, float | None]) -> None:
    """Per frame: how much more this shoulder rose (toward the ear) than the other one."""
    n = len(series["shoulder_height_l"])
    for s, o in (("l", "r"), ("r", "l")):
        bs, bo = baseline[f"shoulder_height_{s}"], baseline[f"shoulder_height_{o}"]
        out: list[float | None] = []
        for i in range(n):
            hs, ho = series[f"shoulder_height_{s}"][i], series[f"shoulder_height_{o}"][i]
            if None in (hs, ho, bs, bo):
                out.append(None)
            else:
                out.append((bs - hs) - (bo - ho))  # type: ignore[operator]
        series[f"shoulder_rise_{s}"] = out


def _rule_sides(rule: Rule, stance: str | None, near: str) -> list[str | None]:
    if rule.sides == "each":
        return list(g.SIDES)
    if rule.sides == "stance":
        return [stance]
    if rule.sides == "other":
        return ["r" if stance == "l" else "l"]
    if rule.sides == "near":
        return [near]
    return [None]  # none / lean


def _findings(screen: str, view: View, stance: str | None, near: str,
              series: dict[str, list[float | None]], baseline: dict[str, float | None],
              reps: list[Repetition], skip: frozenset[str]
              ) -> tuple[list[FindingProposal], dict[str, list[tuple[float, str]]]]:
    out: list[FindingProposal] = []
    lines: dict[str, list[tuple[float, str]]] = {}
    need = max(1, math.ceil(MIN_SHARE * len(reps)))
    for rule in RULES:
        if rule.screen != screen or rule.view != view or rule.finding in skip:
            continue
        for side in _rule_sides(rule, stance, near):
            name = rule.measure.replace("{s}", side or "")
            values = series.get(name)
            if values is None:
                continue
            base = baseline.get(name) if rule.relative else 0.0
            if base is None:
                continue
            if rule.sides == "pair":
                lines.setdefault(name, []).append((rule.threshold, rule.finding))
                _decide_pair(out, rule, series, baseline, reps, need)
                continue
            if rule.sides == "lean":
                lines.setdefault(name, []).extend(
                    [(round(base + rule.threshold, 3), f"{rule.finding} (left)"),
                     (round(base - rule.threshold, 3), f"{rule.finding} (right)")])
                for lean_side, sign in (("l", 1.0), ("r", -1.0)):
                    _decide(out, rule, lean_side, name, values, base, sign, reps, need)
                continue
            lines.setdefault(name, []).append(
                (round(base + rule.threshold, 3), rule.finding))
            _decide(out, rule, side, name, values, base, 1.0, reps, need)
    return out, lines


def _decide(out: list[FindingProposal], rule: Rule, side: str | None, name: str,
            values: Sequence[float | None], base: float, sign: float,
            reps: list[Repetition], need: int) -> None:
    hits: list[tuple[Repetition, float]] = []
    for rep in reps:
        v = values[rep.deepest]
        if v is None:
            continue
        change = (v - base) * sign
        if (change >= rule.threshold) if rule.above else (change <= rule.threshold):
            hits.append((rep, change))
    _propose(out, rule, side, name, reps, need, hits)


def _propose(out: list[FindingProposal], rule: Rule, side: str | None, name: str,
             reps: list[Repetition], need: int, hits: list[tuple[Repetition, float]]) -> None:
    if len(hits) < need:
        return
    if not vocabulary().movement_findings[rule.finding]:
        side = None  # measured on one side (the one facing the camera), named without one
    worst = (max if rule.above else min)(c for _, c in hits)
    shown = "°" if rule.unit == "°" else f" {rule.unit}"
    measured = "from standing " if rule.relative else ""
    words = (f"{rule.screen.replace('-', ' ')} ({rule.view}): "
             f"{rule.words.format(side=_side_word(side))} in {len(hits)} of {len(reps)} "
             f"repetitions (up to {worst:.2f}{shown} {measured}against a threshold of "
             f"{rule.threshold:g}{shown})")
    out.append(FindingProposal(
        finding=rule.finding, side=side, reps=[r.index for r, _ in hits],
        frames=[r.deepest for r, _ in hits], measure=name, worst=round(worst, 3),
        threshold=rule.threshold, unit=rule.unit, words=words, source=rule.source))


def _decide_pair(out: list[FindingProposal], rule: Rule,
                 series: dict[str, list[float | None]], baseline: dict[str, float | None],
                 reps: list[Repetition], need: int) -> None:
    """A two-knee measure under its threshold, attributed to the knee(s) that moved in."""
    per_side: dict[str, list[tuple[Repetition, float]]] = {"l": [], "r": []}
    for rep in reps:
        v = series[rule.measure][rep.deepest]
        if v is None or v > rule.threshold:
            continue
        travel = {}
        for s in g.SIDES:
            now, base = series[f"knee_medial_{s}"][rep.deepest], baseline[f"knee_medial_{s}"]
            travel[s] = max(0.0, now - base) if now is not None and base is not None else 0.0
        total = sum(travel.values())
        for s in g.SIDES:
            if total == 0 or travel[s] >= total / 3:
                per_side[s].append((rep, v))
    for s in g.SIDES:
        _propose(out, rule, s, rule.measure, reps, need, per_side[s])


def _rom(screen: str, view: View, near: str, series: dict[str, list[float | None]],
         reps: list[Repetition]) -> list[RomProposal]:
    """Ranges reached, in the views where the angle is seen in its plane."""
    wanted: list[tuple[str, str, str]] = []  # (rom test id, series, words)
    if screen == "overhead-squat" and view == "side":
        wanted = [(f"knee-flexion-{near}", f"knee_flexion_{near}", "knee flexion at the bottom"
                   " of the squat"),
                  (f"hip-flexion-{near}", f"hip_flexion_{near}", "hip flexion at the bottom of "
                   "the squat")]
    elif screen == "arm-raise":
        test = "shoulder-abduction" if view == "front" else "shoulder-flexion"
        sides = list(g.SIDES) if view == "front" else [near]
        wanted = [(f"{test}-{s}", f"arm_elevation_{s}", f"{test.replace('-', ' ')} at the top "
                   "of the raise") for s in sides]
    out: list[RomProposal] = []
    for test, name, words in wanted:
        best: tuple[float, Repetition] | None = None
        for rep in reps:
            v = series[name][rep.deepest]
            if v is not None and (best is None or v > best[0]):
                best = (v, rep)
        if best is not None:
            deg = round(best[0])
            out.append(RomProposal(test=test, degrees=deg, rep=best[1].index,
                                   frame=best[1].deepest,
                                   words=f"{words}: {deg}° (repetition {best[1].index}, "
                                         "2D video estimate)"))
    return out
