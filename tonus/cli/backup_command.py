"""``tonus backup`` and ``tonus restore ARCHIVE``: the clinic's data, safe and restorable.

The CLI never imports the web app (import-linter: tonus.cli stays a thin layer that runs without
a web framework). These two commands act on the web app's data, so they run its management
commands (tonus.web.maintenance) in a child process, ``python -m django tonus_backup ...`` with
the web settings (ADR 0007). A passphrase is asked for on the terminal (``--encrypt``) or taken
from a file or TONUS_BACKUP_PASSPHRASE, and reaches the child through its environment only.
"""

from __future__ import annotations

import argparse
import getpass
import os
import subprocess
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser(
        "backup", help="one consistent archive of the database, media and secret key (safe "
                       "while Tonus runs)")
    backup.add_argument("--output", help="the archive to write (a new file)")
    backup.add_argument("--dir", help="folder for a dated archive (default TONUS_BACKUP_DIR, "
                                      "else <data folder>/backups)")
    backup.add_argument("--keep", type=int, help="then keep only the newest N archives in --dir")
    backup.add_argument("--encrypt", action="store_true",
                        help="ask for a passphrase and encrypt the archive")
    backup.add_argument("--passphrase-file", help="encrypt with the first line of this file")
    backup.set_defaults(run=run_backup)

    restore = sub.add_parser(
        "restore", help="verify an archive and restore it into an EMPTY data folder")
    restore.add_argument("archive")
    restore.add_argument("--verify-only", action="store_true",
                         help="check the archive completely, restore nothing")
    restore.add_argument("--passphrase-file", help="the passphrase of an encrypted archive")
    restore.set_defaults(run=run_restore)


def _manage(command: list[str], passphrase: str | None) -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "tonus.web.settings")
    if passphrase:
        env["TONUS_BACKUP_PASSPHRASE"] = passphrase
    return subprocess.call([sys.executable, "-m", "django", *command], env=env)


def _ask(confirm: bool) -> str | None:
    if not sys.stdin.isatty():
        print("--encrypt needs a terminal to ask for the passphrase; use --passphrase-file "
              "or TONUS_BACKUP_PASSPHRASE instead", file=sys.stderr)
        return None
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Passphrase again: ") != first:
        print("The passphrases differ.", file=sys.stderr)
        return None
    return first or None


def run_backup(args: argparse.Namespace) -> int:
    command = ["tonus_backup"]
    for flag in ("output", "dir", "keep", "passphrase_file"):
        value = getattr(args, flag)
        if value is not None:
            command += [f"--{flag.replace('_', '-')}", str(value)]
    passphrase = None
    if args.encrypt and not args.passphrase_file:
        passphrase = _ask(confirm=True)
        if passphrase is None:
            return 2
    return _manage(command, passphrase)


def run_restore(args: argparse.Namespace) -> int:
    command = ["tonus_restore", args.archive]
    if args.verify_only:
        command.append("--verify-only")
    if args.passphrase_file:
        command += ["--passphrase-file", args.passphrase_file]
    passphrase = None
    if not args.passphrase_file and not os.environ.get("TONUS_BACKUP_PASSPHRASE"):
        with open(args.archive, "rb") as f:  # an encrypted archive: ask for its passphrase
            if f.read(8) == b"TONUSENC" and sys.stdin.isatty():
                passphrase = _ask(confirm=False)
    return _manage(command, passphrase)
