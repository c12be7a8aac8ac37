"""What the movement pages show: angle names, the timeline charts (SVG), rows of repetitions and
proposals with the therapist's decisions. Presentation only: the rules live in tonus.core."""

from __future__ import annotations

from html import escape
from typing import Any

from tonus.core.ids import vocabulary
from tonus.core.movement.analysis import MovementAnalysis
from tonus.core.movement.thresholds import BY_EYE, MIN_SHARE
from tonus.reports.charts import ChartSeries, LineChart, Reference, render_line_chart
from tonus.web.movement.models import MovementClip, MovementDecision

SIDE_WORDS = {"l": "left", "r": "right"}

# series -> (name, unit)
SERIES: dict[str, tuple[str, str]] = {
    "hip_lowering": ("Hips lowered", "% of standing height"),
    "knee_separation": ("Knee separation", "× ankle width"),
    "lean_over_tibia": ("Trunk past parallel to the shins", "°"),
    "trunk_inclination": ("Trunk inclination", "°"),
    "trunk_lean": ("Trunk side lean (+ toward the left)", "°"),
    "pelvis_shift": ("Pelvis shift (+ toward the left)", "leg lengths"),
}
for _s, _w in SIDE_WORDS.items():
    SERIES.update({
        f"knee_flexion_{_s}": (f"Knee flexion, {_w}", "°"),
        f"hip_flexion_{_s}": (f"Hip flexion, {_w}", "°"),
        f"arm_elevation_{_s}": (f"Arm to trunk, {_w}", "°"),
        f"tibia_inclination_{_s}": (f"Tibia angle, {_w}", "°"),
        f"heel_lift_{_s}": (f"Heel tilt, {_w}", "°"),
        f"knee_frontal_{_s}": (f"Knee-to-foot line (frontal), {_w}", "°"),
        f"pelvic_drop_{_s}": (f"Pelvis lower on the {_w}", "°"),
        f"shoulder_rise_{_s}": (f"Shoulder rise, {_w} over {SIDE_WORDS['r' if _s == 'l' else 'l']}",
                                "shoulder widths"),
    })


def finding_words(finding: str, side: str | None) -> str:
    words = finding.replace("-", " ").capitalize()
    return f"{words} ({SIDE_WORDS[side]})" if side else words


def charts_for(result: MovementAnalysis, near: str) -> list[str]:
    """Series worth a chart: the movement itself, every series with a threshold, key angles."""
    wanted = ["hip_lowering"] if "hip_lowering" in result.series else []
    if result.screen == "arm-raise":
        wanted += [k for k in ("arm_elevation_l", "arm_elevation_r") if k in result.series]
    wanted += [k for k in result.lines if k not in wanted]
    if result.view == "side" and result.screen == "overhead-squat":
        wanted += [f"knee_flexion_{near}", f"hip_flexion_{near}", "trunk_inclination",
                   f"tibia_inclination_{near}"]
    elif result.screen != "arm-raise":
        wanted += ["knee_flexion_l", "knee_flexion_r"]
    seen: list[str] = []
    for k in wanted:
        if k in result.series and k not in seen and any(v is not None for v in result.series[k]):
            seen.append(k)
    return seen


def timeline_svg(result: MovementAnalysis, key: str, width: int = 720,
                 height: int = 120) -> str:
    """One angle over the clip: the value, its threshold line(s), the repetitions shaded and
    their deepest frames marked; a cursor the page moves with the video."""
    name, unit = SERIES.get(key, (key, ""))
    values = result.series[key]
    times = result.times
    t0, t1 = (times[0], times[-1]) if times else (0.0, 1.0)
    t1 = t1 if t1 > t0 else t0 + 1
    lines = result.lines.get(key, [])
    have = [v for v in values if v is not None] + [v for v, _ in lines]
    lo, hi = (min(have), max(have)) if have else (0.0, 1.0)
    pad = (hi - lo) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    left, right, top, bottom = 46, width - 8, 18, height - 18

    def x(t: float) -> float:
        return left + (t - t0) / (t1 - t0) * (right - left)

    def y(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(name)} over the clip" data-t0="{t0}" data-t1="{t1}" '
             f'data-x0="{left}" data-x1="{right}" data-width="{width}">',
             f'<text class="tl-title" x="{left}" y="12">{escape(name)}'
             f'<tspan class="tl-unit"> ({escape(unit)})</tspan></text>']
    for rep in result.reps:
        a, b = times[rep.start], times[rep.end]
        parts.append(f'<rect class="tl-rep" x="{x(a):.1f}" y="{top}" '
                     f'width="{max(1.0, x(b) - x(a)):.1f}" height="{bottom - top}"/>')
        parts.append(f'<text class="tl-rep-label" x="{x(times[rep.deepest]):.1f}" '
                     f'y="{height - 4}" text-anchor="middle">{rep.index}</text>')
    for v, label in lines:
        parts.append(f'<line class="tl-threshold" x1="{left}" x2="{right}" y1="{y(v):.1f}" '
                     f'y2="{y(v):.1f}"><title>{escape(label)}: {v:g}</title></line>')
        parts.append(f'<text class="tl-threshold-label" x="{right - 2}" y="{y(v) - 3:.1f}" '
                     f'text-anchor="end">{escape(label)} {v:g}</text>')
    for v in (lo + pad, hi - pad):
        parts.append(f'<text class="tl-axis" x="{left - 4}" y="{y(v) + 4:.1f}" '
                     f'text-anchor="end">{v:.3g}</text>')
    path: list[str] = []
    pen_up = True
    for t, value in zip(times, values, strict=True):
        if value is None:
            pen_up = True
            continue
        path.append(f'{"M" if pen_up else "L"}{x(t):.1f},{y(value):.1f}')
        pen_up = False
    parts.append(f'<path class="tl-value" d="{" ".join(path)}"/>')
    for rep in result.reps:
        deepest = values[rep.deepest]
        if deepest is not None:
            parts.append(f'<circle class="tl-deepest" cx="{x(times[rep.deepest]):.1f}" '
                         f'cy="{y(deepest):.1f}" r="3.5"><title>Repetition {rep.index}: '
                         f'{deepest:.3g}</title></circle>')
    parts.append(f'<line class="tl-cursor" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _decisions(clip: MovementClip) -> dict[tuple[str, str, str], MovementDecision]:
    return {(d.kind, d.key, d.side): d for d in clip.decisions.all()}


def review_rows(clip: MovementClip, result: MovementAnalysis) -> dict[str, Any]:
    decided = _decisions(clip)
    times = result.times
    proposals = []
    for f in result.findings:
        d = decided.get(("finding", f.finding, f.side or ""))
        proposals.append({
            "kind": "finding", "key": f.finding, "side": f.side or "",
            "title": finding_words(f.finding, f.side), "words": f.words, "source": f.source,
            "shows": [{"rep": r, "time": times[i]} for r, i in zip(f.reps, f.frames,
                                                                   strict=True)],
            "decision": d})
    rom = []
    for r in result.rom:
        d = decided.get(("rom", r.test, ""))
        rom.append({"kind": "rom", "key": r.test, "side": "", "title": r.words,
                    "time": times[r.frame], "decision": d})
    by_eye = [{"decision": d, "title": finding_words(d.key, d.side or None)}
              for d in decided.values() if d.by_eye]
    reps = []
    for rep in result.reps:
        keys = (("arm_elevation_l", "arm_elevation_r") if result.screen == "arm-raise" else
                ("knee_flexion_l", "knee_flexion_r", "hip_flexion_l", "hip_flexion_r",
                 "trunk_inclination"))
        shown = [(SERIES[k][0], v, SERIES[k][1]) for k, v in rep.measures.items()
                 if k in SERIES and (k in keys or k in result.lines)
                 and (result.view == "front" or not k.endswith(("_l", "_r"))
                      or k.endswith(f"_{near_of(result)}"))]
        reps.append({"index": rep.index, "time": rep.time_s,
                     "measures": [f"{n} {v:.3g}{'°' if u == '°' else ' ' + u}"
                                  for n, v, u in shown]})
    return {"proposals": proposals, "rom": rom, "by_eye": by_eye, "reps": reps}


def near_of(result: MovementAnalysis) -> str:
    """The side facing the camera in a side view (its ROM proposals name it)."""
    for r in result.rom:
        return r.test[-1]
    return "r"


def review_rules_words() -> dict[str, str]:
    """The core's decision rules in the words the review page states them."""
    names = [finding_words(f, None).lower() for f in BY_EYE]
    return {"min_share": "half" if MIN_SHARE == 0.5 else f"{MIN_SHARE:.0%}",
            "by_eye": ", ".join(names[:-1]) + " and " + names[-1]}


def by_eye_choices(clip: MovementClip) -> list[tuple[str, str]]:
    """Compensations the therapist may add by eye: first those no landmark shows reliably."""
    out: list[tuple[str, str]] = []
    order = list(BY_EYE) + [f for f in vocabulary().movement_findings if f not in BY_EYE]
    for f in order:
        if vocabulary().movement_findings[f]:
            out += [(f"{f}:l", finding_words(f, "l")), (f"{f}:r", finding_words(f, "r"))]
        else:
            out.append((f"{f}:", finding_words(f, None)))
    return out


# What each screen's progress table follows over visits: (series, words, best when high).
PROGRESS: dict[str, list[tuple[str, str]]] = {
    "overhead-squat-front": [("hip_lowering", "Depth (% hips lowered)"),
                             ("knee_separation", "Knee separation (× ankles)")],
    "overhead-squat-side": [("hip_lowering", "Depth (% hips lowered)"),
                            ("lean_over_tibia", "Trunk past the shins (°)"),
                            ("arm_elevation_{near}", "Arm to trunk (°)")],
    "single-leg-squat-l": [("hip_lowering", "Depth (% hips lowered)"),
                           ("knee_frontal_l", "Knee frontal angle (°)"),
                           ("pelvic_drop_r", "Pelvic drop (°)")],
    "single-leg-squat-r": [("hip_lowering", "Depth (% hips lowered)"),
                           ("knee_frontal_r", "Knee frontal angle (°)"),
                           ("pelvic_drop_l", "Pelvic drop (°)")],
    "arm-raise-front": [("arm_elevation_l", "Left arm (°)"), ("arm_elevation_r", "Right arm (°)"),
                        ("shoulder_rise_l", "Left shoulder rise"),
                        ("shoulder_rise_r", "Right shoulder rise")],
}


def progress_tables(clips: list[MovementClip]) -> list[dict[str, Any]]:
    """Per screen filmed on two or more visits: the median over repetitions of its key angles
    at the deepest (highest) frame, visit by visit, with the confirmed compensations."""
    by_slot: dict[str, list[MovementClip]] = {}
    for clip in clips:
        by_slot.setdefault(clip.slot, []).append(clip)
    tables = []
    for slot, series in by_slot.items():
        if len(series) < 2:
            continue
        columns = PROGRESS[slot]
        rows = []
        points: list[list[tuple[Any, float]]] = [[] for _ in columns]
        lines: dict[int, tuple[float, str]] = {}
        for clip in series:
            result = clip.result()
            if result is None:
                continue
            near = near_of(result)
            values = []
            for i, (key, _) in enumerate(columns):
                name = key.replace("{near}", near)
                got = sorted(r.measures[name] for r in result.reps if name in r.measures)
                values.append(f"{got[len(got) // 2]:.3g}" if got else "–")
                if got:
                    points[i].append((clip.visit.visit_date, got[len(got) // 2]))
                for value, label in result.lines.get(name, [])[:1]:
                    lines[i] = (value, label)
            confirmed = [finding_words(d.key, d.side or None) for d in clip.decisions.all()
                         if d.kind == "finding" and d.decision == "confirmed"]
            rows.append({"date": clip.visit.visit_date, "reps": len(result.reps),
                         "values": values, "confirmed": confirmed or ["none"]})
        charts = [render_line_chart(LineChart(
            chart_id=f"mv-{slot}-{i}", title=words, desc=f"{words} over visits, "
            "median of the repetitions", series=[ChartSeries(words, points[i])],
            references=[Reference(*lines[i])] if i in lines else []))
            for i, (_, words) in enumerate(columns) if len(points[i]) >= 2]
        tables.append({"label": series[0].get_slot_display(),
                       "columns": [c[1] for c in columns], "rows": rows, "charts": charts})
    return tables
