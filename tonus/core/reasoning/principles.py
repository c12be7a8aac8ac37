"""The five principles at a glance: for each, what this client's findings show and the
evidence, or "nothing found" with what has not been examined yet.

The principles, the signs of ischemia and their sources are data (``principles.yaml``); this
module only reads the case and the report's own findings against them.
"""

from __future__ import annotations

from typing import Any

from tonus.core.case.model import Case
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.knowledge.client_schema import Principles
from tonus.core.knowledge.rom import RESTRICTED_FRACTION, test_of
from tonus.core.progress.soap import region_words
from tonus.core.reasoning.widespread import WidespreadPain


def _words(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(i.replace("-", " ") for i in ids)


_NERVE_QUALITIES = {"numbness", "tingling", "burning", "cold", "heat", "weakness"}


def ischemia_signs(case: Case, widespread: WidespreadPain | None,
                   data: Principles | None = None) -> list[tuple[str, str]]:
    """(sign id, evidence in words) for each sign of ischemia this case shows."""
    data = data or client_knowledge().principles
    out: list[tuple[str, str]] = []
    eased = set(case.history.eased_by)
    for sign in data.ischemia_signs:
        if sign.id == "sustained-contraction":
            held = [a for a in case.activities if a in sign.activities]
            if held:
                out.append((sign.id, f"{sign.words}: {_words(held)}"))
        elif sign.id == "taut-band":
            bands = [f"{p.muscle} ({p.side})" for p in case.palpation if p.finding in (
                "taut-band", "active-trigger-point", "latent-trigger-point")]
            if bands:
                out.append((sign.id, f"{sign.words}: {', '.join(bands[:5])}"))
        elif sign.id == "cold-or-pale":
            cold = [region_words(m.region).lower() for m in case.pain if "cold" in m.qualities]
            if cold:
                out.append((sign.id, f"{sign.words}: {', '.join(cold[:5])}"))
        elif sign.id == "eased-by-movement-or-heat":
            hit = sorted(eased & set(sign.eased_by))
            if hit:
                out.append((sign.id, f"{sign.words}: eased by {' and '.join(hit)}"))
        elif sign.id == "widespread-pattern" and widespread is not None and widespread.widespread:
            out.append((sign.id, f"{sign.words}: WPI {widespread.wpi}/19 in "
                        f"{len(widespread.body_regions)} of 5 body regions"))
    return out


def _entry(pid: str, data: Principles, findings: list[str], evidence: list[str],
           examined: bool, status: str | None = None) -> dict[str, Any]:
    p = next(x for x in data.principles if x.id == pid)
    found = bool(findings)
    return {
        "principle": pid, "name": p.name, "meaning": p.meaning,
        "status": status or ("found" if found else "nothing-found"),
        "findings": findings, "evidence": evidence,
        # what to do next when nothing was examined for this principle yet
        "not_examined": None if (found or examined) else p.examine,
        "sources": [c.model_dump(exclude_none=True) for c in p.sources],
    }


def principles_block(case: Case, report: dict[str, Any], widespread: WidespreadPain | None,
                     data: Principles | None = None) -> list[dict[str, Any]]:
    """The report's ``principles`` list, in the seed's order."""
    data = data or client_knowledge().principles
    out: list[dict[str, Any]] = []

    # postural distortion: the imbalance block already says what the posture findings mean
    posture = [i for i in report.get("imbalance", []) if "finding" in i]
    syndromes = [i for i in report.get("imbalance", []) if "syndrome" in i]
    out.append(_entry(
        "postural-distortion", data,
        [f"{i['finding']} ({i['severity']})" for i in posture] + [s["name"] for s in syndromes],
        [i["evidence"] for i in posture if i.get("evidence")] + [i["meaning"] for i in posture],
        examined=bool(case.posture or case.measures)))

    # biomechanical disturbance: restricted range of motion, movement compensations, habits
    bio: list[str] = []
    for r in case.rom:
        test, side = test_of(r.test)
        if r.degrees < RESTRICTED_FRACTION * test.normal:
            bio.append(f"{test.name}{f' ({side})' if side else ''} restricted: {r.degrees:g}° "
                       f"of a normal {test.normal:g}°")
    for m in case.movement:
        bio.append(f"{m.finding} in the {m.screen} screen")
    evidence = [f"repeated habits: {_words(case.activities)}"] if bio and case.activities else []
    out.append(_entry("biomechanical-disturbance", data, bio, evidence,
                      examined=bool(case.rom or case.movement)))

    # ischemia: its own signs
    signs = ischemia_signs(case, widespread, data)
    # one sign alone (a desk job) only raises the suspicion; two or more make it a finding
    out.append(_entry("ischemia", data, [w for _, w in signs],
                      [f"{len(signs)} of the {len(data.ischemia_signs)} signs of ischemia"]
                      if signs else [],
                      examined=bool(case.palpation),
                      status="found" if len(signs) >= 2 else (
                          "suspected" if signs else "nothing-found")))

    # trigger points: palpated ones are found; the drawing alone makes them suspected
    palpated = [f"{p.finding.replace('-', ' ')} in {p.muscle} ({p.side})"
                f"{', reproduces the complaint' if p.reproduces_complaint else ''}"
                for p in case.palpation if p.finding in ("active-trigger-point",
                                                         "latent-trigger-point")]
    from_drawing = [f"{h['muscle_name']} ({h['side']}) would explain the "
                    f"{', '.join(region_words(r).lower() for r in h['explains'][:3])}"
                    for h in report.get("hypotheses", [])[:3] if h["kind"] == "trigger-point"]
    tp_status = "found" if palpated else ("suspected" if from_drawing else "nothing-found")
    out.append(_entry("trigger-points", data, palpated or from_drawing,
                      ["palpated by the therapist"] if palpated else (
                          ["the drawing matches their referral zones; confirm by palpation"]
                          if from_drawing else []),
                      examined=bool(case.palpation), status=tp_status))

    # nerve compression or entrapment
    nerve: list[str] = []
    for h in report.get("hypotheses", [])[:5]:
        if h["kind"] == "entrapment":
            nerve.append(f"{h['entrapment']} ({h['side']}): {h['nerve']}")
        elif h["kind"] == "radicular":
            nerve.append(f"{h['root']} nerve root ({h['side']})")
    for t in case.tests:
        if t.result == "positive":
            nerve.append(f"{t.test} positive")
    paresthesia = [region_words(m.region).lower() for m in case.pain
                   if set(m.qualities) & _NERVE_QUALITIES]
    nerve_evidence = ([f"numbness, tingling or weakness drawn in {', '.join(paresthesia[:5])}"]
                      if paresthesia else [])
    status = "found" if nerve and paresthesia else ("suspected" if nerve else "nothing-found")
    out.append(_entry("nerve-compression", data, nerve, nerve_evidence,
                      examined=bool(case.tests or case.neuro),
                      status=status))
    return out


def ischemic_compression_notes(plan_muscles: list[dict[str, Any]],
                               data: Principles | None = None) -> list[dict[str, Any]]:
    """Where in the plan ischemic compression is the technique, and why."""
    data = data or client_knowledge().principles
    out = []
    for e in plan_muscles:
        if any(t["technique"] == "ischemic-compression" for t in e["techniques"]):
            out.append({"muscle": e["muscle"], "name": e["name"], "side": e["side"],
                        "why": f"{e['why']}. {data.ischemic_compression.why}"})
    return out
