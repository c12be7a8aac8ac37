"""Plain-text rendering of a report and of a knowledge entry, for the terminal."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from tonus.core.knowledge.schema import Muscle
from tonus.core.reasoning.ranking import score_words

WIDTH = 92


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def humanize(text: str) -> str:
    """Replace body-region ids in a sentence by their labels ("head-temple-r" -> "Temple
    (right)"), for readers rather than programs."""
    from tonus.core.ids import vocabulary

    regions = vocabulary().regions
    return _REGION_TOKEN.sub(
        lambda m: regions[m.group(0)].label if m.group(0) in regions else m.group(0), text)


_REGION_TOKEN = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")


def _source_name(h: dict[str, Any]) -> str:
    side = {"l": "left", "r": "right", "midline": "midline"}.get(h.get("side", ""), "")
    if h["kind"] == "trigger-point":
        tp = h.get("trigger_point_name") or h["trigger_point"]
        return f"{h.get('muscle_name', h['muscle'])} ({side}): {tp}"
    if h["kind"] == "entrapment":
        return f"{h['entrapment']} entrapment ({side}): {h.get('nerve', '')}"
    return f"{h['root']} nerve root ({side})"


def report_text(report: dict[str, Any]) -> str:
    lines: list[str] = ["TONUS ASSESSMENT", "=" * 16, ""]
    flags = report["red_flags"]
    if flags:
        lines.append("RED FLAGS: refer before treatment")
        for f in flags:
            lines.append(_wrap(f"! {f['id']} -> {f['to']} ({f['urgency']}): {f['reason']}"))
        lines.append("")
    if report.get("summary"):
        lines.append("WIDESPREAD PAIN")
        lines += [_wrap(x, "  ") for x in report["summary"]]
        lines.append("")
    if report.get("principles"):
        lines.append("The five principles")
        for p in report["principles"]:
            status = p["status"].replace("-", " ")
            lines.append(f"  {p['name']}: {status}")
            for f in p["findings"][:4]:
                lines.append(_wrap("- " + f, "      "))
            if p.get("not_examined"):
                lines.append(_wrap("not examined yet: " + p["not_examined"], "      "))
        lines.append("")
    lines.append("Likely sources (best first)")
    for h in report["hypotheses"]:
        lines.append(f"  {h['rank']:>2}. {_source_name(h)}  score {score_words(h['score'])}")
        if h["explains"]:
            lines.append(_wrap("explains: " + ", ".join(h["explains"]), "      "))
        if h["not_explained"]:
            lines.append(_wrap("not explained: " + ", ".join(h["not_explained"]), "      "))
        for e in h["evidence"][:4]:
            lines.append(_wrap("- " + e, "      "))
    exp = report["explanation"]
    if exp["sources"]:
        together = ", ".join(f"{s['id']} ({s['side']})" for s in exp["sources"])
        lines += ["", _wrap(f"Together these explain the drawing: {together}", "")]
        if exp["unexplained"]:
            lines.append(_wrap("Still unexplained: " + ", ".join(exp["unexplained"]), ""))
    if report.get("imbalance"):
        lines += ["", "Posture and muscle balance"]
        for item in report["imbalance"]:
            if "finding" in item:
                lines.append(_wrap(f"- {item['evidence']}"))
                lines.append(_wrap("shortened: " + ", ".join(item["shortened"]), "      "))
            else:
                lines.append(_wrap(f"- {item['name']}: {item['description']}"))
    lines += ["", "Examine first"]
    for step in report["examination_plan"]:
        what = (step.get("muscle") or step.get("entrapment") or step.get("root")
                or step.get("name"))
        lines.append(_wrap(f"{step['order']}. {what} ({step['side']}): {step['why']}"))
        if "palpate" in step and isinstance(step["palpate"], str):
            lines.append(_wrap("palpate: " + step["palpate"], "      "))
        for t in step.get("tests", [])[:3]:
            lines.append(_wrap("test: " + t, "      "))
        if "if_positive" in step:
            lines.append(_wrap("how: " + step["how"], "      "))
            lines.append(_wrap("if positive: " + step["if_positive"], "      "))
            lines.append(_wrap("if negative: " + step["if_negative"], "      "))
        else:
            lines.append(_wrap("confirms: " + step["confirms"], "      "))
    plan = report["treatment_plan"]
    lines += ["", f"Treatment plan ({plan['status']})"]
    for m in plan["muscles"]:
        lines.append(_wrap(f"{m['priority']}. {m['name']} ({m['side']}) - {m['why']}"))
        for t in m["techniques"][:2]:
            lines.append(_wrap(f"{t['technique']}, pressure {t['pressure']}/5, "
                               f"discomfort {t['discomfort_target']}: {t['how']}", "      "))
        lines.append(_wrap("then stretch: " + m["stretch"], "      "))
    for note in plan["pressure_limits"] + plan["nerve_sites"]:
        lines.append(_wrap("note: " + note))
    if plan.get("session"):
        lines.append(_wrap("session: " + plan["session"]["note"]))
    for ic in plan.get("ischemic_compression", [])[:3]:
        lines.append(_wrap(f"ischemic compression, {ic['name']} ({ic['side']}): {ic['why']}"))
    if plan["home_care"]:
        lines += ["", "Home care"] + [_wrap("- " + x) for x in plan["home_care"]]
    if plan["habit_advice"] or plan["education"]:
        lines += ["", "Education"]
        for item in plan["habit_advice"]:
            lines.append(_wrap(f"- {item['activity']}: {item['advice'][0]}"))
        lines += [_wrap("- " + x) for x in plan["education"]]
    if report["referrals"]:
        lines += ["", "Referrals"]
        for r in report["referrals"]:
            lines.append(_wrap(f"- to {r['to']} ({r['priority']}), factor {r['factor']}: "
                               f"{r['reason']}"))
    return "\n".join(lines)


def muscle_text(m: Muscle) -> str:
    lines = [m.name, "-" * len(m.name),
             _wrap(f"Origin: {m.attachments.origin}", ""),
             _wrap(f"Insertion: {m.attachments.insertion}", ""),
             _wrap(f"Action: {m.action}", ""), _wrap(f"Innervation: {m.innervation}", ""), ""]
    for tp in m.trigger_points:
        lines.append(f"{tp.id}: {tp.name}")
        lines.append(_wrap("palpate: " + tp.palpate))
        lines.append(_wrap("essential zone: " + ", ".join(tp.referral.essential)))
        if tp.referral.spillover:
            lines.append(_wrap("spillover zone: " + ", ".join(tp.referral.spillover)))
        if tp.other_symptoms:
            lines.append(_wrap("other symptoms: " + ", ".join(tp.other_symptoms)))
    lines += ["", _wrap("Activated by: " + ", ".join(m.activating), ""),
              _wrap("Associated: " + ", ".join(m.associated), "")]
    if m.entrapments:
        lines.append(_wrap("Can entrap: " + ", ".join(m.entrapments), ""))
    lines += ["", "Treatment", _wrap("position: " + m.treatment.client_position)]
    for t in m.treatment.techniques:
        lines.append(_wrap(f"{t.technique} (pressure {t.pressure}/5, discomfort "
                           f"{t.discomfort_target}): {t.how}"))
    lines.append(_wrap("stretch: " + m.treatment.stretch))
    lines += [_wrap("self-care: " + x) for x in m.treatment.self_care]
    lines += [_wrap("education: " + x) for x in m.treatment.education]
    lines += ["", "Sources: " + "; ".join(
        c.ref + (f" ch. {c.chapter}" if c.chapter else "") for c in m.sources)]
    return "\n".join(lines)
