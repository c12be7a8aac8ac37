"""Score the engine on written cases whose expected sources came from referral anatomy.

A case file is a ``tonus.case/1`` object with an ``expected`` block (see eval/README.md).
* top-k: some expected source (kind, id and side) is among the first k hypotheses;
* referral recall: of the professionals the case expects (referrals and red-flag destinations,
  an allowed alternative counting as the same), the share the report names;
* red-flag precision: the report names no red flag the case does not present.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_ID_FIELD = {"trigger-point": "muscle", "entrapment": "entrapment", "radicular": "root"}


def _matches(hyp: dict[str, Any], exp: dict[str, Any]) -> bool:
    kind = exp.get("kind")
    if hyp.get("kind") != kind or kind not in _ID_FIELD:
        return False
    key = _ID_FIELD[kind]
    if hyp.get(key) != exp.get(key):
        return False
    side = exp.get("side")
    return side is None or hyp.get("side") in (side, "midline")


@dataclass
class CaseResult:
    name: str
    area: str
    hit_rank: int | None  # rank of the first hypothesis matching any expected source
    referrals_expected: int
    referrals_found: int
    spurious_red_flags: list[str]
    missed_red_flags: list[str]
    top: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # the case's problems: counted as a miss


@dataclass
class EvalSummary:
    results: list[CaseResult]

    def top_k(self, k: int) -> float:
        hits = sum(1 for r in self.results if r.hit_rank is not None and r.hit_rank <= k)
        return hits / len(self.results) if self.results else 0.0

    def referral_recall(self) -> float:
        expected = sum(r.referrals_expected for r in self.results)
        found = sum(r.referrals_found for r in self.results)
        return found / expected if expected else 1.0

    def spurious_red_flags(self) -> int:
        return sum(len(r.spurious_red_flags) for r in self.results)

    def missed_red_flags(self) -> int:
        return sum(len(r.missed_red_flags) for r in self.results)


def evaluate_case(name: str, data: dict[str, Any]) -> CaseResult:
    from tonus.core.assess import assess
    from tonus.core.errors import CaseError

    expected = data.get("expected", {})
    case = {k: v for k, v in data.items() if k != "expected"}
    try:
        report = assess(case)
    except CaseError as error:  # a case the engine refuses is a miss, not a crash of the run
        n_wanted = len(dict.fromkeys(expected.get("referrals_to", [])))
        return CaseResult(name, expected.get("area", "?"), None, n_wanted, 0, [],
                          sorted(expected.get("red_flags", [])), invalid=list(error.problems))
    hit_rank = None
    for h in report["hypotheses"]:
        if any(_matches(h, e) for e in expected.get("sources", [])):
            hit_rank = h["rank"]
            break
    named = {r["to"] for r in report["referrals"]} | {f["to"] for f in report["red_flags"]}
    alternatives = expected.get("referral_alternatives", {})
    wanted = list(dict.fromkeys(expected.get("referrals_to", [])))
    found = sum(1 for w in wanted if w in named or set(alternatives.get(w, [])) & named)
    flags = {f["id"] for f in report["red_flags"]}
    exp_flags = set(expected.get("red_flags", []))
    top = []
    for h in report["hypotheses"][:3]:
        ident = h.get("muscle") or h.get("entrapment") or h.get("root")
        top.append(f"{ident}-{h['side']}")
    return CaseResult(name, expected.get("area", "?"), hit_rank, len(wanted), found,
                      sorted(flags - exp_flags), sorted(exp_flags - flags), top)


def evaluate_dir(folder: Path) -> EvalSummary:
    results = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        results.append(evaluate_case(path.stem, data))
    return EvalSummary(results)
