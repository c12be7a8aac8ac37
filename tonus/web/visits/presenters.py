"""A stored report, ready for a page: ids become readable words and referral patterns become
body charts. Nothing is concluded here; every statement comes from the report or the knowledge
base."""

from __future__ import annotations

import re
from typing import Any

from tonus.core.atlas import intensity_colour
from tonus.core.ids import vocabulary
from tonus.core.knowledge.rom import test_of
from tonus.core.progress.soap import FINDING_WORDS, region_words, sided_words
from tonus.core.reasoning.ranking import score_words
from tonus.reports.patterns import hypothesis_chart as reports_hypothesis_chart
from tonus.web.labels import id_label, muscle_label

MAX_HYPOTHESES = 8
SIDE_WORDS = {"l": "left", "r": "right", "midline": "midline"}
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def readable(text: str) -> str:
    """Vocabulary ids inside a sentence of the report become words: regions ("Right
    temple"), muscles ("Trapezius, upper fibres"), activities, screening factors, posture
    findings and range-of-motion tests ("Cervical rotation (left)")."""
    return _TOKEN.sub(lambda m: _id_words(m[0]), text)


def _id_words(token: str) -> str:
    voc = vocabulary()
    if token in voc.regions:
        return region_words(token)
    if token in voc.muscles:
        return muscle_label(token)
    if token in voc.activities or token in voc.perpetuating_factors or token in voc.red_flags:
        return id_label(token).lower() if token not in _KEEP_CASE else id_label(token)
    base, _, side = token.rpartition("-")
    side_word = {"l": "left", "r": "right"}.get(side)
    if token in voc.posture_findings or (side_word and base in voc.posture_findings):
        return id_label(base if side_word else token).lower() + (
            f" ({side_word})" if side_word else "")
    try:
        test, test_side = test_of(token)
    except KeyError:
        return token
    return test.name + (f" ({SIDE_WORDS[test_side]})" if test_side else "")


_KEEP_CASE = {"low-vitamin-d", "low-b12-or-folate"}


def _pain(case: dict[str, Any]) -> dict[str, float]:
    return {str(m["region"]): float(m.get("intensity", 0)) for m in case.get("pain", [])}


def hypothesis_chart(hypothesis: dict[str, Any], case: dict[str, Any]) -> str | None:
    """The hypothesis's referral pattern drawn over the client's own drawing (SVG), if any."""
    return reports_hypothesis_chart(hypothesis, _pain(case))


def hypothesis_title(h: dict[str, Any]) -> tuple[str, str]:
    """A short title and a subtitle for a ranked hypothesis."""
    side = SIDE_WORDS.get(str(h.get("side", "")), "")
    suffix = f" ({side})" if side and side != "midline" else ""
    kind = h.get("kind")
    if kind in ("test", "neuro"):  # an examination-plan entry naming a test
        return f"{h.get('name')}{suffix}", str(h.get("how", ""))
    if kind == "trigger-point":
        name = str(h.get("muscle_name") or muscle_label(str(h.get("muscle"))))
        return name.split(" (")[0] + suffix, str(h.get("trigger_point_name", ""))
    if kind == "entrapment":
        nerve = str(h.get("nerve") or "").rstrip(".")
        return f"Nerve entrapment: {id_label(str(h.get('entrapment')))}{suffix}", nerve
    if kind == "radicular":
        return (f"{h.get('root')} nerve root{suffix}",
                f"Spinal nerve-root pattern: refer to {id_label(str(h.get('refer_to', '')))}")
    return id_label(str(h.get("name") or h.get("kind") or "other")) + suffix, ""


def hypotheses_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    top = report.get("hypotheses", [])[:MAX_HYPOTHESES]
    best = max((float(h.get("score", 0)) for h in top), default=0.0) or 1.0
    out = []
    for h in top:
        title, subtitle = hypothesis_title(h)
        out.append({
            "rank": h.get("rank"), "kind": h.get("kind"), "kind_label": id_label(h["kind"]),
            "title": title, "subtitle": subtitle,
            "score": float(h.get("score", 0)),
            "score_text": score_words(float(h.get("score", 0))),  # as the examination plan
            "bar": round(100 * float(h.get("score", 0)) / best),
            "explains": [region_words(r) for r in h.get("explains", [])],
            "not_explained": [region_words(r) for r in h.get("not_explained", [])],
            "evidence": [readable(e) for e in h.get("evidence", [])],
            "has_chart": h.get("kind") in ("trigger-point", "entrapment", "radicular"),
        })
    return out


def examination_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for item in report.get("examination_plan", []):
        title, _ = hypothesis_title(item)
        out.append({
            "order": item.get("order"), "title": title,
            "why": readable(str(item.get("why", ""))),
            "palpate": (item.get("palpate") if isinstance(item.get("palpate"), str)
                        else str(item.get("how", ""))),
            "palpate_muscles": ([readable(p) for p in item["palpate"]]
                                if isinstance(item.get("palpate"), list) else []),
            "tests": list(item.get("tests", [])),
            "range_of_motion": [readable(r) for r in item.get("range_of_motion", [])],
            "confirms": readable(str(item.get("confirms", ""))),
            "refutes": readable(str(item.get("refutes", ""))),
            # a test of the plan says what either result would do, not what confirms
            "confirms_label": "If positive" if "if_positive" in item else "Confirms",
            "refutes_label": "If negative" if "if_negative" in item else "Refutes",
        })
    return out


def imbalance_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for item in report.get("imbalance", []):
        out.append({
            "title": item.get("name") or sided_words(str(item.get("finding", ""))).capitalize(),
            "severity": item.get("severity", ""),
            "meaning": item.get("meaning") or item.get("description", ""),
            "shortened": [id_label(s) for s in item.get("shortened", [])],
            "lengthened": [id_label(s) for s in item.get("lengthened", [])],
            "check": list(item.get("check", [])),
        })
    return out


def referrals_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"index": i, "to": id_label(str(r.get("to", ""))),
             "factor": id_label(str(r.get("factor", ""))), "reason": r.get("reason", ""),
             "priority": id_label(str(r.get("priority", "")))}
            for i, r in enumerate(report.get("referrals", []))]


def referral_groups(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The referrals by professional, in the report's order: one letter per professional
    (its ``index`` is the first referral's, which the letter URL takes)."""
    groups: dict[str, dict[str, Any]] = {}
    for raw, shown in zip(report.get("referrals", []), referrals_view(report), strict=True):
        key = str(raw.get("to", ""))
        group = groups.setdefault(key, {"to": shown["to"], "index": shown["index"], "items": []})
        group["items"].append(shown)
    return list(groups.values())


def red_flags_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"index": i, "label": id_label(str(f.get("id", ""))),
             "to": id_label(str(f.get("to", ""))), "urgency": id_label(str(f.get("urgency", ""))),
             "reason": f.get("reason", ""), "meaning": f.get("meaning", "")}
            for i, f in enumerate(report.get("red_flags", []))]


def findings_view(case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The examination findings recorded in the case, in words, with their list index."""
    palpation = []
    for i, p in enumerate(case.get("palpation", [])):
        side = SIDE_WORDS.get(str(p.get("side")), "")
        text = f"{muscle_label(str(p['muscle']))} ({side}): " \
               f"{FINDING_WORDS.get(str(p.get('finding')), str(p.get('finding')))}"
        if p.get("reproduces_complaint"):
            text += ", reproduces the complaint"
        palpation.append({"index": i, "text": text})
    rom = []
    for i, r in enumerate(case.get("rom", [])):
        test, test_side = test_of(str(r["test"]))
        where = f" — {SIDE_WORDS[test_side]}" if test_side in SIDE_WORDS else ""
        rom.append({"index": i,
                    "text": f"{test.name}{where}: {r['degrees']:g}° (normal {test.normal:g}°)"})
    posture = [{"index": i, "text": sided_words(str(p)).capitalize()}
               for i, p in enumerate(case.get("posture", []))]
    from tonus.core.movement.words import movement_words

    movement = [{"index": i, "text": movement_words(m).capitalize()}
                for i, m in enumerate(case.get("movement", []))]
    return {"palpation": palpation, "rom": rom, "posture": posture, "movement": movement}


def marks_view(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"region": region_words(str(m["region"])), "intensity": m.get("intensity", 0),
             "colour": intensity_colour(float(m.get("intensity", 0))),
             "qualities": [id_label(q) for q in m.get("qualities", [])],
             "primary": bool(m.get("primary"))}
            for m in case.get("pain", [])]
