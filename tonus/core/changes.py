"""What changed between two reports of one visit: who moved up or down, and why.

Recording a finding re-assesses the case; the therapist sees the new ranking and, with this, the
hypotheses that moved, from which rank and score to which, with the evidence lines that appeared
or disappeared for each (the words the reasoning wrote for the finding, e.g. "test: Phalen test
(wrist flexion) (r) negative: odds x0.44"). Pure: works on two ``tonus.report/1`` objects.
"""

from __future__ import annotations

from typing import Any

CHANGES_AT_MOST = 6
MIN_SCORE_CHANGE = 0.05  # a move this large is shown even without new evidence of its own
_ID = ("muscle", "entrapment", "root")


def hypothesis_key(h: dict[str, Any]) -> tuple[str, str, str]:
    ident = next((str(h[k]) for k in _ID if h.get(k)), str(h.get("kind", "")))
    return str(h.get("kind", "")), ident, str(h.get("side", ""))


def what_changed(before: dict[str, Any] | None,
                 after: dict[str, Any]) -> list[dict[str, Any]]:
    """The hypotheses whose rank or score moved, largest move first.

    Each item: ``key`` (kind, id, side), ``hypothesis`` (the new entry, or the old one when it
    left the list), ``from_rank`` / ``to_rank`` (None when absent from that list),
    ``from_score`` / ``to_score``, ``direction`` (up, down, new, gone) and ``why``: the evidence
    lines that appeared (``+``) or disappeared (``-``).
    """
    if not before:
        return []
    old = {hypothesis_key(h): h for h in before.get("hypotheses", [])}
    new = {hypothesis_key(h): h for h in after.get("hypotheses", [])}
    out: list[dict[str, Any]] = []
    for key in dict.fromkeys([*new, *old]):
        a, b = old.get(key), new.get(key)
        from_score = float(a["score"]) if a else 0.0
        to_score = float(b["score"]) if b else 0.0
        from_rank = a.get("rank") if a else None
        to_rank = b.get("rank") if b else None
        old_ev = list(a.get("evidence", [])) if a else []
        new_ev = list(b.get("evidence", [])) if b else []
        if (from_rank == to_rank and old_ev == new_ev
                and abs(to_score - from_score) < MIN_SCORE_CHANGE):
            continue
        if a is None:
            direction = "new"
        elif b is None:
            direction = "gone"
        elif to_rank != from_rank:
            direction = "up" if (to_rank or 99) < (from_rank or 99) else "down"
        else:
            direction = "up" if to_score > from_score else "down"
        why = [f"+ {e}" for e in new_ev if e not in old_ev]
        why += [f"- {e}" for e in old_ev if e not in new_ev]
        out.append({
            "key": list(key), "hypothesis": b or a, "from_rank": from_rank,
            "to_rank": to_rank, "from_score": round(from_score, 3),
            "to_score": round(to_score, 3), "direction": direction, "why": why,
        })
    out.sort(key=lambda c: (-abs(float(c["to_score"]) - float(c["from_score"])),
                            int(c["to_rank"] or 99)))
    return out[:CHANGES_AT_MOST]
