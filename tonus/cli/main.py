"""The ``tonus`` command: a thin layer over the clinical core.

Imports are lazy (inside each command) so that a fresh ``tonus assess`` starts fast.
Exit codes: 0 success, 1 a failed check (``kb check``, ``eval``), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    from tonus.cli import (
        assess_command,
        atlas_command,
        backup_command,
        eval_command,
        kb_command,
    )

    parser = argparse.ArgumentParser(
        prog="tonus", description="Tonus: reasoning support for neuromuscular therapists.")
    sub = parser.add_subparsers(dest="command", required=True)
    assess_command.add_parser(sub)
    kb_command.add_parser(sub)
    atlas_command.add_parser(sub)
    eval_command.add_parser(sub)
    backup_command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
