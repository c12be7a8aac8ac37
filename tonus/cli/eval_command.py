"""``tonus eval [FOLDER]``: print top-1 / top-3 accuracy and referral recall on written cases."""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("eval", help="score the engine on cases with expected answers")
    p.add_argument("folders", nargs="*", default=["eval/cases"],
                   help="one or more folders of cases; each is reported as its own set")
    p.add_argument("--verbose", "-v", action="store_true", help="one line per case")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    for i, name in enumerate(args.folders):
        if len(args.folders) > 1:
            print(("\n" if i else "") + f"== {name}")
        status = max(status, _run_set(Path(name), args.verbose))
    return status


def _run_set(folder: Path, verbose: bool) -> int:
    from tonus.cli.evaluation import evaluate_dir

    summary = evaluate_dir(folder)
    if not summary.results:
        print(f"no case in {folder}")
        return 1
    if verbose:
        for r in summary.results:
            mark = f"rank {r.hit_rank}" if r.hit_rank else ("INVALID" if r.invalid else "MISS")
            extra = ""
            if r.referrals_found < r.referrals_expected:
                extra += f" referrals {r.referrals_found}/{r.referrals_expected}"
            if r.spurious_red_flags or r.missed_red_flags:
                extra += f" red flags +{r.spurious_red_flags} -{r.missed_red_flags}"
            print(f"{r.name:<45} {mark:<8} top3: {', '.join(r.top)}{extra}")
    by_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in summary.results:
        by_area[r.area][1] += 1
        if r.hit_rank is not None and r.hit_rank <= 3:
            by_area[r.area][0] += 1
    n = len(summary.results)
    print(f"cases: {n}")
    for r in summary.results:
        if r.invalid:
            print(f"  {r.name}: refused by the engine, counted as a miss: {'; '.join(r.invalid)}")
    print(f"top-1 accuracy: {summary.top_k(1):.1%}")
    print(f"top-3 accuracy: {summary.top_k(3):.1%}")
    print(f"referral recall: {summary.referral_recall():.1%}")
    print(f"red flags: {summary.missed_red_flags()} missed, "
          f"{summary.spurious_red_flags()} spurious")
    for area, (hit, total) in sorted(by_area.items()):
        print(f"  top-3 {area}: {hit}/{total}")
    return 0
