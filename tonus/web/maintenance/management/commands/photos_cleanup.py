"""``manage.py photos_cleanup``: delete photo and movement-clip files without a database row
(also run by backup)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tonus.web.maintenance.orphans import clip_orphans_cleanup, photo_orphans_cleanup
from tonus.web.movement.services import clip_root
from tonus.web.posture.services import photo_root


class Command(BaseCommand):
    help = ("Delete stored photo and movement-clip files that no record refers to (and empty "
            "folders).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")
        parser.add_argument("--grace-minutes", type=int, default=60,
                            help="leave files younger than this (an upload may be committing)")

    def handle(self, *args: Any, **options: Any) -> None:
        grace = datetime.timedelta(minutes=options["grace_minutes"])
        result = photo_orphans_cleanup(photo_root(), grace=grace, dry_run=options["dry_run"])
        clips = clip_orphans_cleanup(clip_root(), grace=grace, dry_run=options["dry_run"])
        result.removed += clips.removed
        result.kept_recent += clips.kept_recent
        result.folders_removed += clips.folders_removed
        verb = "Would delete" if options["dry_run"] else "Deleted"
        for path in result.removed:
            self.stdout.write(f"{verb} {path}")
        self.stdout.write(
            f"{verb} {len(result.removed)} orphaned file(s); {result.kept_recent} recent file(s) "
            f"left for now; {result.folders_removed} empty folder(s) removed.")
