"""A first draft of a SOAP note from a case, its report and the therapist's plan.

Plain text in four sections, written in clinical words rather than ids, for the therapist to
edit. Nothing here is a diagnosis: the assessment states which soft-tissue sources the
presentation is most consistent with, and red flags come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from tonus.core.ids import vocabulary

SIDE_WORD = {"l": "left", "r": "right", "midline": "", "both": "bilateral"}
FINDING_WORDS = {
    "active-trigger-point": "active trigger point",
    "latent-trigger-point": "latent trigger point",
    "taut-band": "taut band",
    "tender": "tender",
    "normal": "no abnormal finding",
}
MAX_ASSESSED = 3  # hypotheses named in the assessment


class Soap(BaseModel):
    model_config = ConfigDict(frozen=True)
    subjective: str
    objective: str
    assessment: str
    plan: str

    def text(self) -> str:
        return "\n\n".join(
            f"{title}\n{body}" for title, body in (
                ("S — Subjective", self.subjective), ("O — Objective", self.objective),
                ("A — Assessment", self.assessment), ("P — Plan", self.plan))
        )


# -- words ---------------------------------------------------------------------------


def words(identifier: str) -> str:
    """An id in plain words: ``phone-on-ear`` → ``phone on ear``."""
    return identifier.replace("-", " ")


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s and not s[:2].isupper() else s


def region_words(region: str) -> str:
    """``head-temple-r`` → ``Right temple`` (the region label with the side in front)."""
    info = vocabulary().regions.get(region)
    if info is None:
        return words(region)
    label = info.label
    for suffix in (" (left)", " (right)"):
        label = label.removesuffix(suffix)
    side = SIDE_WORD.get(info.side, "")
    return f"{side.capitalize()} {_lower_first(label)}" if side else label


def sided_words(identifier: str) -> str:
    """A sided vocabulary id in words: ``shoulder-elevated-r`` → ``shoulder elevated (right)``."""
    base, _, side = identifier.rpartition("-")
    if base and side in ("l", "r"):
        return f"{words(base)} ({SIDE_WORD[side]})"
    return words(identifier)


def muscle_words(muscle: str, side: str | None = None, name: str | None = None) -> str:
    n = name or vocabulary().muscles.get(muscle) or words(muscle)
    s = SIDE_WORD.get(side or "", "")
    return f"{s} {_lower_first(n)}" if s else n


def join(items: Sequence[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _fmt(x: float) -> str:
    return f"{x:g}"


def pain_mark_words(mark: Mapping[str, Any]) -> str:
    """``Right temple 6/10 aching (primary)``."""
    text = f"{region_words(str(mark['region']))} {_fmt(float(mark.get('intensity', 0)))}/10"
    qualities = [words(q) for q in mark.get("qualities", [])]
    if qualities:
        text += " " + join(qualities)
    if mark.get("primary"):
        text += " (primary)"
    return text


def hypothesis_words(h: Mapping[str, Any]) -> str:
    """A ranked hypothesis in clinical words."""
    side = SIDE_WORD.get(str(h.get("side", "")), "")
    kind = h.get("kind")
    if kind == "trigger-point":
        m = muscle_words(str(h["muscle"]), str(h.get("side", "")), h.get("muscle_name"))
        tp = h.get("trigger_point_name")
        return f"myofascial trigger point in the {_lower_first(m)}" + (f" ({tp})" if tp else "")
    if kind == "entrapment":
        ent = vocabulary().entrapments.get(str(h["entrapment"]), {})
        nerve = str(h.get("nerve") or ent.get("nerve") or words(str(h["entrapment"])))
        nerve = _lower_first(nerve.rstrip("."))
        where = ent.get("where")
        return (f"{side} soft-tissue entrapment of the {nerve}".strip()
                + (f" ({where})" if where else ""))
    if kind == "radicular":
        root = str(h.get("root", "nerve root"))
        return f"{side} {root} nerve-root (radicular) pattern, not a soft-tissue source".strip()
    return words(str(h.get("name") or h.get("muscle") or h.get("kind", "other source")))


# -- sections --------------------------------------------------------------------------


def _subjective(case: Mapping[str, Any]) -> str:
    lines: list[str] = []
    client = case.get("client") or {}
    who = " ".join(str(x) for x in (
        f"{client['age']}-year-old" if client.get("age") is not None else "",
        client.get("sex", ""),
    ) if x)
    complaint = str(case.get("complaint") or "").strip()
    if complaint:
        lines.append(f"{who.capitalize() + ' client. ' if who else ''}Complaint: {complaint}")
    elif who:
        lines.append(f"{who.capitalize()} client.")
    marks = list(case.get("pain", []))
    marks.sort(key=lambda m: (not m.get("primary"), -float(m.get("intensity", 0))))
    if marks:
        lines.append("Pain drawing: " + "; ".join(pain_mark_words(m) for m in marks) + ".")
    acts = [words(a) for a in case.get("activities", [])]
    if acts:
        lines.append(f"Aggravating activities and habits: {join(acts)}.")
    screening: Mapping[str, bool] = case.get("screening") or {}
    voc = vocabulary()
    factors = [words(k) for k, v in screening.items() if v and k in voc.perpetuating_factors]
    flags = [words(k) for k, v in screening.items() if v and k in voc.red_flags]
    denied = [words(k) for k, v in screening.items() if v is False and k in voc.red_flags]
    if flags:
        lines.append(f"Screening positive for red flags: {join(flags)}.")
    if factors:
        lines.append(f"Screening positive for perpetuating factors: {join(factors)}.")
    if denied:
        lines.append(f"Denies: {join(denied)}.")
    swp = int(case.get("sessions_without_progress") or 0)
    if swp:
        lines.append(f"No lasting progress over the last {swp} sessions.")
    return "\n".join(lines) or "No subjective findings recorded."


def _objective(case: Mapping[str, Any]) -> str:
    from tonus.core.knowledge.rom import test_of
    from tonus.core.posture.norms import definition_of

    lines: list[str] = []
    posture = [sided_words(p) for p in case.get("posture", [])]
    if posture:
        lines.append(f"Posture (observed): {join(posture)}.")
    measures = []
    for m in case.get("measures", []):
        try:
            mdef, side = definition_of(str(m["id"]))
        except Exception:  # an unknown id is still worth recording as written
            measures.append(f"{words(str(m['id']))} {_fmt(float(m['value']))}")
            continue
        unit = "°" if mdef.unit == "deg" else " cm"
        low, high = mdef.normal
        name = mdef.name + (f" ({SIDE_WORD[side]})" if side else "")
        flag = "" if low <= float(m["value"]) <= high else ", outside the norm"
        measures.append(f"{name} {_fmt(float(m['value']))}{unit} "
                        f"(normal {_fmt(low)} to {_fmt(high)}{unit}{flag})")
    if measures:
        lines.append("Posture measures: " + "; ".join(measures) + ".")
    roms = []
    for r in case.get("rom", []):
        deg = float(r["degrees"])
        try:
            test, side = test_of(str(r["test"]))
        except KeyError:
            roms.append(f"{words(str(r['test']))} {_fmt(deg)}°")
            continue
        name = test.name + (f" ({SIDE_WORD[side]})" if side else "")
        pct = round(100 * deg / test.normal)
        roms.append(f"{name} {_fmt(deg)}° (normal {_fmt(test.normal)}°, {pct} %)")
    if roms:
        lines.append("Range of motion: " + "; ".join(roms) + ".")
    from tonus.core.movement.words import movement_lines

    moves = movement_lines(case.get("movement", []))
    if moves:
        lines.append("Movement screens (confirmed on video): " + "; ".join(moves) + ".")
    palp = []
    for p in case.get("palpation", []):
        text = (f"{muscle_words(str(p['muscle']), str(p.get('side', '')))}: "
                f"{FINDING_WORDS.get(str(p.get('finding')), words(str(p.get('finding', ''))))}")
        if p.get("reproduces_complaint"):
            text += ", reproducing the complaint"
        palp.append(text[:1].upper() + text[1:])
    if palp:
        lines.append("Palpation: " + "; ".join(palp) + ".")
    from tonus.core.progress.exam_words import exam_lines

    lines.extend(exam_lines(case))
    return "\n".join(lines) or "No objective findings recorded yet."


def _assessment(report: Mapping[str, Any]) -> str:
    lines: list[str] = []
    for f in report.get("red_flags", []):
        urgency = words(str(f.get("urgency", ""))).strip()
        lines.append(
            f"RED FLAG: {words(str(f['id']))}. Refer to {words(str(f.get('to', 'physician')))}"
            f"{' (' + urgency + ')' if urgency else ''} before soft-tissue treatment."
        )
    hyps = list(report.get("hypotheses", []))[:MAX_ASSESSED]
    if hyps:
        top = hyps[0]
        regions = [_lower_first(region_words(r)) for r in top.get("explains", [])]
        text = f"Presentation most consistent with {hypothesis_words(top)}"
        if regions:
            text += f", whose pattern accounts for pain in the {join(regions)}"
        lines.append(text + ".")
        if top.get("not_explained"):
            rest = [_lower_first(region_words(r)) for r in top["not_explained"]]
            lines.append(f"Not accounted for by it: {join(rest)}.")
        others = [hypothesis_words(h) for h in hyps[1:]]
        if others:
            lines.append(f"Also considered: {join(others, 'and')}.")
    else:
        lines.append("No soft-tissue source identified from the findings so far.")
    for item in report.get("imbalance", []):
        if "syndrome" in item:
            lines.append(f"Postural pattern: {item.get('name', words(str(item['syndrome'])))}.")
    return "\n".join(lines)


def _plan(plan: Mapping[str, Any], referrals: Iterable[Mapping[str, Any]],
          red_flags: bool) -> str:
    lines: list[str] = []
    if red_flags:
        lines.append("Hold soft-tissue treatment until the red-flag referral is answered.")
    for m in plan.get("muscles", []):
        name = muscle_words(str(m["muscle"]), str(m.get("side", "")), m.get("name"))
        techs = []
        for t in m.get("techniques", []):
            pressure = f" (pressure {t['pressure']}/5)" if t.get("pressure") else ""
            techs.append(words(str(t["technique"])) + pressure)
        text = name[:1].upper() + name[1:]
        if techs:
            text += ": " + join(techs)
        if m.get("stretch"):
            text += "; then stretch"
        lines.append(f"- {text}.")
    for site in dict.fromkeys(plan.get("nerve_sites", [])):
        lines.append(f"- Nerve site: {site}")
    home = list(plan.get("home_care", []))
    if home:
        lines.append("Home care: " + " ".join(home))
    education = list(plan.get("education", []))
    if education:
        lines.append("Education: " + " ".join(education))
    for r in referrals:
        lines.append(f"Refer to {words(str(r['to']))} ({words(str(r.get('factor', '')))}): "
                     f"{r.get('reason', '')}".rstrip())
    if plan.get("follow_up"):
        lines.append(str(plan["follow_up"]))
    return "\n".join(lines) or "Plan to be decided."


def draft_soap(case: Mapping[str, Any], report: Mapping[str, Any],
               plan: Mapping[str, Any] | None = None) -> Soap:
    """Draft the four SOAP sections.

    ``plan`` is the therapist's plan for the session in the shape of the report's
    ``treatment_plan`` (``muscles`` with ``techniques``, ``home_care``, ``education``, and
    optionally ``referrals``); without it, the report's treatment plan and referrals are used.
    """
    chosen = dict(plan) if plan is not None else dict(report.get("treatment_plan") or {})
    referrals = chosen.get("referrals", report.get("referrals", []))
    return Soap(
        subjective=_subjective(case),
        objective=_objective(case),
        assessment=_assessment(report),
        plan=_plan(chosen, referrals, bool(report.get("red_flags"))),
    )
