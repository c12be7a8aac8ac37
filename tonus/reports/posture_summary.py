"""A summary of posture deviations for people: each measure beyond its norm, the norm, and the
muscles the report's ``imbalance`` implicates (after the measures were assessed).

Pure: plain dicts in, plain dicts out, for the web page and for PDFs alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tonus.core.ids import vocabulary
from tonus.core.posture.geometry import MeasureResult
from tonus.core.posture.norms import definition_of

_SIDE_WORD = {"l": "left", "r": "right"}


def short_name(name: str) -> str:
    """'Pelvic (hip line) obliquity' -> 'Pelvic obliquity'."""
    return re.sub(r"\s*\([^)]*\)", "", name)


def unit_symbol(unit: str) -> str:
    return "°" if unit == "deg" else " cm"


def normal_range(measure_id: str) -> str:
    """'−2 to 2°' for a measure id (sided ids too)."""
    mdef, _ = definition_of(measure_id)
    low, high = mdef.normal
    return f"{low:g} to {high:g}{unit_symbol(mdef.unit)}".replace("-", "−")


def _finding_side(finding: str) -> str | None:
    return finding[-1] if finding[-2:] in ("-l", "-r") else None


def muscle_words(entry: str, finding: str) -> str:
    """'upper-trapezius (same)' for finding 'shoulder-elevated-r' -> 'Trapezius, upper fibres
    (right)'; 'opposite' and 'both' are resolved the same way."""
    muscle, _, rest = entry.partition(" (")
    side = rest.rstrip(")")
    own = _finding_side(finding)
    if side == "same" and own:
        side = _SIDE_WORD[own]
    elif side == "opposite" and own:
        side = _SIDE_WORD["r" if own == "l" else "l"]
    elif side == "both":
        side = "both sides"
    name = vocabulary().muscles.get(muscle) or muscle.replace("-", " ").capitalize()
    return f"{name} ({side})" if side else name


def deviation_summary(
    results: Iterable[MeasureResult], report: dict[str, Any] | None,
) -> dict[str, list[dict[str, Any]]]:
    """``{"deviations": [...], "syndromes": [...]}``.

    A deviation is a measure with a finding: its name, value, normal range, severity and
    finding, plus (when the report has assessed it) the meaning, the shortened and lengthened
    muscles and what to check. Syndromes are the report's posture syndromes.
    """
    imbalance = (report or {}).get("imbalance") or []
    by_finding = {entry["finding"]: entry for entry in imbalance if "finding" in entry}
    deviations = []
    for result in results:
        if result.finding is None or result.value is None:
            continue
        mdef, side = definition_of(result.id)
        finding = result.finding.finding
        entry = by_finding.get(finding)
        deviations.append({
            "measure": result.id,
            "name": short_name(mdef.name) + (f", {_SIDE_WORD[side]}" if side else ""),
            "value": f"{result.value:+.1f}{unit_symbol(result.unit)}".replace("-", "−"),
            "normal": normal_range(result.id),
            "severity": result.finding.severity,
            "finding": finding,
            "assessed": entry is not None,
            "meaning": entry.get("meaning", "") if entry else "",
            "shortened": [muscle_words(m, finding) for m in entry.get("shortened", [])]
            if entry else [],
            "lengthened": [muscle_words(m, finding) for m in entry.get("lengthened", [])]
            if entry else [],
            "check": list(entry.get("check", [])) if entry else [],
        })
    syndromes = [
        {"name": e.get("name", e["syndrome"]), "description": e.get("description", ""),
         "shortened": [muscle_words(m, "") for m in e.get("shortened", [])],
         "lengthened": [muscle_words(m, "") for m in e.get("lengthened", [])]}
        for e in imbalance if "syndrome" in e
    ]
    return {"deviations": deviations, "syndromes": syndromes}
