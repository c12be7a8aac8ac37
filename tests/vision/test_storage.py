"""Photo storage: content-addressed, atomic, private, never half-written, verified on read."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest
from PIL import Image

from tonus.vision.intake import AcceptedPhoto, accept_photo
from tonus.vision.storage import (
    PhotoIntegrityError,
    PhotoNotFound,
    PhotoStorageError,
    photo_path,
    read_photo,
    store_photo,
)


@pytest.fixture
def accepted() -> AcceptedPhoto:
    buf = io.BytesIO()
    Image.new("RGB", (480, 640), (120, 80, 40)).save(buf, "JPEG")
    return accept_photo(buf.getvalue(), filename="client.jpg")


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if not p.is_dir()]


def test_store_then_read(tmp_path: Path, accepted: AcceptedPhoto) -> None:
    stored = store_photo(tmp_path, accepted)
    sha = accepted.sha256
    assert stored.path == tmp_path / sha[:2] / sha[2:4] / f"{sha}.jpg"
    assert stored.created and stored.size == len(accepted.data)
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.path.parent.stat().st_mode) == 0o700
    assert read_photo(tmp_path, sha) == accepted.data
    assert _files(tmp_path) == [stored.path]  # no temporary file left behind


def test_storing_twice_reuses_the_file(tmp_path: Path, accepted: AcceptedPhoto) -> None:
    first = store_photo(tmp_path, accepted)
    mtime = first.path.stat().st_mtime_ns
    again = store_photo(tmp_path, accepted)
    assert not again.created and again.path == first.path
    assert first.path.stat().st_mtime_ns == mtime


def test_a_different_file_is_never_overwritten(tmp_path: Path, accepted: AcceptedPhoto) -> None:
    path = photo_path(tmp_path, accepted.sha256)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"something else")
    with pytest.raises(PhotoIntegrityError, match="different file already exists"):
        store_photo(tmp_path, accepted)
    assert path.read_bytes() == b"something else"


def test_failure_mid_write_leaves_nothing(
    tmp_path: Path, accepted: AcceptedPhoto, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        store_photo(tmp_path, accepted)
    assert list(tmp_path.rglob("*")) == []  # no temp file, no empty folders


def test_failure_while_writing_leaves_nothing(
    tmp_path: Path, accepted: AcceptedPhoto, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        store_photo(tmp_path, accepted)
    assert list(tmp_path.rglob("*")) == []


def test_refused_photo_leaves_nothing(tmp_path: Path) -> None:
    from tonus.vision.intake import PhotoRejected

    with pytest.raises(PhotoRejected):
        store_photo(tmp_path, accept_photo(b"not a photo at all", filename="x.jpg"))
    assert list(tmp_path.rglob("*")) == []


def test_checksum_verified_on_read(tmp_path: Path, accepted: AcceptedPhoto) -> None:
    stored = store_photo(tmp_path, accepted)
    damaged = bytearray(stored.path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    stored.path.write_bytes(bytes(damaged))
    with pytest.raises(PhotoIntegrityError, match="damaged"):
        read_photo(tmp_path, accepted.sha256)


def test_mismatched_accepted_photo_is_not_stored(tmp_path: Path, accepted: AcceptedPhoto) -> None:
    forged = AcceptedPhoto(data=accepted.data + b"x", width=accepted.width,
                           height=accepted.height, sha256=accepted.sha256,
                           original_format="JPEG")
    with pytest.raises(PhotoIntegrityError):
        store_photo(tmp_path, forged)
    assert list(tmp_path.rglob("*")) == []


def test_missing_and_malformed_ids(tmp_path: Path) -> None:
    with pytest.raises(PhotoNotFound):
        read_photo(tmp_path, hashlib.sha256(b"nothing").hexdigest())
    for bad in ("../../etc/passwd", "ABC", "a" * 63, "g" * 64):
        with pytest.raises(PhotoStorageError, match="not a SHA-256"):
            read_photo(tmp_path, bad)
