"""``manage.py tonus_backup``: one consistent archive while the app runs (``tonus backup``)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tonus.web.maintenance.backup import BackupError, backup_create
from tonus.web.maintenance.management.commands._passphrase import (
    add_passphrase_arguments,
    passphrase,
)


class Command(BaseCommand):
    help = ("Back up the database, the media and the secret key into one archive (encrypted "
            "with a passphrase when one is given). Safe while Tonus is running.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="the archive to write (a new file)")
        parser.add_argument("--dir", type=Path,
                            help="folder for a dated archive (default TONUS_BACKUP_DIR, else "
                                 "<data folder>/backups)")
        parser.add_argument("--keep", type=int, default=0,
                            help="then delete all but the newest N archives in --dir (0: keep all)")
        add_passphrase_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        secret = passphrase(options)
        folder = options["dir"] or Path(os.environ.get("TONUS_BACKUP_DIR") or
                                        Path(settings.DATA_DIR) / "backups")
        output = options["output"]
        if output is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = folder / f"tonus-{stamp}.tar.gz{'.enc' if secret else ''}"
        try:
            manifest = backup_create(output, passphrase=secret)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = output.stat().st_size
        self.stdout.write(
            f"Wrote {output} ({size / 1e6:.1f} MB, {len(manifest['files'])} files, "
            f"{'encrypted' if secret else 'NOT encrypted'}); removed "
            f"{manifest['orphans_removed']} orphaned photo file(s).")
        if manifest["photos_deleted_during_backup"]:
            self.stderr.write(f"{len(manifest['photos_deleted_during_backup'])} photo(s) were "
                              "deleted while the backup ran; they are not in the archive.")
        if options["keep"] > 0 and options["output"] is None:
            archives = sorted(folder.glob("tonus-*.tar.gz*"))
            archives = [a for a in archives if not a.name.endswith(".part")]
            for old in archives[: -options["keep"]]:
                old.unlink()
                self.stdout.write(f"Deleted the older archive {old}")
