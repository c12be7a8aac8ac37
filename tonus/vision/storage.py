"""Content-addressed storage: ``root/ab/cd/<sha256>.jpg`` (photos; movement clips the same way
under their own root, ``.mp4``), atomic, private, verified.

A photo is written to a temporary file in its final directory, flushed to disk (fsync) and only
then renamed into place with ``os.replace``, so a reader never sees half a photo; on any error
the temporary file is removed (and the directories this call created, when left empty). Files
are private to the service account (mode 0600, directories 0700). A path that already holds the
same content is reused; a different file is never overwritten. Every read verifies the checksum.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Accepted(Protocol):
    """What intake hands to the store: an AcceptedPhoto or an AcceptedVideo."""

    @property
    def data(self) -> bytes: ...
    @property
    def sha256(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...

_SHA256 = re.compile(r"[0-9a-f]{64}")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class PhotoStorageError(Exception):
    """The photo store cannot store or return a photo."""


class PhotoNotFound(PhotoStorageError):  # noqa: N818 - reads as what went wrong
    """No photo with this checksum is stored."""


class PhotoIntegrityError(PhotoStorageError):
    """Stored bytes do not match their checksum (damaged file or tampering)."""


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    sha256: str
    path: Path
    size: int
    width: int
    height: int
    created: bool  # False when the same photo was already stored


def photo_path(root: Path, sha256: str, suffix: str = ".jpg") -> Path:
    """Where the photo with this checksum lives (``sha256`` must be 64 lowercase hex digits)."""
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise PhotoStorageError(f"not a SHA-256 checksum: {sha256!r}")
    return Path(root) / sha256[:2] / sha256[2:4] / f"{sha256}{suffix}"


def store_photo(root: Path, accepted: Accepted, suffix: str = ".jpg") -> StoredPhoto:
    """Store an accepted photo atomically; storing the same photo twice is a no-op."""
    data = accepted.data
    if hashlib.sha256(data).hexdigest() != accepted.sha256:
        raise PhotoIntegrityError("The photo's checksum does not match its data; not stored")
    final = photo_path(root, accepted.sha256, suffix)

    def result(created: bool) -> StoredPhoto:
        return StoredPhoto(sha256=accepted.sha256, path=final, size=len(data),
                           width=accepted.width, height=accepted.height, created=created)

    if _same_content_exists(final, accepted.sha256, suffix):
        return result(False)

    Path(root).mkdir(mode=0o700, parents=True, exist_ok=True)
    created_dirs = _make_dirs(final.parent, stop=Path(root))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=final.parent)
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if _same_content_exists(final, accepted.sha256, suffix):  # stored meanwhile
            os.unlink(tmp)
            tmp = None
            return result(False)
        os.replace(tmp, final)
        tmp = None
        _fsync_dir(final.parent)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for directory in reversed(created_dirs):
            with contextlib.suppress(OSError):
                directory.rmdir()  # only succeeds when empty
        raise
    return result(True)


def delete_photo(root: Path, sha256: str, suffix: str = ".jpg") -> bool:
    """Delete a stored photo and the folders it leaves empty; False when it was not there."""
    path = photo_path(root, sha256, suffix)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    prune_empty_folders(Path(root), path.parent)
    return True


def prune_empty_folders(root: Path, start: Path) -> int:
    """Remove ``start`` and its parents while they are empty, up to (not including) ``root``."""
    removed = 0
    current = start
    while current != root and root in current.parents:
        try:
            current.rmdir()  # only succeeds when empty
        except OSError:
            break
        removed += 1
        current = current.parent
    return removed


def read_photo(root: Path, sha256: str, suffix: str = ".jpg") -> bytes:
    """The stored photo's bytes, verified against ``sha256``."""
    path = photo_path(root, sha256, suffix)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except FileNotFoundError:
        raise PhotoNotFound(f"No stored photo {sha256}") from None
    with os.fdopen(fd, "rb") as f:
        data = f.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise PhotoIntegrityError(
            f"The stored photo {sha256} is damaged (its checksum does not match)")
    return data


def store_clip(root: Path, accepted: Accepted) -> StoredPhoto:
    """Store an accepted movement clip (``.mp4``), as photos are stored."""
    return store_photo(root, accepted, ".mp4")


def read_clip(root: Path, sha256: str) -> bytes:
    return read_photo(root, sha256, ".mp4")


def clip_path(root: Path, sha256: str) -> Path:
    return photo_path(root, sha256, ".mp4")


def delete_clip(root: Path, sha256: str) -> bool:
    """Delete a stored clip and the folders it leaves empty, as photos are deleted."""
    return delete_photo(root, sha256, ".mp4")


def _same_content_exists(final: Path, sha256: str, suffix: str = ".jpg") -> bool:
    """True when ``final`` holds exactly this photo; raise when it holds something else."""
    try:
        existing = read_photo(final.parent.parent.parent, sha256, suffix)
    except PhotoNotFound:
        return False
    except PhotoIntegrityError:
        raise PhotoIntegrityError(
            f"A different file already exists at {final}; it was left untouched") from None
    return len(existing) > 0


def _make_dirs(directory: Path, *, stop: Path) -> list[Path]:
    """Create ``directory`` and its missing parents below ``stop``; return those created."""
    missing: list[Path] = []
    current = directory
    while current != stop and not current.exists():
        missing.append(current)
        current = current.parent
    created: list[Path] = []
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
        except FileExistsError:
            continue
        created.append(d)
    return created


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
