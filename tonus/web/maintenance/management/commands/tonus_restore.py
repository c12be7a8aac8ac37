"""``manage.py tonus_restore ARCHIVE``: verify an archive, restore it into an empty data folder
(``tonus restore``). ``--verify-only`` checks it and restores nothing (the restore drill)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tonus.web.maintenance.backup import BackupError, backup_restore, backup_verify
from tonus.web.maintenance.crypto import DecryptionError
from tonus.web.maintenance.management.commands._passphrase import (
    add_passphrase_arguments,
    passphrase,
)


class Command(BaseCommand):
    help = ("Verify a backup archive and restore it into an EMPTY data folder (and empty "
            "database); refuses to overwrite anything.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--verify-only", action="store_true",
                            help="check the archive (decrypt, every checksum); restore nothing")
        add_passphrase_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.")
        secret = passphrase(options)
        try:
            if options["verify_only"]:
                manifest = backup_verify(archive, passphrase=secret)
            else:
                manifest = backup_restore(archive, passphrase=secret)
        except (BackupError, DecryptionError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values()) if manifest["tables"] else None
        what = f"{len(manifest['files'])} files" + (f", {rows} rows" if rows is not None else "")
        if options["verify_only"]:
            self.stdout.write(f"The archive of {manifest['created_at']} is complete and intact "
                              f"({what}).")
        else:
            self.stdout.write(f"Restored the backup of {manifest['created_at']} ({what}). Next: "
                              "`make serve` (it applies any newer migrations).")
