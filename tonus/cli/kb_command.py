"""``tonus kb check | muscle ID | refers-to REGION``: read the knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("kb", help="inspect the knowledge base")
    kb_sub = p.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate every knowledge file")
    check.set_defaults(run=run_check)
    muscle = kb_sub.add_parser("muscle", help="show one muscle")
    muscle.add_argument("id")
    muscle.add_argument("--format", choices=("text", "json"), default="text")
    muscle.set_defaults(run=run_muscle)
    refers = kb_sub.add_parser(
        "refers-to", help="every source with this region in a zone, essential first")
    refers.add_argument("region", help="a region id, sided (head-temple-r) or base (head-temple)")
    refers.add_argument("--format", choices=("text", "json"), default="text")
    refers.set_defaults(run=run_refers_to)
    tests = kb_sub.add_parser("tests", help="list the special tests, with their accuracy")
    tests.add_argument("--format", choices=("text", "json"), default="text")
    tests.set_defaults(run=run_tests)
    test = kb_sub.add_parser("test", help="show one special test")
    test.add_argument("id")
    test.add_argument("--format", choices=("text", "json"), default="text")
    test.set_defaults(run=run_test)


def run_check(args: argparse.Namespace) -> int:
    from tonus.core.errors import KnowledgeError
    from tonus.core.knowledge.loader import load_raw

    try:
        raw = load_raw()
    except KnowledgeError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    tps = sum(len(m.trigger_points) for m in raw.muscles.values())
    print(f"ok: {len(raw.muscles)} muscles ({tps} trigger points), {len(raw.entrapments)} "
          f"entrapment sites, {len(raw.nerve_roots.roots)} nerve roots, "
          f"{len(raw.posture.rules)} posture rules, {len(raw.factors.factors)} perpetuating "
          f"factors, {len(raw.red_flags.red_flags)} red flags, "
          f"{len(raw.activities.activities)} activities, "
          f"{len(raw.special_tests.tests)} special tests, "
          f"{len(raw.bibliography.references)} references")
    return 0


def run_muscle(args: argparse.Namespace) -> int:
    from tonus.core.knowledge.base import load_knowledge

    kb = load_knowledge()
    muscle = kb.muscles.get(args.id)
    if muscle is None:
        print(f"unknown muscle {args.id!r} (see muscles.yaml)", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(muscle.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from tonus.reports.text import muscle_text

    print(muscle_text(muscle))
    return 0


def refers_to(region: str) -> list[dict[str, Any]]:
    """Every source with the region in one of its zones, essential zones first."""
    from tonus.core.ids import vocabulary
    from tonus.core.knowledge.base import load_knowledge
    from tonus.core.reasoning.sources import source_index

    voc = vocabulary()
    if region in voc.regions:
        wanted = {region}
    elif region in voc.sided_region_bases:
        wanted = {f"{region}-l", f"{region}-r"}
    else:
        raise KeyError(region)
    index = source_index(load_knowledge())
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in sorted(wanted):
        for src, p in index.by_region.get(r, ()):
            zone = ("essential" if r in src.essential else
                    "spillover" if src.kind == "trigger-point" else "pain zone")
            key = (src.kind, src.ident, src.side)
            row = {"zone": zone, "kind": src.kind, "id": src.ident, "side": src.side,
                   "trigger_point": src.trigger_point, "region": r, "strength": p}
            if key not in rows or rows[key]["strength"] < p:
                rows[key] = row
    order = {"essential": 0, "spillover": 1, "pain zone": 2}
    return sorted(rows.values(), key=lambda x: (order[x["zone"]], -x["strength"], x["kind"],
                                                x["id"], x["side"]))


def run_refers_to(args: argparse.Namespace) -> int:
    try:
        rows = refers_to(args.region)
    except KeyError:
        print(f"unknown body region {args.region!r} (see body-regions.yaml)", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print(f"no source in the knowledge base refers to {args.region}")
    for row in rows:
        tp = f" {row['trigger_point']}" if row["trigger_point"] else ""
        print(f"{row['zone']:<10} {row['kind']:<14} {row['id']}{tp} ({row['side']})")
    return 0


def _test_row(test: Any) -> dict[str, Any]:
    from tonus.core.reasoning.findings import likelihood_ratios

    lr_pos, lr_neg = likelihood_ratios(test)
    row: dict[str, Any] = test.model_dump(mode="json", exclude_none=True)
    row["used_lr_positive"] = round(lr_pos, 2)
    row["used_lr_negative"] = round(lr_neg, 2)
    return row


def _bears_words(bears: Any) -> str:
    parts = [*bears.kinds, *(f"root {r}" for r in bears.roots), *bears.entrapments,
             *(f"{m} trigger points" for m in bears.muscles)]
    return ", ".join(parts)


def run_tests(args: argparse.Namespace) -> int:
    from tonus.core.knowledge.base import load_knowledge

    tests = sorted(load_knowledge().special_tests.values(), key=lambda t: (t.area, t.id))
    if args.format == "json":
        print(json.dumps([_test_row(t) for t in tests], indent=2, ensure_ascii=False))
        return 0
    for t in tests:
        row = _test_row(t)
        kind = "published" if t.published else "default"
        print(f"{t.id:<28} {t.area:<9} LR+ {row['used_lr_positive']:<5} "
              f"LR- {row['used_lr_negative']:<5} ({kind})  {_bears_words(t.bears_on)}")
    print(f"{len(tests)} tests")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from tonus.core.knowledge.base import load_knowledge

    kb = load_knowledge()
    t = kb.special_tests.get(args.id)
    if t is None:
        print(f"unknown test {args.id!r} (see `tonus kb tests`)", file=sys.stderr)
        return 2
    row = _test_row(t)
    if args.format == "json":
        print(json.dumps(row, indent=2, ensure_ascii=False))
        return 0
    print(f"{t.name} [{t.id}]")
    print(f"  how: {t.how}")
    print(f"  positive: {t.positive}")
    print(f"  bears on: {_bears_words(t.bears_on)}")
    if t.sensitivity is not None:
        print(f"  sensitivity {t.sensitivity:g}, specificity {t.specificity:g}")
    print(f"  likelihood ratios used: positive x{row['used_lr_positive']}, negative "
          f"x{row['used_lr_negative']} ({'published' if t.published else 'Tonus default'})")
    print(f"  accuracy: {t.accuracy}")
    for c in t.sources:
        ref = kb.references[c.ref]
        print(f"  source: {ref.citation}{f' ({c.chapter})' if c.chapter else ''}")
    return 0
