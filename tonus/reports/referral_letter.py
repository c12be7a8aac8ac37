"""A referral letter to another professional: every reason (factor and question) the report
gives for sending the client to that professional, in one letter, with the soft-tissue findings,
the treatment so far and, optionally, the posture photos with their measures.

Same HTML/WeasyPrint pipeline and helpers as the handout (``pdf.py``); no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tonus.reports.pdf import SIDE_WORD, _cap, _lower_first, _render_pdf, _words, picture_uri

URGENCY_WORDS = {
    "emergency": "Emergency — same day, now",
    "same-day": "Urgent — to be seen today",
    "within-a-week": "Soon — within a week",
    "routine": "Routine",
}
PRIORITY_WORDS = {"recommended": "Recommended", "consider": "For your consideration"}


def _how_screened(factor: str, case: Mapping[str, Any]) -> str:
    if factor in (case.get("screening") or {}):
        return "reported by the client on our consultation health screening"
    if factor in case.get("activities", []):
        return "reported by the client as a regular activity or habit"
    if factor.startswith("leg-length-short"):
        return "observed on standing posture screening (not measured)"
    if factor.startswith(("nerve-root-", "entrapment-")):
        from tonus.core.progress.exam_words import positive_tests

        base = ("suggested by the distribution of symptoms on the client's pain drawing"
                if factor.startswith("nerve-root-")
                else "suggested by the pain drawing and the soft-tissue findings")
        ident = factor.removeprefix("nerve-root-").removeprefix("entrapment-")[:-2]
        positive = positive_tests(case, bearing_on=ident)
        return base + (f", and by positive tests ({'; '.join(positive)})" if positive else "")
    if factor == "sessions-without-progress":
        return "shown by our session-by-session pain ratings"
    if factor == "widespread-pain":
        return ("counted from the client's own pain drawing (ACR 2016 widespread pain index) "
                "and their answers to the symptom-severity questions")
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
                case: Mapping[str, Any]) -> tuple[list[dict[str, Any]], str, str]:
    """The session rows, the plateau summary, and the region(s) the numbers are for."""
    if not progress:
        return [], "", ""
    from tonus.core.progress.plateau import detect_plateau
    from tonus.core.progress.soap import join, region_words
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
    where = join([_lower_first(region_words(r)) for r in prim])
    return rows, status.evidence, (f"mean of {where}" if len(prim) > 1 else where)


def _reason(referral: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, str]:
    factor = str(referral.get("factor", ""))
    name, meaning = _factor_words(factor)
    question, context = _split_question(str(referral.get("reason", "")))
    return {"name": name, "meaning": meaning, "how_screened": _how_screened(factor, case),
            "question": question, "context": context}


def _priority(referrals: Sequence[Mapping[str, Any]]) -> str:
    """The letter's priority: the most pressing of its referrals."""
    for level in PRIORITY_WORDS:
        if any(r.get("priority") == level for r in referrals):
            return PRIORITY_WORDS[level]
    return ""


def _treatment_so_far(sessions: Sequence[Mapping[str, Any]] | None
                      ) -> tuple[list[dict[str, Any]], str]:
    """Each muscle treated in the recorded sessions (how often, with which techniques) and the
    sessions' dates in words; nothing when no session is recorded."""
    from tonus.core.progress.soap import muscle_words

    done = [s for s in sessions or [] if s.get("muscles_treated")]
    muscles: dict[tuple[str, str], dict[str, Any]] = {}
    for s in done:
        for m in s["muscles_treated"]:
            key = (str(m.get("muscle", "")), str(m.get("side", "")))
            entry = muscles.setdefault(key, {"name": _cap(muscle_words(*key)), "sessions": 0,
                                             "techniques": []})
            entry["sessions"] += 1
            technique = _words(str(m.get("technique") or "")).replace("post isometric",
                                                                      "post-isometric")
            if technique and technique not in entry["techniques"]:
                entry["techniques"].append(technique)
    treated = [{"name": m["name"], "sessions": m["sessions"],
                "techniques": ", ".join(m["techniques"])} for m in muscles.values()]
    if not done:
        return [], ""
    first, last = (f"{d:%-d %B %Y}" if hasattr(d, "strftime") else str(d)
                   for d in (done[0]["date"], done[-1]["date"]))
    n = len(done)
    dates = (f"{n} session{'s' if n > 1 else ''}, "
             + (f"on {first}" if first == last else f"from {first} to {last}"))
    return treated, dates


def _movement_lines(case: Mapping[str, Any]) -> list[str]:
    from tonus.core.movement.words import movement_lines

    return movement_lines(case.get("movement", []))


def _posture_photos(posture: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"view": str(p.get("view", "")), "picture": picture_uri(str(p["overlay"]), 78),
             "rows": list(p.get("rows", []))} for p in posture or [] if p.get("overlay")]


def referral_letter_pdf(*, referral: dict[str, Any] | None = None,
                        referrals: list[dict[str, Any]] | None = None,
                        client: dict[str, Any], clinic: dict[str, Any], therapist_name: str,
                        date: str, report: dict[str, Any], case: dict[str, Any],
                        progress: list[dict[str, Any]] | None,
                        posture: list[dict[str, Any]] | None = None,
                        sessions: list[dict[str, Any]] | None = None,
                        outcomes: list[dict[str, Any]] | None = None) -> bytes:
    """One referral letter (A4) to one professional for ``referral`` or for several
    ``referrals`` to the same professional (each factor a reason, each question asked).

    ``sessions``: the treatment sessions recorded so far (``date``, ``muscles_treated``); the
    letter's "treatment so far" states only these, never the plan (none: "none recorded yet").
    ``posture``: optional photos from ``posture_pdf.posture_photo_section`` (``view``,
    ``overlay`` SVG text, ``rows``), laid out two to a page after the signature.
    ``outcomes``: questionnaire series (``name``, ``short``, ``points`` [(date text, total)],
    ``change`` against the MCID in words, ``mcid_note``)."""
    from tonus.core.progress.soap import (
        FINDING_WORDS,
        hypothesis_words,
        muscle_words,
        pain_mark_words,
        region_words,
    )

    items = list(referrals or []) + ([referral] if referral else [])
    if not items:
        raise ValueError("a referral letter needs at least one referral")
    to = str(items[0].get("to", ""))
    if any(str(r.get("to", "")) != to for r in items):
        raise ValueError("one letter goes to one professional: the referrals' 'to' differ")
    reasons = [_reason(r, case) for r in items]
    hyps = []
    for h in list(report.get("hypotheses", []))[:3]:
        explains = [_lower_first(region_words(r)) for r in h.get("explains", [])]
        hyps.append({"text": _cap(hypothesis_words(h)), "explains": ", ".join(explains)})
    palpation = []
    for p in case.get("palpation", []):
        text = (f"{_cap(muscle_words(str(p['muscle']), str(p.get('side', ''))))}: "
                f"{FINDING_WORDS.get(str(p.get('finding')), _words(str(p.get('finding', ''))))}")
        if p.get("reproduces_complaint"):
            text += ", reproducing the client's complaint"
        palpation.append(text)
    from tonus.core.progress.exam_words import abnormal_neuro, other_tests, positive_tests

    plan = report.get("treatment_plan") or {}
    treated, treated_dates = _treatment_so_far(sessions)
    nprs_rows, nprs_summary, nprs_where = _nprs_table(progress, case)
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
    clinic = {"name": "", "address": "", "phone": "", "email": "",
              **{k: v for k, v in clinic.items() if v}}
    client_age = (case.get("client") or {}).get("age")
    return _render_pdf(
        "referral_letter.html",
        title=f"Referral to {_words(to)}",
        clinic=clinic,
        clinic_name=str(clinic.get("name", "")),
        therapist_name=therapist_name,
        date=date,
        client=client,
        client_age=client_age,
        to=_cap(_words(to)),
        priority=_priority(items),
        reasons=reasons,
        complaint=str(case.get("complaint") or ""),
        pain_marks=[pain_mark_words(m) for m in marks],
        hypotheses=hyps,
        palpation=palpation,
        positive_tests=positive_tests(case),
        other_tests=other_tests(case),
        neuro=abnormal_neuro(case.get("neuro", [])),
        neuro_normal=bool(case.get("neuro")) and not abnormal_neuro(case.get("neuro", [])),
        movement=_movement_lines(case),
        treated=treated,
        treated_dates=treated_dates,
        nprs_rows=nprs_rows,
        nprs_summary=nprs_summary,
        nprs_where=nprs_where,
        home_care=list(plan.get("home_care", []))[:4],
        red_flags=red_flags,
        posture=_posture_photos(posture),
        outcomes=list(outcomes or []),
    )
