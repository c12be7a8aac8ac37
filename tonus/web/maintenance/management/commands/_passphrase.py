"""Where backup commands read a passphrase: a file (--passphrase-file) or the environment
(TONUS_BACKUP_PASSPHRASE); never the command line, where other accounts could read it."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import CommandError, CommandParser


def add_passphrase_arguments(parser: CommandParser) -> None:
    parser.add_argument("--passphrase-file", type=Path,
                        help="file whose first line is the passphrase (else the environment "
                             "variable TONUS_BACKUP_PASSPHRASE, if set)")


def passphrase(options: dict[str, object]) -> str | None:
    path = options.get("passphrase_file")
    if isinstance(path, Path):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read the passphrase file: {error}") from None
        if not lines or not lines[0]:
            raise CommandError(f"The passphrase file {path} is empty.")
        return lines[0]
    return os.environ.get("TONUS_BACKUP_PASSPHRASE") or None
