"""Stored files (posture photos, movement clips) no database row refers to, and the empty
folders they leave.

An upload stores the file first and commits its row second (tonus.web.stored_files), so a
crash in between leaves a file without a row. Such a file holds a client's photo or video that
nothing shows, exports or erases: it is deleted here. Files younger than ``grace`` are left
alone, as their upload may still be committing. Leftover temporary files of interrupted writes
(``.incoming-*.part``) are removed the same way.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from tonus.vision.storage import prune_empty_folders
from tonus.web.movement.models import MovementClip
from tonus.web.posture.models import PosturePhoto

GRACE = datetime.timedelta(hours=1)


@dataclass
class Cleanup:
    removed: list[Path] = field(default_factory=list)
    kept_recent: int = 0
    folders_removed: int = 0


def photo_orphans_cleanup(root: Path, *, grace: datetime.timedelta = GRACE,
                          dry_run: bool = False) -> Cleanup:
    """Delete photo files (and temporary files) without a row, older than ``grace``."""
    known = set(PosturePhoto.objects.values_list("sha256", flat=True))
    return _orphans_cleanup(root, known, ".jpg", grace=grace, dry_run=dry_run)


def clip_orphans_cleanup(root: Path, *, grace: datetime.timedelta = GRACE,
                         dry_run: bool = False) -> Cleanup:
    """Delete movement-clip files (and temporary files) without a row, older than ``grace``."""
    known = set(MovementClip.objects.values_list("sha256", flat=True))
    return _orphans_cleanup(root, known, ".mp4", grace=grace, dry_run=dry_run)


def _orphans_cleanup(root: Path, known: set[str], suffix: str, *, grace: datetime.timedelta,
                     dry_run: bool) -> Cleanup:
    result = Cleanup()
    if not root.is_dir():
        return result
    stored_name = re.compile(r"[0-9a-f]{64}" + re.escape(suffix))
    cutoff = time.time() - grace.total_seconds()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        is_stored = stored_name.fullmatch(path.name) is not None
        if is_stored and path.name[:64] in known:
            continue
        if not is_stored and not path.name.startswith(".incoming-"):
            continue  # not ours: leave it
        if path.stat().st_mtime > cutoff:
            result.kept_recent += 1
            continue
        result.removed.append(path)
        if not dry_run:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            result.folders_removed += prune_empty_folders(root, path.parent)
    if not dry_run:  # folders emptied earlier (e.g. by a crash) go too
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
                result.folders_removed += 1
    return result
