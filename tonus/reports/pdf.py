"""PDF documents for people outside the therapy room: the client's home-care handout and a
referral letter to another professional.

HTML from Jinja2 templates (``templates/``), laid out by WeasyPrint on A4. Everything is inline
(body charts as SVG data URIs, CSS in the page, system DejaVu Sans font), so the PDFs render
offline and identically from the CLI, the tests and the web app. No Django import: see
``docs/decisions/0004-pdf-templates-jinja2.md``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

MAX_HANDOUT_MUSCLES = 4
MAX_SELF_CARE = 2
SIDE_WORD = {"l": "left", "r": "right"}
URGENCY_WORDS = {
    "emergency": "Emergency — same day, now",
    "same-day": "Urgent — to be seen today",
    "within-a-week": "Soon — within a week",
    "routine": "Routine",
}
PRIORITY_WORDS = {"recommended": "Recommended", "consider": "For your consideration"}


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("tonus.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> Markup:
    """Text safe inside a double-quoted CSS string (page headers and footers)."""
    text = re.sub(r"[\x00-\x1f]", " ", str(value))
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return Markup(text)


def _render_pdf(template: str, **context: Any) -> bytes:
    from weasyprint import HTML

    html = _env().get_template(template).render(**context)
    pdf = HTML(string=html, base_url=None).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# -- words -----------------------------------------------------------------------------


def _words(identifier: str) -> str:
    return identifier.replace("-", " ")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _pain_map(case: Mapping[str, Any]) -> dict[str, float]:
    return {str(m["region"]): float(m.get("intensity", 0)) for m in case.get("pain", [])}


def _side(side: Any) -> str:
    return str(side) if side in ("l", "r") else "r"


def _region_list(regions: Sequence[str]) -> str:
    from tonus.core.progress.soap import join, region_words

    return join([region_words(r).lower() for r in regions])


def _base_regions(bases: Sequence[str]) -> str:
    """Base region ids in plain words without a side: ``head-temple`` → ``temple``."""
    from tonus.core.ids import vocabulary
    from tonus.core.progress.soap import join

    voc = vocabulary()
    out = []
    for b in bases:
        rid = b if b in voc.regions else f"{b}-r"
        info = voc.regions.get(rid)
        label = info.label.removesuffix(" (right)") if info else _words(b)
        out.append(label[:1].lower() + label[1:])
    return join(list(dict.fromkeys(out)))


# -- home-care handout -----------------------------------------------------------------


ROLE_WORDS = {
    "key trigger point": "The most likely source of your pain.",
    "entrapping muscle": "When tight, it can press on a nerve and cause tingling or numbness.",
    "postural": "Your posture keeps it short and overworked; loosening it helps the main "
                "problem settle.",
}


def _muscle_card(item: Mapping[str, Any], report: Mapping[str, Any],
                 pain: Mapping[str, float]) -> dict[str, Any]:
    from tonus.core.atlas import TriggerPointMark, render_referral_pattern
    from tonus.core.ids import vocabulary
    from tonus.core.knowledge.base import load_knowledge

    kb = load_knowledge()
    voc = vocabulary()
    muscle = kb.muscles[str(item["muscle"])]
    side = _side(item.get("side"))
    tp_id = next((h.get("trigger_point") for h in report.get("hypotheses", [])
                  if h.get("kind") == "trigger-point" and h.get("muscle") == muscle.id
                  and h.get("side") == item.get("side")), None)
    tp = next((t for t in muscle.trigger_points if t.id == tp_id), muscle.trigger_points[0])
    essential = [voc.sided(b, side) for b in tp.referral.essential]
    spillover = [voc.sided(b, side) for b in tp.referral.spillover]
    mark = TriggerPointMark(region=voc.sided(tp.location.region, side),
                            view=tp.location.view, nudge=tp.location.nudge)
    svg = render_referral_pattern(essential=essential, spillover=spillover,
                                  trigger_points=[mark], focus=True)
    side_word = SIDE_WORD.get(str(item.get("side")), "")
    name = str(item.get("name") or muscle.name)
    explains: list[str] = next((h.get("explains", []) for h in report.get("hypotheses", [])
                     if h.get("muscle") == muscle.id and h.get("side") == item.get("side")), [])
    yours = [r for r in explains if r in pain]
    return {
        "name": name,
        "side": side_word,
        "role": ROLE_WORDS.get(str(item.get("role")), ""),
        "sends_to": _base_regions(list(tp.referral.essential)),
        "matches": _region_list(yours) if yours else "",
        "chart": svg_data_uri(svg),
        "stretch": str(item.get("stretch") or muscle.treatment.stretch or ""),
        "self_care": list(muscle.treatment.self_care[:MAX_SELF_CARE]),
    }


def home_care_pdf(*, client_name: str, clinic_name: str, therapist_name: str, date: str,
                  report: dict[str, Any], case: dict[str, Any]) -> bytes:
    """The client's home-care handout (A4, one or two pages)."""
    from tonus.core.atlas import render_pain_drawing
    from tonus.core.progress.soap import pain_mark_words

    pain = _pain_map(case)
    plan = report.get("treatment_plan") or {}
    muscles = [_muscle_card(m, report, pain)
               for m in plan.get("muscles", [])[:MAX_HANDOUT_MUSCLES]]
    habits = [{"activity": _cap(_words(str(h["activity"]))), "advice": list(h["advice"])}
              for h in plan.get("habit_advice", [])]
    marks = sorted(case.get("pain", []),
                   key=lambda m: (not m.get("primary"), -float(m.get("intensity", 0))))
    return _render_pdf(
        "home_care.html",
        title="Your home-care plan",
        client_name=client_name,
        clinic_name=clinic_name,
        therapist_name=therapist_name,
        date=date,
        complaint=str(case.get("complaint") or ""),
        pain_chart=svg_data_uri(render_pain_drawing(pain)),
        pain_marks=[pain_mark_words(m) for m in marks],
        muscles=muscles,
        habits=habits,
        education=list(plan.get("education", [])),
        red_flags=list(report.get("red_flags", [])),
        on_hold=bool(report.get("red_flags")),
    )


# -- referral letter -------------------------------------------------------------------


def _how_screened(factor: str, case: Mapping[str, Any]) -> str:
    if factor in (case.get("screening") or {}):
        return "reported by the client on our consultation health screening"
    if factor in case.get("activities", []):
        return "reported by the client as a regular activity or habit"
    if factor.startswith("leg-length-short"):
        return "observed on standing posture screening (not measured)"
    if factor.startswith("nerve-root-"):
        return "suggested by the distribution of symptoms on the client's pain drawing"
    if factor.startswith("entrapment-"):
        return "suggested by the pain drawing and the soft-tissue findings"
    if factor == "sessions-without-progress":
        return "shown by our session-by-session pain ratings"
    return "found at consultation"


def _factor_words(factor: str) -> tuple[str, str]:
    """A readable name and meaning of a referral factor."""
    from tonus.core.knowledge.base import load_knowledge

    kb = load_knowledge()
    if factor in kb.factors:
        return _cap(_words(factor)), kb.factors[factor].meaning
    if factor in kb.activities:
        return _cap(_words(factor)), kb.activities[factor].meaning
    if factor.startswith("nerve-root-"):
        root, _, side = factor.removeprefix("nerve-root-").rpartition("-")
        return f"{root} nerve-root pattern ({SIDE_WORD.get(side, side)})", ""
    if factor.startswith("entrapment-"):
        ent, _, side = factor.removeprefix("entrapment-").rpartition("-")
        nerve = kb.entrapments[ent].nerve if ent in kb.entrapments else _words(ent)
        return f"Suspected {nerve} entrapment ({SIDE_WORD.get(side, side)})", ""
    return _cap(_words(factor)), ""


def _split_question(reason: str) -> tuple[str, str]:
    """The reason's request sentences (``Please ...``) apart from its context."""
    sentences = re.split(r"(?<=[.;:])\s+(?=[A-Z])", reason.strip())
    asks = [s for s in sentences if s.lower().startswith(("please", "could", "would"))]
    rest = [s for s in sentences if s not in asks]
    if not asks:
        return " ".join(sentences), ""
    return " ".join(asks), " ".join(rest)


def _nprs_table(progress: Sequence[Mapping[str, Any]] | None,
                case: Mapping[str, Any]) -> tuple[list[dict[str, Any]], str]:
    if not progress:
        return [], ""
    from tonus.core.progress.plateau import detect_plateau
    from tonus.core.progress.trends import as_visits, primary_regions

    visits = as_visits(progress)
    primary = [str(m["region"]) for m in case.get("pain", []) if m.get("primary")]
    prim = primary_regions(visits, primary)
    rows = []
    for i, v in enumerate(visits, 1):
        pre = [v.pre_nprs[r] for r in prim if r in v.pre_nprs]
        post = [v.post_nprs[r] for r in prim if r in v.post_nprs]
        rows.append({
            "n": i, "date": v.date.isoformat(),
            "pre": f"{sum(pre) / len(pre):.1f}".removesuffix(".0") if pre else "–",
            "post": f"{sum(post) / len(post):.1f}".removesuffix(".0") if post else "–",
        })
    status = detect_plateau(visits, prim)
    return rows, status.evidence


def referral_letter_pdf(*, referral: dict[str, Any], client: dict[str, Any],
                        clinic: dict[str, Any], therapist_name: str, date: str,
                        report: dict[str, Any], case: dict[str, Any],
                        progress: list[dict[str, Any]] | None) -> bytes:
    """A referral letter to the professional named by ``referral["to"]`` (A4, 1–3 pages)."""
    from tonus.core.progress.soap import (
        FINDING_WORDS,
        hypothesis_words,
        muscle_words,
        pain_mark_words,
        region_words,
    )

    factor = str(referral.get("factor", ""))
    factor_name, factor_meaning = _factor_words(factor)
    question, context = _split_question(str(referral.get("reason", "")))
    hyps = []
    for h in list(report.get("hypotheses", []))[:3]:
        explains = [region_words(r).lower() for r in h.get("explains", [])]
        hyps.append({"text": _cap(hypothesis_words(h)), "explains": ", ".join(explains)})
    palpation = []
    for p in case.get("palpation", []):
        text = (f"{_cap(muscle_words(str(p['muscle']), str(p.get('side', ''))))}: "
                f"{FINDING_WORDS.get(str(p.get('finding')), _words(str(p.get('finding', ''))))}")
        if p.get("reproduces_complaint"):
            text += ", reproducing the client's complaint"
        palpation.append(text)
    plan = report.get("treatment_plan") or {}
    treated = [
        {"name": _cap(muscle_words(str(m["muscle"]), str(m.get("side", "")), m.get("name"))),
         "techniques": ", ".join(_words(str(t["technique"])) for t in m.get("techniques", []))}
        for m in plan.get("muscles", [])[:4]
    ]
    nprs_rows, nprs_summary = _nprs_table(progress, case)
    marks = sorted(case.get("pain", []),
                   key=lambda m: (not m.get("primary"), -float(m.get("intensity", 0))))
    red_flags = [
        {"name": _cap(_words(str(f["id"]))), "to": _cap(_words(str(f.get("to", "")))),
         "urgency": URGENCY_WORDS.get(str(f.get("urgency")),
                                      _cap(_words(str(f.get("urgency", ""))))),
         "meaning": str(f.get("meaning", "")), "found_by": str(f.get("found_by", ""))}
        for f in report.get("red_flags", [])
    ]
    client = {"name": "", "date_of_birth": "", **{k: v for k, v in client.items() if v}}
    clinic = {"name": "", "address": "", "phone": "", **{k: v for k, v in clinic.items() if v}}
    client_age = (case.get("client") or {}).get("age")
    return _render_pdf(
        "referral_letter.html",
        title=f"Referral to {_words(str(referral.get('to', '')))}",
        clinic=clinic,
        clinic_name=str(clinic.get("name", "")),
        therapist_name=therapist_name,
        date=date,
        client=client,
        client_age=client_age,
        to=_cap(_words(str(referral.get("to", "")))),
        priority=PRIORITY_WORDS.get(str(referral.get("priority")), ""),
        factor_name=factor_name,
        factor_meaning=factor_meaning,
        how_screened=_how_screened(factor, case),
        question=question,
        context=context,
        complaint=str(case.get("complaint") or ""),
        pain_marks=[pain_mark_words(m) for m in marks],
        hypotheses=hyps,
        palpation=palpation,
        treated=treated,
        nprs_rows=nprs_rows,
        nprs_summary=nprs_summary,
        home_care=list(plan.get("home_care", []))[:4],
        red_flags=red_flags,
    )
