"""``tonus assess CASE.json [--format json|text|html]`` as case-format.md specifies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("assess", help="assess a tonus.case/1 JSON file")
    p.add_argument("case", help="path to the case JSON (- for standard input)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.set_defaults(run=run)


def _fail(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.case == "-" else Path(args.case).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail([f"{args.case}: cannot read the case file: {exc}"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail([f"{args.case}: not valid JSON: line {exc.lineno} column {exc.colno}: "
                      f"{exc.msg}"])
    from tonus.core.assess import assess
    from tonus.core.errors import CaseError, KnowledgeError

    try:
        report = assess(data)
    except CaseError as exc:
        return _fail(exc.problems)
    except KnowledgeError as exc:
        return _fail(["knowledge base invalid:", *exc.problems])
    if args.format == "json":
        out = json.dumps(report, indent=2, ensure_ascii=False)
    elif args.format == "html":
        from tonus.reports.html import report_html

        out = report_html(report, data)
    else:
        from tonus.reports.text import report_text

        out = report_text(report)
    sys.stdout.write(out + "\n")
    return 0
