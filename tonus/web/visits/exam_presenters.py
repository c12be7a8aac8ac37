"""The examination on the assessment page: recorded tests and neuro findings in words, the
tests the plan proposes (for one-tap recording), and "what changed" after a finding. The diff
itself is computed by the core (``tonus.core.changes``); this only puts it in words."""

from __future__ import annotations

from typing import Any

from tonus.core.changes import what_changed
from tonus.core.progress.exam_words import neuro_words, test_words
from tonus.web.visits.presenters import SIDE_WORDS, hypothesis_title, readable


def exam_findings_view(case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tests = case.get("tests", [])
    neuro = case.get("neuro", [])
    return {"tests": [{"index": i, "text": test_words(t)} for i, t in enumerate(tests)],
            "neuro": [{"index": i, "text": neuro_words(f)} for i, f in enumerate(neuro)]}


def proposed_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The next tests of the examination plan, best first, ready to record with one tap."""
    out = []
    for step in report.get("examination_plan", []):
        if step.get("kind") not in ("test", "neuro"):
            continue
        item = {"kind": step["kind"], "name": step.get("name", ""),
                "side": step.get("side", "r"), "side_word": SIDE_WORDS.get(step.get("side"), ""),
                "how": step.get("how", ""), "positive": step.get("positive", ""),
                "if_positive": readable(str(step.get("if_positive", ""))),
                "if_negative": readable(str(step.get("if_negative", "")))}
        if step["kind"] == "test":
            item["test"] = step["test"]
        else:
            item.update(step.get("neuro", {}))
            item["neuro_kind"] = step.get("neuro", {}).get("kind")
        out.append(item)
    return out


def _rank_words(rank: Any) -> str:
    return f"#{rank}" if rank else "not listed"


def changes_view(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """Who moved up or down after the last finding, and why, in words."""
    out = []
    for c in what_changed(before, after):
        title, _ = hypothesis_title(c["hypothesis"])
        why = [readable(w[2:]) for w in c["why"] if w.startswith("+ ")]
        gone = [readable(w[2:]) for w in c["why"] if w.startswith("- ")]
        if not why and not gone:
            why = ["no new evidence on this one: the others' scores changed around it"]
        out.append({
            "title": title, "direction": c["direction"],
            "arrow": {"up": "▲", "down": "▼", "new": "＋", "gone": "−"}[c["direction"]],
            "ranks": (f"stays {_rank_words(c['to_rank'])}" if c["from_rank"] == c["to_rank"]
                      else f"{_rank_words(c['from_rank'])} → {_rank_words(c['to_rank'])}"),
            "scores": f"{c['from_score']:.2f} → {c['to_score']:.2f}",
            "why": why, "gone": gone,
        })
    return out
